import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { renderSignInLockedMessage } from '../notifications/account-messages';
import { Notifier } from '../notifications/notifier.service';
import { formatMoment, NotificationKind } from '../notifications/templates';
import { UsersRepository } from '../users/users.repository';
import type { LockSet } from './sign-in-limits';

/**
 * Tells the owner of an active account, by e-mail in their language, that their e-mail address
 * was locked after failed sign-ins (through the notifications' outbox, like every e-mail). Once
 * per lock: the lock's id is the message's dedupe key. An e-mail without an active account gets
 * nothing (and the caller's answer is the same either way).
 */
@Injectable()
export class SignInLockNotices {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly notifier: Notifier,
    private readonly env: Env,
  ) {}

  /** Returns the notification's id, or null when there is no one to tell (or they were told). */
  tell(email: string, lock: LockSet): Promise<string | null> {
    return this.db.transaction(async (manager) => {
      const user = await this.users.findActiveByEmail(manager, email.trim());
      if (!user) return null;
      const resetLink = this.notifier.link('/#/forgot');
      const message = renderSignInLockedMessage(user.locale, {
        email: user.email,
        failures: this.env.SIGN_IN_LOCK_AFTER,
        minutes: this.env.SIGN_IN_LOCK_MINUTES,
        until: formatMoment(lock.until, user.locale, this.env.APP_TIMEZONE),
        resetLink,
      });
      return this.notifier.tell(manager, user, {
        kind: NotificationKind.SIGN_IN_LOCKED,
        dedupeKey: `sign-in-locked-${lock.id}`,
        ...message,
        link: resetLink,
        inApp: false,
      });
    });
  }
}
