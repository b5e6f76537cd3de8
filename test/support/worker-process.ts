import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Env } from '../../src/config/env';

const ROOT = join(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  output: () => string;
}

/** The settings a worker process needs to share the test app's database, Redis and queues. */
export function workerEnvOf(env: Env, extra: Record<string, string> = {}): Record<string, string> {
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: String(env.OUTBOX_POLL_MS),
    JOB_LOCK_MS: String(env.JOB_LOCK_MS),
    EMAIL_ATTEMPTS: String(env.EMAIL_ATTEMPTS),
    EMAIL_BACKOFF_MS: String(env.EMAIL_BACKOFF_MS),
    REMINDER_DELAY_DIVISOR: String(env.REMINDER_DELAY_DIVISOR),
    REMINDER_HORIZON_HOURS: String(env.REMINDER_HORIZON_HOURS),
    REMINDER_SWEEP_MS: String(env.REMINDER_SWEEP_MS),
    REVIEW_REMINDER_DAYS: env.REVIEW_REMINDER_DAYS.join(','),
    REVIEW_OVERDUE_EVERY_DAYS: String(env.REVIEW_OVERDUE_EVERY_DAYS),
    REMINDER_HOUR: String(env.REMINDER_HOUR),
    DIGEST_HOUR: String(env.DIGEST_HOUR),
    APP_TIMEZONE: env.APP_TIMEZONE,
    PUBLIC_URL: env.PUBLIC_URL,
    ...(env.SMTP_URL ? { SMTP_URL: env.SMTP_URL } : {}),
    ...extra,
  };
  return vars;
}

/**
 * `src/worker.ts` (what `npm run start:worker` runs, compiled) in a child process of its own,
 * through @swc-node/register so the test needs no build.
 */
export function spawnWorker(vars: Record<string, string>): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'src', 'worker.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, exited, output: () => out };
}
