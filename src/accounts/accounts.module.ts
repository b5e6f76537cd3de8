import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UsersModule } from '../users/users.module';
import { AccountsController } from './accounts.controller';
import { PasswordChangeService } from './password-change.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetsRepository } from './password-resets.repository';

/** A person's own account: changing the password, and resetting a forgotten one by e-mail. */
@Module({
  imports: [UsersModule, NotificationsModule, OutboxModule],
  controllers: [AccountsController],
  providers: [PasswordChangeService, PasswordResetService, PasswordResetsRepository],
  exports: [PasswordResetService],
})
export class AccountsModule {}
