import { Role } from '../court/roles';
import {
  formatRecoveryCode,
  mayDisableTotp,
  normalizeRecoveryCode,
  totpEnrolmentRequired,
} from './second-factor-rules';
import { SecretBox } from './secret-box';

describe('second-factor rules', () => {
  it('asks to enrol only a role REQUIRE_TOTP_ROLES names, and only while it has no second factor', () => {
    const required = [Role.ADMIN, Role.SECRETARIAT];
    expect(totpEnrolmentRequired({ role: Role.ADMIN, totpEnabled: false }, required)).toBe(true);
    expect(totpEnrolmentRequired({ role: Role.ADMIN, totpEnabled: true }, required)).toBe(false);
    expect(totpEnrolmentRequired({ role: Role.JUDGE, totpEnabled: false }, required)).toBe(false);
    expect(totpEnrolmentRequired({ role: Role.ADMIN, totpEnabled: false }, [])).toBe(false);
    expect(mayDisableTotp({ role: Role.SECRETARIAT }, required)).toBe(false);
    expect(mayDisableTotp({ role: Role.JUDGE }, required)).toBe(true);
  });

  it('reads a recovery code as people type it, and refuses what cannot be one', () => {
    expect(formatRecoveryCode('7K3MQ9TB2XWDHN4R')).toBe('7K3M-Q9TB-2XWD-HN4R');
    expect(normalizeRecoveryCode('7k3m-q9tb 2xwd-hn4r')).toBe('7K3MQ9TB2XWDHN4R');
    // I, L and O are read as the digits they look like (the alphabet has none of them).
    expect(normalizeRecoveryCode('IL00-0000-0000-000O')).toBe('1100000000000000');
    expect(normalizeRecoveryCode('7K3M-Q9TB-2XWD')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
  });
});

describe('SecretBox', () => {
  const user = '6f1c1e3a-4d2b-4a55-9c1e-0d1f2a3b4c5d';

  it('opens what it sealed, and only for the same key and user', () => {
    const box = new SecretBox('a'.repeat(40));
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', user);
    expect(sealed.toString('latin1')).not.toContain('JBSWY3DP');
    expect(box.open(sealed, user)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(new SecretBox('b'.repeat(40)).open(sealed, user)).toBeNull();
    expect(box.open(sealed, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(box.open(tampered, user)).toBeNull();
    expect(box.open(Buffer.alloc(3), user)).toBeNull();
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    const box = new SecretBox('a'.repeat(40));
    expect(box.seal('X', user).equals(box.seal('X', user))).toBe(false);
  });
});
