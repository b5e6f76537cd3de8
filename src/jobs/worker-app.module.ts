import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { dataSourceOptions } from '../database/data-source-options';
import { pinoHttpOptions } from '../logging';
import { OutboxModule } from '../outbox/outbox.module';
import { QueuesModule } from './queues.module';
import { WorkersModule } from './workers.module';

/** The worker process (src/worker.ts): the outbox relay and a BullMQ worker per queue; no HTTP. */
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
