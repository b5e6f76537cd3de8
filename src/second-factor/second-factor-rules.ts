import { Role } from '../court/roles';

/**
 * The rules of two-factor sign-in (TOTP, RFC 6238), in one place: the code's parameters (what
 * every authenticator app uses by default), how far a clock may drift, how many recovery codes an
 * enrolment gives, how many wrong codes an account may send, and who must enrol.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code of the time step before or after the server's is accepted too (a clock 30 s off). */
export const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
/** 20 random bytes (160 bits, RFC 4226's recommendation), Base32 in the otpauth:// URI. */
export const TOTP_SECRET_BYTES = 20;
export const TOTP_ISSUER = 'Court guidelines';

export const RECOVERY_CODE_COUNT = 10;
/** Characters of one recovery code (Crockford-like Base32, no I, L, O, U): 16 x 5 = 80 bits. */
export const RECOVERY_CODE_LENGTH = 16;
export const RECOVERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Wrong codes (TOTP or recovery) an account may send per window; then 429 until it passes. */
export const MAX_WRONG_CODES = 5;
export const WRONG_CODES_WINDOW_SECONDS = 15 * 60;

/** Whether a user must enrol before using the service: their role requires it and they have none. */
export function totpEnrolmentRequired(
  user: { role: Role; totpEnabled: boolean },
  requiredRoles: readonly Role[],
): boolean {
  return !user.totpEnabled && requiredRoles.includes(user.role);
}

/** Whether a user may turn their own second factor off (not when their role requires one). */
export function mayDisableTotp(user: { role: Role }, requiredRoles: readonly Role[]): boolean {
  return !requiredRoles.includes(user.role);
}

/** A recovery code as typed (any case, spaces or dashes) in the form it is hashed in, or null. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== RECOVERY_CODE_LENGTH) return null;
  for (const c of code) if (!RECOVERY_CODE_ALPHABET.includes(c)) return null;
  return code;
}

/** A recovery code shown to its owner: four groups of four, `7K3M-Q9TB-...`. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
