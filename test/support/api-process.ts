import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { Env } from '../../src/config/env';
import { workerEnvOf } from './worker-process';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  http: () => TestAgent;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A second API process beside a test app: `src/main.ts` (what `npm start` runs, compiled) in a
 * child process of its own on the same database, Redis and JWT_SECRET, without workers, through
 * @swc-node/register so the test needs no build. Resolves once it answers /health/live.
 */
export async function spawnApi(env: Env, extra: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const vars = workerEnvOf(env, {
    PORT: String(port),
    JWT_SECRET: env.JWT_SECRET,
    JWT_TTL_SECONDS: String(env.JWT_TTL_SECONDS),
    PASSWORD_SCRYPT_LOG_N: String(env.PASSWORD_SCRYPT_LOG_N),
    WORKERS: 'off',
    ...extra,
  });
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    child,
    url,
    http: () => request(url),
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  // Listening is announced by the first answer to /health/live (each try waits for its answer).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited:\n${out}`);
    const live = await fetch(`${url}/health/live`).then(
      (res) => res.ok,
      () => false,
    );
    if (live) return api;
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`the API process did not answer within 60 s:\n${out}`);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exited,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 100))),
    ]);
    clearTimeout(timer);
  }
}
