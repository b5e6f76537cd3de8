import { EnvValidationError, jwtSecretGenerated, validateEnv } from './env';

function problemOf(raw: Record<string, string>): string {
  try {
    validateEnv(raw);
  } catch (error) {
    if (error instanceof EnvValidationError) return error.message;
    throw error;
  }
  return '';
}

describe('validateEnv', () => {
  it('refuses a weak ADMIN_PASSWORD with the reason of the password policy', () => {
    expect(problemOf({ ADMIN_EMAIL: 'admin@court.gov.la', ADMIN_PASSWORD: 'password12' })).toBe(
      'Invalid configuration: ADMIN_PASSWORD: The password is one of the most common passwords: choose another',
    );
    expect(
      problemOf({ ADMIN_EMAIL: 'admin@court.gov.la', ADMIN_PASSWORD: 'admin@court.gov.la' }),
    ).toMatch(/ADMIN_PASSWORD: The password may not be the e-mail address/);
  });

  it('accepts a strong ADMIN_PASSWORD', () => {
    expect(
      problemOf({ ADMIN_EMAIL: 'admin@court.gov.la', ADMIN_PASSWORD: 'mango-season-in-vientiane' }),
    ).toBe('');
  });
});

describe('METRICS_TOKEN', () => {
  it('is optional, and when set 32 to 256 visible ASCII characters', () => {
    expect(problemOf({})).toBe('');
    expect(problemOf({ METRICS_TOKEN: 'k7'.repeat(16) })).toBe('');
    expect(problemOf({ METRICS_TOKEN: 'short-token' })).toBe(
      'Invalid configuration: METRICS_TOKEN must be 32 to 256 visible ASCII characters',
    );
    expect(problemOf({ METRICS_TOKEN: `${'k7'.repeat(14)} with a space` })).toMatch(
      /METRICS_TOKEN must be/,
    );
  });
});

describe('validateEnv in production', () => {
  const strong = {
    NODE_ENV: 'production',
    JWT_SECRET: 'f3a9c41e8b27d05c6e9a1f4b3d8c72e0a5b6c9d1e2f30718',
  };

  it('starts with a random secret and the default costs', () => {
    expect(problemOf(strong)).toBe('');
  });

  it.each([
    [{ JWT_SECRET: undefined }, 'JWT_SECRET is required when NODE_ENV=production'],
    [{ JWT_SECRET: 'aaaaaaaaaaaaaaaa' }, 'JWT_SECRET must be at least 32 characters'],
    [{ JWT_SECRET: 'a'.repeat(40) }, 'JWT_SECRET looks low-entropy'],
    [{ JWT_SECRET: 'development-only-secret-change-me' }, 'JWT_SECRET is a published example'],
    [{ METRICS_TOKEN: 'm'.repeat(40) }, 'METRICS_TOKEN looks low-entropy'],
    [{ PASSWORD_SCRYPT_LOG_N: '10' }, 'PASSWORD_SCRYPT_LOG_N must be at least 15'],
    [{ JWT_TTL_SECONDS: '31536000' }, 'JWT_TTL_SECONDS must be at most 86400 (24 h)'],
  ])('refuses %j in one line naming it', (weak, reason) => {
    const message = problemOf({ ...strong, ...weak } as Record<string, string>);
    expect(message).toContain(reason);
    expect(message).not.toContain('\n');
  });
});

describe('validateEnv outside production', () => {
  it('makes a random secret per start when none is set, never a shared default', () => {
    const a = validateEnv({ NODE_ENV: 'development' });
    const b = validateEnv({ NODE_ENV: 'development' });
    expect(a.JWT_SECRET).toHaveLength(43);
    expect(a.JWT_SECRET).not.toBe(b.JWT_SECRET);
    expect(jwtSecretGenerated(a)).toBe(true);
    expect(
      jwtSecretGenerated(validateEnv({ JWT_SECRET: 'a-development-secret-set-by-hand' })),
    ).toBe(false);
  });

  it('still refuses a token lifetime over 24 h', () => {
    expect(problemOf({ JWT_TTL_SECONDS: '86401' })).toContain('JWT_TTL_SECONDS must be at most');
  });
});

describe('the test-only reminder divisor', () => {
  it('is refused in development (the default) and in production, taken under NODE_ENV=test', () => {
    expect(problemOf({ REMINDER_DELAY_DIVISOR: '1000' })).toContain(
      'REMINDER_DELAY_DIVISOR is for tests only: it must be 1 unless NODE_ENV=test (NODE_ENV is development)',
    );
    expect(problemOf({ NODE_ENV: 'production', REMINDER_DELAY_DIVISOR: '1000' })).toContain(
      'NODE_ENV is production',
    );
    expect(validateEnv({ NODE_ENV: 'test', REMINDER_DELAY_DIVISOR: '1000' })).toMatchObject({
      REMINDER_DELAY_DIVISOR: 1000,
    });
    expect(problemOf({ REMINDER_DELAY_DIVISOR: '1' })).toBe('');
  });
});

describe('the reminders horizon and its sweep', () => {
  it('defaults to a 24-hour horizon swept every minute', () => {
    expect(validateEnv({})).toMatchObject({
      REMINDER_HORIZON_HOURS: 24,
      REMINDER_SWEEP_MS: 60_000,
    });
  });

  it('refuses a sweep as rare as the horizon is long, or rarer than hourly', () => {
    expect(problemOf({ REMINDER_HORIZON_HOURS: '1', REMINDER_SWEEP_MS: '3600000' })).toContain(
      'REMINDER_SWEEP_MS must be shorter than REMINDER_HORIZON_HOURS',
    );
    expect(problemOf({ REMINDER_SWEEP_MS: '3600001' })).toContain('REMINDER_SWEEP_MS');
    expect(problemOf({ REMINDER_HORIZON_HOURS: '0' })).toContain('REMINDER_HORIZON_HOURS');
    expect(problemOf({ REMINDER_HORIZON_HOURS: '2', REMINDER_SWEEP_MS: '3600000' })).toBe('');
  });
});

describe('two-factor settings', () => {
  it('reads REQUIRE_TOTP_ROLES as a list of roles and names a wrong one', () => {
    expect(validateEnv({ REQUIRE_TOTP_ROLES: 'ADMIN, SECRETARIAT' }).REQUIRE_TOTP_ROLES).toEqual([
      'ADMIN',
      'SECRETARIAT',
    ]);
    expect(validateEnv({}).REQUIRE_TOTP_ROLES).toEqual([]);
    expect(problemOf({ REQUIRE_TOTP_ROLES: 'ADMIN,ADMINS' })).toBe(
      'Invalid configuration: REQUIRE_TOTP_ROLES must be roles among ADMIN, SECRETARIAT, JUDGE, AGENCY_REVIEWER, OBSERVER, comma-separated',
    );
  });

  it('refuses a short TOTP_SECRET_KEY, and a low-entropy one in production', () => {
    expect(problemOf({ TOTP_SECRET_KEY: 'short' })).toContain(
      'TOTP_SECRET_KEY must be at least 32 characters',
    );
    expect(
      problemOf({
        NODE_ENV: 'production',
        JWT_SECRET: 'f3a9c41e8b27d05c6e9a1f4b3d8c72e0a5b6c9d1e2f30718',
        TOTP_SECRET_KEY: 'a'.repeat(40),
      }),
    ).toBe(
      'Invalid configuration: TOTP_SECRET_KEY looks low-entropy or is a published example: use a random one (openssl rand -hex 32)',
    );
  });
});
