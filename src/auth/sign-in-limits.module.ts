import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { SignInLimitInterceptor } from './sign-in-limit.interceptor';
import { SignInLimits } from './sign-in-limits';
import { SignInLockNotices } from './sign-in-lock-notices';

/**
 * The sign-in budgets and locks shared through Redis, the e-mail to a locked account's owner,
 * the interceptor both sign-in routes wear, and the Redis storage of @nestjs/throttler's other
 * limits (src/auth/redis-throttler-storage.ts). The account module imports it too: choosing a
 * new password by a reset link lifts the lock.
 */
@Module({
  imports: [UsersModule, NotificationsModule],
  providers: [SignInLimits, SignInLockNotices, SignInLimitInterceptor, RedisThrottlerStorage],
  exports: [SignInLimits, SignInLockNotices, SignInLimitInterceptor, RedisThrottlerStorage],
})
export class SignInLimitsModule {}
