import type { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { Committee, Locale, Role } from '../../src/court/roles';
import { Env, validateEnv } from '../../src/config/env';
import { createApp } from '../../src/create-app';
import { createTestDatabase, withSql } from './test-database';
import type { Client } from 'pg';

export const ADMIN_EMAIL = 'admin@test.court.la';
export const ADMIN_PASSWORD = 'admin-password-123';
export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  role: Role;
}

export interface TestApp {
  app: NestFastifyApplication;
  env: Env;
  http: () => TestAgent;
  databaseUrl: string;
  admin: TestUser;
  /** Creates a user through the API (as ADMIN) and signs them in. */
  user: (
    role: Role,
    extra?: { committees?: Committee[]; agencyCode?: string; locale?: Locale; name?: string },
  ) => Promise<TestUser>;
  sql: <T>(fn: (client: Client) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}

let counter = 0;

/** Boots the real app on its own fresh database and the real Redis. */
export async function startTestApp(
  label: string,
  overrides: Record<string, string> = {},
  options: {
    mapDatabaseUrl?: (url: string) => string;
    /** Extra modules mounted beside the API (probe routes of a test). */
    imports?: (Type | DynamicModule)[];
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const env = validateEnv({
    NODE_ENV: 'test',
    // The fault tests route the app's connections through a proxy they can cut.
    DATABASE_URL: options.mapDatabaseUrl ? options.mapDatabaseUrl(database.url) : database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PASSWORD_SCRYPT_LOG_N: '12',
    // Each test file has its own queues, so parallel files never take each other's jobs.
    QUEUE_PREFIX: database.name,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  });
  const app = await createApp(env, { imports: options.imports });
  // createApp waited for Fastify's ready(): every plugin is loaded before supertest calls in.
  const http = () => request(app.getHttpServer());

  const login = async (email: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ email, password });
    if (res.status !== 200)
      throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { accessToken: string; user: { id: string; role: Role } };
  };
  const adminLogin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const admin: TestUser = {
    id: adminLogin.user.id,
    email: ADMIN_EMAIL,
    token: adminLogin.accessToken,
    role: Role.ADMIN,
  };

  return {
    app,
    env,
    http,
    databaseUrl: database.url,
    admin,
    user: async (role, extra = {}) => {
      counter += 1;
      const email = `${role.toLowerCase()}${counter}.${Date.now().toString(36)}@test.court.la`;
      const res = await http()
        .post('/api/users')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({
          email,
          name: extra.name ?? `${role} ${counter}`,
          password: PASSWORD,
          role,
          locale: extra.locale ?? 'en',
          ...(extra.committees ? { committees: extra.committees } : {}),
          ...(extra.agencyCode ? { agencyCode: extra.agencyCode } : {}),
        });
      if (res.status !== 201)
        throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
      const session = await login(email, PASSWORD);
      return { id: res.body.id, email, token: session.accessToken, role };
    },
    sql: (fn) => withSql(database.url, fn),
    close: async () => {
      await app.close();
      await database.drop();
      await dropQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    },
  };
}

/** The file's queues lived under its own prefix: remove them so test runs leave Redis as they found it. */
async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis may be down on purpose (fault tests): nothing to clean then.
  } finally {
    redis.disconnect();
  }
}
