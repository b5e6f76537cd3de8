import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { toString as qrSvg } from 'qrcode';
import { AppError, ErrorCode } from '../common/app-error';
import { Env } from '../config/env';
import { Locale, Role } from '../court/roles';
import { ActiveUsers } from '../users/active-users';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { SecondFactorRepository } from './second-factor.repository';
import {
  formatRecoveryCode,
  mayDisableTotp,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  TOTP_SECRET_BYTES,
  TOTP_TOLERANCE_SECONDS,
} from './second-factor-rules';
import { SECOND_FACTOR_TEXT, SecondFactorProblem } from './second-factor-texts';
import { SecretBox } from './secret-box';

/** What a sign-in may carry after the password. */
export interface SecondFactorAnswer {
  totp?: string;
  recoveryCode?: string;
}

export interface EnrolmentStarted {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/** 429 after too many wrong codes; the error filter sets Retry-After. */
export class SecondFactorThrottled extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    locale: Locale,
  ) {
    const message = SECOND_FACTOR_TEXT.TOTP_THROTTLED[locale];
    super(ErrorCode.TOO_MANY_REQUESTS, message, [{ code: 'TOTP_THROTTLED', message }]);
  }
}

export function secondFactorError(
  code: ErrorCode,
  problem: SecondFactorProblem,
  locale: Locale,
  field?: string,
): AppError {
  const message = SECOND_FACTOR_TEXT[problem][locale];
  return new AppError(code, message, [{ ...(field ? { field } : {}), code: problem, message }]);
}

function hashRecoveryCode(userId: string, code: string): Buffer {
  return createHash('sha256').update(`${userId}:${code}`).digest();
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i += 1) {
    code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  }
  return code;
}

/**
 * Two-factor sign-in with TOTP (RFC 6238, otplib): enrolment (a secret shown once, as a QR code
 * and as text), its confirmation with a first code (which gives ten single-use recovery codes),
 * the check at sign-in, turning it off and an administrator's reset. The rules are in
 * second-factor-rules.ts; this service applies them.
 */
@Injectable()
export class SecondFactorService {
  private readonly logger = new Logger('SecondFactor');
  private readonly box: SecretBox;

  constructor(
    private readonly repository: SecondFactorRepository,
    private readonly activeUsers: ActiveUsers,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly env: Env,
  ) {
    this.box = new SecretBox(env.TOTP_SECRET_KEY ?? env.JWT_SECRET);
  }

