import { resolveLocale } from './request-locale';

describe('resolveLocale', () => {
  it('uses the caller locale when no header prefers lo or en', () => {
    expect(resolveLocale(undefined, 'en')).toBe('en');
    expect(resolveLocale('', 'lo')).toBe('lo');
    expect(resolveLocale('fr-FR,th;q=0.8', 'en')).toBe('en');
    expect(resolveLocale('*', 'en')).toBe('en');
    expect(resolveLocale(undefined)).toBe('lo');
  });

  it('lets an Accept-Language header that prefers lo or en win', () => {
    expect(resolveLocale('lo', 'en')).toBe('lo');
    expect(resolveLocale('en', 'lo')).toBe('en');
    expect(resolveLocale('lo-LA', 'en')).toBe('lo');
    expect(resolveLocale('fr;q=0.9, en;q=0.5, lo;q=0.8', 'en')).toBe('lo');
    expect(resolveLocale('EN-us,lo;q=0.9', 'lo')).toBe('en');
    expect(resolveLocale('lo;q=0, en;q=0.1', 'lo')).toBe('en');
  });
});
