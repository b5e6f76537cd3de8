import { EnvValidationError, validateEnv } from './env';

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
