import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../config/env';
import { UsersModule } from '../users/users.module';
import { SecondFactorModule } from '../second-factor/second-factor.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { SignInLimitsModule } from './sign-in-limits.module';

@Module({
  imports: [
    UsersModule,
    SecondFactorModule,
    SignInLimitsModule,
    JwtModule.registerAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to
        // parse it as a public key on every verification, a measurable cost per request.
        secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
        signOptions: { expiresIn: env.JWT_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Named throttler of the routes that wear @Throttle({login}) and a guard of their own (the
    // password change, answer links); sign-in itself is limited through Redis (SignInLimitsModule).
    ThrottlerModule.forRootAsync({
      imports: [SignInLimitsModule],
      inject: [RedisThrottlerStorage],
      useFactory: (storage: RedisThrottlerStorage) => ({
        throttlers: [{ name: 'login', ttl: 60_000, limit: 10 }],
        storage,
      }),
    }),
  ],
  controllers: [AuthController, SessionsController],
  providers: [AuthService, SessionsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SignInLimitsModule],
})
export class AuthModule {}
