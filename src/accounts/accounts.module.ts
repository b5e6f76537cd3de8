import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SignInLimitsModule } from '../auth/sign-in-limits.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UsersModule } from '../users/users.module';
import { AccountsController } from './accounts.controller';
import { PasswordChangeService } from './password-change.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetsRepository } from './password-resets.repository';

/**
 * A person's own account: changing the password, and resetting a forgotten one by e-mail. The
 * worker process imports this module for the reset link's job; the routes are in
 * {@link AccountsApiModule} (they need the sign-in throttler of the API).
 */
@Module({
  imports: [UsersModule, NotificationsModule, OutboxModule, SignInLimitsModule],
  providers: [PasswordChangeService, PasswordResetService, PasswordResetsRepository],
  exports: [PasswordChangeService, PasswordResetService],
})
export class AccountsModule {}

/** The account routes, in the API only. */
@Module({
  imports: [AccountsModule, AuthModule],
  controllers: [AccountsController],
})
export class AccountsApiModule {}
