import { Global, Logger, Module } from '@nestjs/common';
import { Env, jwtSecretGenerated } from './env';

/**
 * Provides the validated {@link Env} to every module. The environment is validated before the
 * Nest container is built (see main.ts), so a bad variable stops the process with one line.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(env: Env) {
    if (jwtSecretGenerated(env) && env.NODE_ENV !== 'test') {
      // Written out so a developer can sign a token by hand; it dies with this process.
      new Logger('Config').warn(
        `JWT_SECRET is not set: this start signs tokens with the random secret ${env.JWT_SECRET} (tokens end when the process stops). Set JWT_SECRET before going live.`,
      );
      if (!env.TOTP_SECRET_KEY) {
        new Logger('Config').warn(
          'Neither TOTP_SECRET_KEY nor JWT_SECRET is set: two-factor secrets enrolled now are encrypted with this start’s random key and will not open after a restart (their owners then need a recovery code or an administrator’s reset). Set TOTP_SECRET_KEY.',
        );
      }
    }
    return {
      module: AppConfigModule,
      providers: [{ provide: Env, useValue: env }],
      exports: [Env],
    };
  }
}
