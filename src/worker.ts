import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Logger, LoggerModule } from 'nestjs-pino';
import { AppConfigModule } from './config/config.module';
import { Env, EnvValidationError, validateEnv } from './config/env';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseUnavailableError, prepareDatabase } from './database/prepare-database';
import { QueuesModule } from './jobs/queues.module';
import { WorkersModule } from './jobs/workers.module';
import { pinoHttpOptions } from './logging';
import { OutboxModule } from './outbox/outbox.module';

/** Workers only: the outbox relay and a BullMQ worker per queue; no HTTP listener. */
@Module({})
export class WorkerAppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        AppConfigModule.forRoot(env),
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(env) }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(env.DATABASE_URL),
          autoLoadEntities: true,
          retryAttempts: 0,
        }),
        OutboxModule,
        QueuesModule,
        WorkersModule,
      ],
    };
  }
}

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  await prepareDatabase(env.DATABASE_URL, env.MIGRATIONS_RUN);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(env), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: stop taking jobs, let the ones in hand finish, then close connections.
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((error: unknown) => {
  if (error instanceof EnvValidationError || error instanceof DatabaseUnavailableError) {
    console.error(error.message);
  } else {
    console.error(`Worker start-up failed: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
