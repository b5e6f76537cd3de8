import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { Env } from './config/env';
import { UsersService } from './users/users.service';

export const BODY_LIMIT = '1mb';

/** Builds the HTTP application: used by main.ts and by the e2e tests, so both see the same edge. */
export async function createApp(env: Env): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // No upgrade-insecure-requests: a court's intranet may serve the app over plain http on a LAN address.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.set('trust proxy', 'loopback');
  // No ETag hashing of every JSON body: versions run to hundreds of kilobytes and clients re-read them fresh.
  app.set('etag', false);
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Court guidelines workflow')
      .setDescription(
        'Guidelines for victim-sensitive courts from first draft to adoption: versions, comments, stages, interagency review.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  await app.get(UsersService).ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  return app;
}
