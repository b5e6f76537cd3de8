import { Global, Logger, Module } from '@nestjs/common';
import { Env, DEV_JWT_SECRET } from './env';

/**
 * Provides the validated {@link Env} to every module. The environment is validated before the
 * Nest container is built (see main.ts), so a bad variable stops the process with one line.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(env: Env) {
    if (env.JWT_SECRET === DEV_JWT_SECRET && env.NODE_ENV !== 'test') {
      new Logger('Config').warn(
        'JWT_SECRET is not set: using the development secret. Set it before going live.',
      );
    }
    return {
      module: AppConfigModule,
      providers: [{ provide: Env, useValue: env }],
      exports: [Env],
    };
  }
}
