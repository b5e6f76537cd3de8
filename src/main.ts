import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './create-app';
import { EnvValidationError, validateEnv } from './config/env';
import { DatabaseUnavailableError, prepareDatabase } from './database/prepare-database';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  await prepareDatabase(env.DATABASE_URL, env.MIGRATIONS_RUN);
  const app = await createApp(env);
  // Every interface, as Node's own default: IPv6 and IPv4 where the machine has IPv6, else IPv4.
  await app.listen(env.PORT, '::').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') throw error;
    return app.listen(env.PORT, '0.0.0.0');
  });
}

bootstrap().catch((error: unknown) => {
  // A bad setting or an unreachable database: one line, no stack trace.
  if (error instanceof EnvValidationError || error instanceof DatabaseUnavailableError) {
    console.error(error.message);
  } else {
    console.error(`Start-up failed: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
