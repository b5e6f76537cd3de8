import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, Observable } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AppError, detail, ErrorKind } from '../common/app-error';
import { AuthErrorCode, AuthException } from './auth.exception';
import { KdfBusyError, kdfLane } from '../users/kdf-gate';
import { addressBucket, Attempt, Refusal, SignInLimits, SignInOutcome } from './sign-in-limits';
import { SignInLockNotices } from './sign-in-lock-notices';

/** The refusals of the sign-in limits. */
type SignInRefusal = 'SIGN_IN_THROTTLED' | 'SIGN_IN_LOCKED' | 'SIGN_IN_BUSY';

/** A 401 that says the password was right and a second factor is still to come. */
const SECOND_FACTOR_NEEDED = 'TOTP_REQUIRED';

/** A refused sign-in, with its code in `details[0]` and Retry-After (words: src/court/catalogue.ts). */
export class SignInRefused extends AuthException {
  constructor(
    refusal: SignInRefusal,
    readonly retryAfterSeconds: number,
  ) {
    const wait =
      refusal === 'SIGN_IN_THROTTLED' || refusal === 'SIGN_IN_LOCKED'
        ? Math.ceil(retryAfterSeconds / 60)
        : retryAfterSeconds;
    const code = AuthErrorCode[refusal];
    super(code, { wait }, [detail(refusal, { wait }, { code: refusal, retryAfterSeconds })]);
  }
}

function refusalError(refusal: Refusal): SignInRefused {
  return new SignInRefused(
    refusal.reason === 'LOCKED' ? 'SIGN_IN_LOCKED' : 'SIGN_IN_THROTTLED',
    refusal.retryAfterSeconds,
  );
}

/**
 * What a refusal means for the budgets: a 401 is a failure (a wrong password, or a wrong or
 * reused second-factor code), except TOTP_REQUIRED, whose password was right; anything else (a
 * malformed body, a cross-site form, a full KDF queue) checked nothing and gives the attempt back.
 */
export function outcomeOf(error: unknown): SignInOutcome {
  if (!(error instanceof AppError) || error.kind !== ErrorKind.UNAUTHORIZED) return 'void';
  return error.details[0]?.code === SECOND_FACTOR_NEEDED ? 'void' : 'fail';
}

/**
 * The sign-in routes' limits (POST /api/auth/login and /api/auth/session, one budget): before the
 * password is checked, an attempt is taken from the client address's and the e-mail's budgets in
 * Redis (src/auth/sign-in-limits.ts), or the request is refused with 429 and Retry-After (a
 * locked e-mail too, in the same words whether or not it has an account); afterwards the answer
 * settles it, and the failure that locks an e-mail tells its owner by e-mail. The password is
 * checked in the address's lane of the KDF queue (src/users/kdf-gate.ts), so one client's flood
 * does not hold back another's sign-in. The address is the TCP peer's unless TRUST_PROXY names
 * the proxy in front.
 */
@Injectable()
export class SignInLimitInterceptor implements NestInterceptor {
  private readonly logger = new Logger('SignInLimits');

  constructor(
    private readonly limits: SignInLimits,
    private readonly notices: SignInLockNotices,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest<{ Body: { email?: unknown } | undefined }>>();
    const body = request.body;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    const admitted = await this.limits.admit(request.ip, email);
    if ('reason' in admitted) throw refusalError(admitted);
    // The handler's password check waits for a KDF slot in the client address's lane.
    const handled = kdfLane.run(addressBucket(request.ip), () => next.handle());
    return handled.pipe(
      mergeMap(async (answer: unknown) => {
        await this.limits.settle(admitted, 'ok');
        return answer;
      }),
      catchError((error: unknown) => from(this.refused(admitted, email, error))),
    );
  }

  /** Settles a refused attempt and rethrows its error (a full KDF queue in the reader's words). */
  private async refused(attempt: Attempt, email: string, error: unknown): Promise<never> {
    const lock = await this.limits.settle(attempt, outcomeOf(error));
    if (lock && email) {
      // Not awaited: an account's answer must not take longer than an unknown e-mail's.
      this.notices
        .tell(email, lock)
        .catch((e: Error) => this.logger.error(`The lock e-mail was not written: ${e.message}`));
    }
    if (error instanceof KdfBusyError) {
      throw new SignInRefused('SIGN_IN_BUSY', error.retryAfterSeconds);
    }
    throw error;
  }
}
