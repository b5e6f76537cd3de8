import { bearerToken } from './auth.guard';

const withHeader = (authorization?: string) => ({ headers: { authorization } });

describe('bearerToken', () => {
  it('reads the token of a Bearer header, the scheme in any case (RFC 7235)', () => {
    expect(bearerToken(withHeader('Bearer abc.def'))).toBe('abc.def');
    expect(bearerToken(withHeader('bearer abc.def'))).toBe('abc.def');
    expect(bearerToken(withHeader('BEARER   abc.def  '))).toBe('abc.def');
  });

  it('finds none without a header, with another scheme, or with no token after the scheme', () => {
    expect(bearerToken(withHeader())).toBeNull();
    expect(bearerToken(withHeader('Basic dXNlcjpwYXNz'))).toBeNull();
    expect(bearerToken(withHeader('Bearer'))).toBeNull();
    expect(bearerToken(withHeader('Bearer    '))).toBeNull();
    expect(bearerToken(withHeader('Bearerabc'))).toBeNull();
  });
});
