import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { PasswordPolicy } from '../common/password-policy';
import { Env } from '../config/env';
import { OutboxWriter } from '../outbox/outbox.writer';
import { JOB, PasswordResetRequestedPayload } from '../queues/queues';
import { renderPasswordResetMessage, USED_RESET_BODY } from '../notifications/account-messages';
import { Notifier } from '../notifications/notifier.service';
import { NotificationKind } from '../notifications/templates';
import { ActiveUsers } from '../users/active-users';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { SignInLimits } from '../auth/sign-in-limits';
import { accountError } from './account-errors';
import { AccountErrorCode } from './account.exception';
import { RESET_TOKEN_PATTERN } from './account.dto';
import { PasswordResetsRepository } from './password-resets.repository';

/** A reset link works this long after it was asked for. */
export const RESET_LINK_MINUTES = 30;
/** Requests are counted per e-mail and per client address over this window. */
const REQUEST_WINDOW_SECONDS = 3600;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A forgotten password, by e-mail. Asking does the same work for every address, known or not (it
 * counts and records the request and writes one job), so neither the answer nor its time tells
 * whether an account exists; the worker then sends a single-use link, valid 30 minutes, only to an
 * active account. The link's token is only in the e-mail: the database keeps its SHA-256.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly notifier: Notifier,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly activeUsers: ActiveUsers,
    private readonly signInLimits: SignInLimits,
    private readonly env: Env,
  ) {}

  /**
   * Records a request (429 past the limits, with the seconds to wait). `address`: the client's.
   * Returns nothing a caller could tell addresses apart by.
   */
  async request(email: string, address: string): Promise<{ retryAfterSeconds: number } | null> {
    const normalized = email.trim().toLowerCase();
    return this.db.transaction(async (manager) => {
      const counts = await this.resets.lockAndCount(
        manager,
        normalized,
        address,
        REQUEST_WINDOW_SECONDS,
      );
      if (
        counts.byEmail >= this.env.PASSWORD_RESET_PER_EMAIL ||
        counts.byAddress >= this.env.PASSWORD_RESET_PER_ADDRESS
      ) {
        return { retryAfterSeconds: counts.retryAfterSeconds };
      }
      const requestId = await this.resets.recordRequest(manager, normalized, address);
      await this.outbox.enqueue(manager, {
        name: JOB.PASSWORD_RESET_REQUESTED,
        jobId: `password-reset-${requestId}`,
        payload: { requestId },
      });
      return null;
    });
  }

  /** 429 in the reader's language. */
  throttled(): AppError {
    return accountError(AccountErrorCode.RESET_THROTTLED);
  }

  /**
   * The worker's half: when the request's address is an active account, a link goes to it (once
   * per request, however often the job runs). Returns whether a link was written now.
   */
  sendLink({ requestId }: PasswordResetRequestedPayload): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const request = await this.resets.findRequest(manager, requestId);
      if (!request) return false;
      const expiresAt = new Date(request.requestedAt.getTime() + RESET_LINK_MINUTES * 60_000);
      // A job delayed past the link's life (Redis was down for long) sends nothing useless.
      if (expiresAt.getTime() <= Date.now()) return false;
      const user = await this.users.findActiveByEmail(manager, request.email);
      if (!user) return false;
      const token = randomBytes(32).toString('base64url');
      const tokenId = await this.resets.createToken(manager, {
        userId: user.id,
        requestId,
        tokenHash: sha256(token),
        expiresAt,
      });
      if (!tokenId) return false;
      // The token travels in the address's fragment: browsers never send it to a server.
      const link = this.notifier.link(`/#/reset?token=${token}`);
      const message = renderPasswordResetMessage(user.locale, {
        email: user.email,
        link,
        minutes: RESET_LINK_MINUTES,
      });
      const notificationId = await this.notifier.tell(manager, user, {
        kind: NotificationKind.PASSWORD_RESET,
        dedupeKey: `password-reset-${requestId}`,
        ...message,
        link,
        inApp: false,
      });
      if (notificationId) await this.resets.attachNotification(manager, tokenId, notificationId);
      if (!this.notifier.emailEnabled) {
        this.logger.warn('A password reset link could not be sent: e-mail is off (SMTP_URL)');
      }
      return true;
    });
  }

  /**
   * Sets a new password with a link's token: 400 for a token used, expired, revoked or unknown
   * (and for a password the policy refuses, the token then still good). Every other link of the
   * user stops working, "must change" is lifted, and a sign-in lock of the e-mail is lifted
   * (only its owner could read the link).
   */
  async confirm(token: string, password: string): Promise<void> {
    const invalid = () => accountError(AccountErrorCode.RESET_LINK_INVALID, 'token');
    if (!RESET_TOKEN_PATTERN.test(token)) throw invalid();
    const tokenHash = sha256(token);
    const open = await this.resets.findOpen(this.db.manager, tokenHash);
    if (!open) throw invalid();
    this.policy.assertAcceptable(password, open);
    const passwordHash = await this.hasher.hash(password);
    await this.db.transaction(async (manager) => {
      if (!(await this.resets.use(manager, open.id))) throw invalid();
      if (!(await this.users.setOwnPassword(manager, open.userId, passwordHash, null))) {
        throw invalid();
      }
      const carriers = await this.resets.revokeAll(manager, open.userId);
      await this.notifier.dropLinks(manager, carriers, USED_RESET_BODY);
    });
    this.activeUsers.forget(open.userId);
    await this.signInLimits.unlock(open.email);
  }
}
