import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { toString as qrSvg } from 'qrcode';
import { detail } from '../common/app-error';
import { SecondFactorErrorCode, SecondFactorException } from './second-factor.exception';
import { Env } from '../config/env';
import { Role } from '../court/roles';
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
import { SecondFactorProblem } from './second-factor-texts';
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
export class SecondFactorThrottled extends SecondFactorException {
  constructor(readonly retryAfterSeconds: number) {
    super(SecondFactorErrorCode.TOTP_THROTTLED, {}, [
      detail('TOTP_THROTTLED', {}, { code: 'TOTP_THROTTLED' }),
    ]);
  }
}

/** A second-factor refusal, its problem's code (and field) in `details[0]`. */
export function secondFactorError(
  code: SecondFactorErrorCode,
  field?: string,
  problem: SecondFactorProblem = code as SecondFactorProblem,
): SecondFactorException {
  return new SecondFactorException(code, {}, [
    detail(problem, {}, { ...(field ? { field } : {}), code: problem }),
  ]);
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
  async start(user: { id: string; email: string }): Promise<EnrolmentStarted> {
    const secret = generateSecret({ length: TOTP_SECRET_BYTES });
    const started = await this.repository.start(user.id, this.box.seal(secret, user.id));
    if (!started) throw secondFactorError(SecondFactorErrorCode.TOTP_ALREADY_ENABLED);
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
  async confirm(userId: string, code: string): Promise<string[]> {
    const enrolment = await this.repository.find(userId);
    if (!enrolment || enrolment.enabledAt) {
      throw secondFactorError(
        enrolment
          ? SecondFactorErrorCode.TOTP_ALREADY_ENABLED
          : SecondFactorErrorCode.TOTP_NOT_STARTED,
      );
    }
    await this.countAttempt(userId);
    const timeStep = await this.matchingTimeStep(userId, enrolment.secretEncrypted, code, null);
    if (timeStep === null) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_WRONG_AT_ENROLMENT, 'code', 'TOTP_WRONG');
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const enabled = await this.repository.enable(
      userId,
      timeStep,
      codes.map((c) => hashRecoveryCode(userId, c)),
    );
    if (!enabled) throw secondFactorError(SecondFactorErrorCode.TOTP_NOT_STARTED);
    this.activeUsers.forget(userId);
    return codes.map(formatRecoveryCode);
  }

  /**
   * The second step of a sign-in whose password was right: nothing for a user without an enabled
   * second factor; else a code of the authenticator (each time step once) or an unused recovery
   * code. 401 TOTP_REQUIRED without one, 401 TOTP_WRONG for a wrong one, 429 after too many.
   */
  async checkSignIn(userId: string, answer: SecondFactorAnswer): Promise<void> {
    const enrolment = await this.repository.find(userId);
    if (!enrolment?.enabledAt) return;
    if (!answer.totp && !answer.recoveryCode) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_REQUIRED);
    }
    await this.countAttempt(userId);
    if (!(await this.codeWorks(userId, enrolment, answer))) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_WRONG);
    }
  }

  /**
   * Turns one's own second factor off, with the password already checked by the caller or with a
   * current code; refused when the role requires one.
   */
  async disable(
    user: { id: string; role: Role },
    answer: { password?: string; code?: string },
  ): Promise<void> {
    if (!mayDisableTotp(user, this.env.REQUIRE_TOTP_ROLES)) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_REQUIRED_FOR_ROLE);
    }
    const enrolment = await this.repository.find(user.id);
    if (!enrolment?.enabledAt) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_NOT_ENABLED);
    }
    // The password or a code proves it is the owner at the keyboard; both count as guesses.
    await this.countAttempt(user.id);
    const proven = answer.password
      ? await this.passwordWorks(user.id, answer.password)
      : await this.codeWorks(user.id, enrolment, { totp: answer.code });
    if (!proven) {
      throw secondFactorError(SecondFactorErrorCode.TOTP_CONFIRMATION_WRONG);
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

  private async countAttempt(userId: string): Promise<void> {
    const retryAfter = await this.repository.reserveAttempt(userId);
    if (retryAfter !== null) throw new SecondFactorThrottled(retryAfter);
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
