import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordPolicy } from '../common/password-policy';
import { AuthUser } from '../court/roles';
import { USED_RESET_BODY } from '../notifications/account-messages';
import { Notifier } from '../notifications/notifier.service';
import { ActiveUsers } from '../users/active-users';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { accountError } from './account-errors';
import { AccountErrorCode } from './account.exception';
import { PasswordResetsRepository } from './password-resets.repository';

/**
 * A signed-in user changes their own password: the current one is required, the new one passes
 * the password policy, and a temporary password ("must change") is lifted. Every open reset link
 * of the user stops working.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly notifier: Notifier,
    private readonly activeUsers: ActiveUsers,
  ) {}

  async change(caller: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findWithPasswordHash(caller.id);
    if (!user || !(await this.hasher.verify(currentPassword, user.passwordHash))) {
      throw accountError(AccountErrorCode.CURRENT_PASSWORD_WRONG, 'currentPassword');
    }
    this.policy.assertAcceptable(newPassword, user, 'newPassword');
    if (newPassword === currentPassword) {
      throw accountError(AccountErrorCode.PASSWORD_UNCHANGED, 'newPassword');
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (manager) => {
      // Only over the password just checked: a change or reset that came first wins.
      const changed = await this.users.setOwnPassword(
        manager,
        user.id,
        passwordHash,
        user.passwordHash,
      );
      if (!changed) {
        throw accountError(AccountErrorCode.PASSWORD_CHANGED_MEANWHILE);
      }
      const carriers = await this.resets.revokeAll(manager, user.id);
      await this.notifier.dropLinks(manager, carriers, USED_RESET_BODY);
    });
    // Other API processes hear of it from the database (see ActiveUsers); this one forgets now.
    this.activeUsers.forget(user.id);
  }
}
