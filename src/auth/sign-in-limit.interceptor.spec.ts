import { AppError, ErrorCode } from '../common/app-error';
import { KdfBusyError } from '../users/kdf-gate';
import { outcomeOf, SignInRefused } from './sign-in-limit.interceptor';

describe('what a refused sign-in means for the budgets', () => {
  const unauthorized = (code?: string) =>
    new AppError(ErrorCode.UNAUTHORIZED, 'no', code ? [{ code, message: 'no' }] : []);

  it('counts a wrong password and a wrong second-factor code as failures', () => {
    expect(outcomeOf(unauthorized())).toBe('fail');
    expect(outcomeOf(unauthorized('TOTP_WRONG'))).toBe('fail');
  });

  it('gives the attempt back when the password was right but a code is still to come, or nothing was checked', () => {
    expect(outcomeOf(unauthorized('TOTP_REQUIRED'))).toBe('void');
    expect(outcomeOf(AppError.badRequest('bad body'))).toBe('void');
    expect(outcomeOf(AppError.forbidden('cross-site'))).toBe('void');
    expect(outcomeOf(new KdfBusyError())).toBe('void');
    expect(outcomeOf(new Error('database down'))).toBe('void');
  });
});

describe('SignInRefused', () => {
  it('words the wait in minutes for a limit or a lock and in seconds for a busy KDF, in either language', () => {
    const locked = new SignInRefused(ErrorCode.TOO_MANY_REQUESTS, 'SIGN_IN_LOCKED', 899, 'en');
    expect(locked.message).toMatch(/locked for 15 minutes/);
    expect(locked.details[0]).toMatchObject({ code: 'SIGN_IN_LOCKED', retryAfterSeconds: 899 });
    const throttled = new SignInRefused(ErrorCode.TOO_MANY_REQUESTS, 'SIGN_IN_THROTTLED', 1, 'lo');
    expect(throttled.message).toContain('1 ນາທີ');
    const busy = new SignInRefused(ErrorCode.UNAVAILABLE, 'SIGN_IN_BUSY', 2, 'en');
    expect(busy.message).toBe('Too many sign-ins right now: try again in 2 seconds');
    expect(busy.retryAfterSeconds).toBe(2);
  });
});
