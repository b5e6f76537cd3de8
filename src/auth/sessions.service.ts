import { Injectable } from '@nestjs/common';
import { UserErrorCode, UserException } from '../users/user.exception';
import { AuthErrorCode, AuthException } from './auth.exception';
import { ActiveUsers } from '../users/active-users';
import { SessionsRepository } from '../users/sessions.repository';
import { UsersRepository } from '../users/users.repository';
import { SessionListView } from './session-list.dto';

/** One's own open sessions, and an administrator's "sign out everywhere". */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly activeUsers: ActiveUsers,
  ) {}

  async listOwn(userId: string, currentSessionId: string): Promise<SessionListView> {
    const open = await this.sessions.listOpen(userId);
    return {
      items: open.map((s) => ({
        id: s.id,
        current: s.id === currentSessionId,
        device: s.device,
        address: s.address,
        signedInAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
      })),
    };
  }

  /** Ends one of the caller's own sessions (the current one too); 404 for any other. */
  async endOwn(userId: string, sessionId: string): Promise<void> {
    if (!(await this.sessions.end(sessionId, 'ENDED_BY_USER', userId))) {
      throw new AuthException(AuthErrorCode.SESSION_NOT_FOUND);
    }
    // Other API processes hear of it from the database (see ActiveUsers); this one forgets now.
    this.activeUsers.forget(sessionId);
  }

  /** An administrator signs a user out of every device. */
  async endAllOf(userId: string): Promise<number> {
    if (!(await this.users.findById(userId))) throw new UserException(UserErrorCode.USER_NOT_FOUND);
    const ended = await this.sessions.endAll(userId, 'ENDED_BY_ADMIN');
    this.activeUsers.forget(userId);
    return ended;
  }
}
