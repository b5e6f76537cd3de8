import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { buildApiDocument } from './common/api-document';
import { readJsonBodies, refuseUnexpectedBodies } from './common/request-bodies';
import { refuseNulInAddress } from './common/request-bounds';
import { UPLOAD_LIMITS } from './common/upload';
import { createValidationPipe } from './common/validation';
import { Env } from './config/env';
import { requestIdOf } from './logging';
import { measureHttpRequests } from './metrics/http-metrics';
import { UsersService } from './users/users.service';

/** The largest JSON body any route reads (uploads have their own limit: src/common/upload.ts). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** Extra modules mounted beside the API (tests mount probe routes this way). */
  imports?: (Type | DynamicModule)[];
}

/** Builds the HTTP application: used by main.ts and by the e2e tests, so both see the same edge. */
export async function createApp(
  env: Env,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const root: DynamicModule = AppModule.forRoot(env);
  if (options.imports?.length) root.imports = [...(root.imports ?? []), ...options.imports];
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-* is believed only from the proxies TRUST_PROXY names (none by default).
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY.split(',').map((p) => p.trim()) : false,
    // Registered at start with the limits of every upload route (src/common/upload.ts).
    multipart: { limits: UPLOAD_LIMITS },
    genReqId: requestIdOf,
  });
  // Before any middleware or plugin, so every answer carries it, refusals included.
  adapter.setOnRequestHook((request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    // JSON only, through readJsonBodies below; Nest's own parsers stay off.
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // First of the hooks below, so refusals at the edge are counted too.
  measureHttpRequests(fastify);
  refuseNulInAddress(fastify);
  readJsonBodies(fastify, BODY_LIMIT_BYTES);
  refuseUnexpectedBodies(fastify);
  // No upgrade-insecure-requests: a court's intranet may serve the app over plain http on a LAN address.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(fastifyCookie);
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      // bull-board (src/queue-dashboard/queue-dashboard.module.ts) lives outside /api.
      { path: 'admin/queues', method: RequestMethod.ALL },
      { path: 'admin/queues/*splat', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, buildApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // Fastify loads its plugins (helmet, cookies, static files, multipart, bull-board) here: after
  // this, the server answers in full, also to callers that bypass listen() (supertest).
  await fastify.ready();
  await app.get(UsersService).ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  return app;
}
