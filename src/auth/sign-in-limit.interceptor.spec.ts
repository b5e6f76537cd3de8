import { toErrorBody } from '../common/all-exceptions.filter';
import { CommonErrorCode, CommonException } from '../common/common.exception';
import { detail } from '../common/app-error';
import { KdfBusyError } from '../users/kdf-gate';
import { AuthErrorCode, AuthException } from './auth.exception';
import { outcomeOf, SignInRefused } from './sign-in-limit.interceptor';
import {
  SecondFactorErrorCode,
  SecondFactorException,
} from '../second-factor/second-factor.exception';

describe('what a refused sign-in means for the budgets', () => {
  const secondFactor = (
    code: SecondFactorErrorCode.TOTP_WRONG | SecondFactorErrorCode.TOTP_REQUIRED,
  ) => new SecondFactorException(code, {}, [detail(code, {}, { code })]);

  it('counts a wrong password and a wrong second-factor code as failures', () => {
    expect(outcomeOf(new AuthException(AuthErrorCode.BAD_CREDENTIALS))).toBe('fail');
    expect(outcomeOf(secondFactor(SecondFactorErrorCode.TOTP_WRONG))).toBe('fail');
  });

  it('gives the attempt back when the password was right but a code is still to come, or nothing was checked', () => {
    expect(outcomeOf(secondFactor(SecondFactorErrorCode.TOTP_REQUIRED))).toBe('void');
    expect(outcomeOf(new CommonException(CommonErrorCode.INVALID_REQUEST))).toBe('void');
    expect(outcomeOf(new AuthException(AuthErrorCode.CROSS_SITE_REQUEST))).toBe('void');
    expect(outcomeOf(new KdfBusyError())).toBe('void');
    expect(outcomeOf(new Error('database down'))).toBe('void');
  });
});

describe('SignInRefused', () => {
  it('words the wait in minutes for a limit or a lock and in seconds for a busy KDF, in either language', () => {
    const locked = new SignInRefused('SIGN_IN_LOCKED', 899);
    expect(toErrorBody(locked, 'en').message).toMatch(/locked for 15 minutes/);
    expect(locked.details[0]).toMatchObject({ code: 'SIGN_IN_LOCKED', retryAfterSeconds: 899 });
    expect(toErrorBody(locked, 'en').statusCode).toBe(429);
    const throttled = new SignInRefused('SIGN_IN_THROTTLED', 1);
    expect(toErrorBody(throttled, 'lo').message).toContain('1 ນາທີ');
    const busy = new SignInRefused('SIGN_IN_BUSY', 2);
    expect(toErrorBody(busy, 'en').message).toBe(
      'Too many sign-ins right now: try again in 2 seconds',
    );
    expect(toErrorBody(busy, 'en').statusCode).toBe(503);
    expect(busy.retryAfterSeconds).toBe(2);
  });
});
