import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvValidationError, validateEnv } from './config/env';
import { DatabaseUnavailableError, prepareDatabase } from './database/prepare-database';
import { WorkerAppModule } from './worker-app.module';

/** `npm run start:worker`: workers only (no HTTP listener); any number may run beside the API. */
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
