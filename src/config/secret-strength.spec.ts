import { randomBytes } from 'node:crypto';
import { secretWeakness } from './secret-strength';

describe('secretWeakness', () => {
  it.each([
    ['aaaaaaaaaaaaaaaa', 'TOO_SHORT'],
    ['a'.repeat(64), 'LOW_ENTROPY'],
    ['bench-secret-bench-secret-bench-secret', 'LOW_ENTROPY'],
    ['abcdefghijklmnopabcdefghijklmnop', 'LOW_ENTROPY'],
    ['0123456789abcdef0123456789abcdef', 'LOW_ENTROPY'],
    ['12121212121212121212121212121212121212', 'LOW_ENTROPY'],
    ['development-only-secret-change-me', 'PUBLIC'],
  ])('refuses %j (%s)', (secret, weakness) => {
    expect(secretWeakness(secret)).toBe(weakness);
  });

  it('accepts what openssl rand -hex 16, -hex 32 and -base64 32 give (2,000 of each)', () => {
    for (let i = 0; i < 2_000; i += 1) {
      expect(secretWeakness(randomBytes(16).toString('hex'))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString('hex'))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString('base64'))).toBeNull();
    }
  });
});
