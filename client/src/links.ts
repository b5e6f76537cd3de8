// Links that come from the server (notifications, e-mails) turned into pages of this interface.

const LINK_PAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^\/guidelines\/([0-9a-f-]{36})\/comments\/([0-9a-f-]{36})\/?$/i, (m) => `#/c/${m[2]}`],
  [/^\/guidelines\/([0-9a-f-]{36})\/?$/i, (m) => `#/g/${m[1]}`],
  [/^\/reviews\/([0-9a-f-]{36})\/?$/i, (m) => `#/reviews/${m[1]}`],
];

/**
 * A notification's link (PUBLIC_URL + /guidelines/…) as the page of this interface it names; any
 * other web address as it is; anything that is not http(s) (javascript:, data:, …) is no link.
 */
export function localLink(link: string | null | undefined, origin: string): string | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hash.startsWith('#/') && url.origin === origin) return url.hash;
  for (const [pattern, page] of LINK_PAGES) {
    const match = url.pathname.match(pattern);
    if (match) return page(match);
  }
  return url.href;
}