  /** Starts enrolment with a new secret (again, if one was started and not confirmed). */
  async start(user: { id: string; email: string }, locale: Locale): Promise<EnrolmentStarted> {
    const secret = generateSecret({ length: TOTP_SECRET_BYTES });
    const started = await this.repository.start(user.id, this.box.seal(secret, user.id));
    if (!started) throw secondFactorError(ErrorCode.CONFLICT, 'TOTP_ALREADY_ENABLED', locale);
    const otpauthUri = generateURI({
      issuer: TOTP_ISSUER,
      label: user.email,
      secret,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    });
    const svg = await qrSvg(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const qrCode = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
    return { secret, otpauthUri, qrCode };
  }

  /** Confirms enrolment with a code of the new secret; the recovery codes, shown this once. */
  async confirm(userId: string, code: string, locale: Locale): Promise<string[]> {
    const enrolment = await this.repository.find(userId);
    if (!enrolment || enrolment.enabledAt) {
      const problem = enrolment ? 'TOTP_ALREADY_ENABLED' : 'TOTP_NOT_STARTED';
      throw secondFactorError(ErrorCode.CONFLICT, problem, locale);
    }
    await this.countAttempt(userId, locale);
    const timeStep = await this.matchingTimeStep(userId, enrolment.secretEncrypted, code, null);
    if (timeStep === null) {
      throw secondFactorError(ErrorCode.BAD_REQUEST, 'TOTP_WRONG', locale, 'code');
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const enabled = await this.repository.enable(
      userId,
      timeStep,
      codes.map((c) => hashRecoveryCode(userId, c)),
    );
    if (!enabled) throw secondFactorError(ErrorCode.CONFLICT, 'TOTP_NOT_STARTED', locale);
    this.activeUsers.forget(userId);
    return codes.map(formatRecoveryCode);
  }

  /**
   * The second step of a sign-in whose password was right: nothing for a user without an enabled
   * second factor; else a code of the authenticator (each time step once) or an unused recovery
   * code. 401 TOTP_REQUIRED without one, 401 TOTP_WRONG for a wrong one, 429 after too many.
   */
  async checkSignIn(userId: string, answer: SecondFactorAnswer, locale: Locale): Promise<void> {
    const enrolment = await this.repository.find(userId);
    if (!enrolment?.enabledAt) return;
    if (!answer.totp && !answer.recoveryCode) {
      throw secondFactorError(ErrorCode.UNAUTHORIZED, 'TOTP_REQUIRED', locale);
    }
    await this.countAttempt(userId, locale);
    if (!(await this.codeWorks(userId, enrolment, answer))) {
      throw secondFactorError(ErrorCode.UNAUTHORIZED, 'TOTP_WRONG', locale);
    }
  }

  /**
   * Turns one's own second factor off, with the password already checked by the caller or with a
   * current code; refused when the role requires one.
   */
  async disable(
    user: { id: string; role: Role },
    answer: { password?: string; code?: string },
    locale: Locale,
  ): Promise<void> {
    if (!mayDisableTotp(user, this.env.REQUIRE_TOTP_ROLES)) {
      throw secondFactorError(ErrorCode.FORBIDDEN, 'TOTP_REQUIRED_FOR_ROLE', locale);
    }
    const enrolment = await this.repository.find(user.id);
    if (!enrolment?.enabledAt) {
      throw secondFactorError(ErrorCode.CONFLICT, 'TOTP_NOT_ENABLED', locale);
    }
    // The password or a code proves it is the owner at the keyboard; both count as guesses.
    await this.countAttempt(user.id, locale);
    const proven = answer.password
      ? await this.passwordWorks(user.id, answer.password)
      : await this.codeWorks(user.id, enrolment, { totp: answer.code });
    if (!proven) {
      throw secondFactorError(ErrorCode.BAD_REQUEST, 'TOTP_CONFIRMATION_WRONG', locale);
    }
    await this.repository.remove(user.id, 'DISABLED', user.id);
    this.activeUsers.forget(user.id);
  }

  /** An administrator removes a user's second factor (recorded); true when there was one. */
  async reset(userId: string, actorId: string): Promise<boolean> {
    const removed = await this.repository.remove(userId, 'RESET_BY_ADMIN', actorId);
    this.activeUsers.forget(userId);
    return removed;
  }

  status(userId: string) {
    return this.repository.status(userId);
  }

  history(userId: string) {
    return this.repository.history(userId);
  }

  private async passwordWorks(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findWithPasswordHash(userId);
    return !!user && (await this.hasher.verify(password, user.passwordHash));
  }

  private async countAttempt(userId: string, locale: Locale): Promise<void> {
    const retryAfter = await this.repository.reserveAttempt(userId);
    if (retryAfter !== null) throw new SecondFactorThrottled(retryAfter, locale);
  }

  private async codeWorks(
    userId: string,
    enrolment: { secretEncrypted: Buffer; lastTimeStep: number | null },
    answer: SecondFactorAnswer,
  ): Promise<boolean> {
    if (answer.totp) {
      const timeStep = await this.matchingTimeStep(
        userId,
        enrolment.secretEncrypted,
        answer.totp,
        enrolment.lastTimeStep,
      );
      return timeStep !== null && (await this.repository.takeTimeStep(userId, timeStep));
    }
    const code = normalizeRecoveryCode(answer.recoveryCode ?? '');
    return code !== null && this.repository.useRecoveryCode(userId, hashRecoveryCode(userId, code));
  }

  /** The time step the code belongs to (within the drift allowed, after `after`), or null. */
  private async matchingTimeStep(
    userId: string,
    sealed: Buffer,
    code: string,
    after: number | null,
  ): Promise<number | null> {
    const secret = this.box.open(sealed, userId);
    if (secret === null) {
      this.logger.warn(
        `the TOTP secret of user ${userId} does not open with this TOTP_SECRET_KEY (or JWT_SECRET): the user needs a recovery code or an administrator's reset`,
      );
      return null;
    }
    const token = code.replace(/\s/g, '');
    if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
    try {
      const result = await verify({
        secret,
        token,
        digits: TOTP_DIGITS,
        period: TOTP_PERIOD_SECONDS,
        epochTolerance: TOTP_TOLERANCE_SECONDS,
        ...(after !== null ? { afterTimeStep: after } : {}),
      });
      return result.valid && 'timeStep' in result ? result.timeStep : null;
    } catch {
      // otplib refuses an afterTimeStep beyond the window (a clock moved back): no code works then.
      return null;
    }
  }
}
