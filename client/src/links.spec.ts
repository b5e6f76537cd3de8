import { localLink } from './links';

describe('localLink', () => {
  const origin = 'https://guidelines.court.la';
  const id = '0b7f6c1e-2a4d-4c55-9a51-2f7d6d1e9a10';
  const other = '5d1b8a3e-7c2f-4e9b-8d61-0a3c4b5e6f70';

  it('turns the paths of notification links into pages of the interface, whatever the host', () => {
    expect(localLink(`${origin}/guidelines/${id}`, origin)).toBe(`#/g/${id}`);
    expect(localLink(`http://10.0.0.5:3000/guidelines/${id}/comments/${other}`, origin)).toBe(
      `#/c/${other}`,
    );
    expect(localLink(`/reviews/${id}`, origin)).toBe(`#/reviews/${id}`);
    expect(localLink(`${origin}/#/g/${id}/matrix`, origin)).toBe(`#/g/${id}/matrix`);
  });

  it('keeps other web addresses as they are', () => {
    expect(localLink('https://example.org/page?x=1', origin)).toBe('https://example.org/page?x=1');
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
  ])('refuses %j', (link) => {
    expect(localLink(link, origin)).toBeNull();
  });

  it('gives no link for nothing or nonsense', () => {
    expect(localLink(null, origin)).toBeNull();
    expect(localLink('', origin)).toBeNull();
    expect(localLink('http://[not-a-host', origin)).toBeNull();
  });
});
