import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './support/redis-server';
import { dropDatabase, withSql, TEST_PG_BASE } from './support/test-database';

// Runs the compiled service as an operator would (`npm start` = build + node dist/src/main.js).
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

function dbUrl(name: string): string {
  const url = new URL(TEST_PG_BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('starting the service', () => {
  beforeAll(() => {
    if (!existsSync(MAIN))
      throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does it first)');
  });

  it.each([
    ['PORT=abc', { PORT: 'abc' }, /PORT/],
    ['a malformed DATABASE_URL', { DATABASE_URL: 'mysql://nowhere' }, /DATABASE_URL/],
    [
      'an unreachable database',
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/guidelines' },
      /Cannot connect to PostgreSQL/,
    ],
  ])('exits non-zero with a one-line reason for %s', async (_label, env, reason) => {
    const proc = run(env as Record<string, string>);
    const code = await proc.exit;
    const { stdout, stderr } = proc.output();
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(stderr + stdout).not.toMatch(/\n\s+at /);
  });

  const strongProduction = {
    NODE_ENV: 'production',
    JWT_SECRET: 'f3a9c41e8b27d05c6e9a1f4b3d8c72e0a5b6c9d1e2f30718',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/guidelines',
  };

  it('gets past the settings in production when they are strong (then stops at the database)', async () => {
    const proc = run(strongProduction);
    expect(await proc.exit).not.toBe(0);
    expect(proc.output().stderr.trim()).toMatch(/^Cannot connect to PostgreSQL/);
  });

  it.each([
    ['JWT_SECRET missing', { JWT_SECRET: '' }, /^Invalid configuration: JWT_SECRET is required/],
    [
      'JWT_SECRET of 16 characters',
      { JWT_SECRET: 'aaaaaaaaaaaaaaaa' },
      /^Invalid configuration: JWT_SECRET must be at least 32 characters/,
    ],
    [
      'a low-entropy JWT_SECRET',
      { JWT_SECRET: 'secret-secret-secret-secret-secret' },
      /^Invalid configuration: JWT_SECRET looks low-entropy/,
    ],
    [
      'PASSWORD_SCRYPT_LOG_N=10',
      { PASSWORD_SCRYPT_LOG_N: '10' },
      /^Invalid configuration: PASSWORD_SCRYPT_LOG_N must be at least 15/,
    ],
    [
      'JWT_TTL_SECONDS of a year',
      { JWT_TTL_SECONDS: '31536000' },
      /^Invalid configuration: JWT_TTL_SECONDS must be at most 86400/,
    ],
    [
      'a low-entropy TOTP_SECRET_KEY',
      { TOTP_SECRET_KEY: 'totp-totp-totp-totp-totp-totp-totp' },
      /^Invalid configuration: TOTP_SECRET_KEY looks low-entropy/,
    ],
    [
      'REQUIRE_TOTP_ROLES naming no role',
      { REQUIRE_TOTP_ROLES: 'ADMIN,CLERK' },
      /^Invalid configuration: REQUIRE_TOTP_ROLES must be roles among /,
    ],
  ])(
    'refuses a production start with %s: exits with one line naming it',
    async (_label, weak, reason) => {
      const proc = run({ ...strongProduction, ...weak });
      const code = await proc.exit;
      const { stdout, stderr } = proc.output();
      expect(code).not.toBe(0);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(reason);
      expect(stdout).toBe('');
    },
  );

  it('creates its database on an empty PostgreSQL, migrates, and serves /health/ready and /api/docs', async () => {
    const name = `test_startup_${Date.now().toString(36)}`;
    const port = await freePort();
    const proc = run({ DATABASE_URL: dbUrl(name), PORT: String(port), QUEUE_PREFIX: name });
    try {
      let ready: Response | null = null;
      for (let i = 0; i < 100 && !ready; i += 1) {
        ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
        if (!ready) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready?.status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
      expect(docs.status).toBe(200);
      const migrated = await withSql(
        dbUrl(name),
        async (c) => (await c.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n,
      );
      expect(migrated).toBeGreaterThanOrEqual(2);
      // Development without JWT_SECRET: a random secret of this start, said in the log, no default.
      expect(proc.output().stdout).toMatch(
        /JWT_SECRET is not set: this start signs tokens with the random secret [A-Za-z0-9_-]{43} /,
      );
      // And the two-factor secrets encrypted under it would not open after a restart: said too.
      expect(proc.output().stdout).toMatch(
        /Neither TOTP_SECRET_KEY nor JWT_SECRET is set: two-factor secrets enrolled now .* will not open after a restart/,
      );
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exit;
      await dropDatabase(name);
    }
  });
});
