/**
 * A short, readable name for the device of a sign-in, from its User-Agent ("Firefox on Windows"),
 * for the list of one's sessions. Not a security signal: the header is whatever the client says.
 */
export function describeDevice(userAgent: string | undefined): string {
  // Node's HTTP parser refuses control characters in headers but a tab: spaces are enough here.
  const ua = (userAgent ?? '').replace(/\s+/g, ' ').trim();
  if (!ua) return '';
  const browser = firstMatch(ua, [
    [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
    [/\bOPR\/|\bOpera\b/, 'Opera'],
    [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
    [/Chrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
    [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
    [/^curl\//, 'curl'],
  ]);
  const system = firstMatch(ua, [
    [/\bAndroid\b/, 'Android'],
    [/\biPhone\b|\biPad\b|\biOS\b/, 'iOS'],
    [/\bWindows\b/, 'Windows'],
    [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
    [/\bCrOS\b/, 'ChromeOS'],
    [/\bLinux\b/, 'Linux'],
  ]);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? ua.slice(0, 120);
}

function firstMatch(text: string, table: [RegExp, string][]): string | null {
  for (const [pattern, name] of table) if (pattern.test(text)) return name;
  return null;
}

/** What a session records of the request that opened it. */
export function signInClientOf(request: { headers: { 'user-agent'?: string }; ip: string }): {
  device: string;
  address: string;
} {
  return { device: describeDevice(request.headers['user-agent']), address: request.ip };
}
