import { fastifyCookie, type CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A Fastify request, or the raw request a middleware gets: both carry the headers and method. */
export interface RequestHead {
  headers: IncomingHttpHeaders;
  method?: string;
}

/**
 * The browser session of the web interface (src/web): the same JWT as a bearer token, but kept in
 * an httpOnly cookie so page scripts never see it. Because a browser sends cookies on its own,
 * every unsafe request authenticated by the cookie must also carry a CSRF token in a header:
 * an HMAC of the session token (a "signed double-submit cookie"), so a token planted by another
 * site or taken from another session never matches.
 */
export const SESSION_COOKIE = 'cg_session';
/** Readable by the page's scripts, which copy it into the {@link CSRF_HEADER} header. */
export const CSRF_COOKIE = 'cg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One cookie's value from the Cookie header. Read from the header, not from @fastify/cookie's
 * request.cookies, because Nest middleware (the queue dashboard's) runs before that plugin's hook.
 */
export function readCookie(request: RequestHead, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return fastifyCookie.parse(header)[name] || null;
}

export function sessionCookieToken(request: RequestHead): string | null {
  return readCookie(request, SESSION_COOKIE);
}

/** The CSRF token that belongs to one session token. */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf\n${sessionToken}`).digest('base64url');
}

/** True when the method cannot change anything or the X-CSRF-Token header matches the session. */
export function csrfSatisfied(request: RequestHead, sessionToken: string, secret: string): boolean {
  if (SAFE_METHODS.has((request.method ?? '').toUpperCase())) return true;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken, secret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Sets the session cookie (httpOnly, SameSite=Strict, Secure over https, sent to /api only) and
 * the CSRF cookie the page's scripts read; answers the CSRF token.
 */
export function setSessionCookies(
  req: FastifyRequest,
  res: FastifyReply,
  session: { accessToken: string; expiresIn: number },
  env: { JWT_SECRET: string; PUBLIC_URL: string },
): string {
  const csrfToken = csrfTokenFor(session.accessToken, env.JWT_SECRET);
  // Seconds (Max-Age), as the token's own lifetime.
  const maxAge = session.expiresIn;
  // Path=/api: the token goes only to the API, never with requests for pages or fonts.
  res.setCookie(SESSION_COOKIE, session.accessToken, {
    ...cookieBase(req, env),
    httpOnly: true,
    path: '/api',
    maxAge,
  });
  // The page's scripts read this one after a reload to fill the X-CSRF-Token header.
  res.setCookie(CSRF_COOKIE, csrfToken, {
    ...cookieBase(req, env),
    httpOnly: false,
    path: '/',
    maxAge,
  });
  return csrfToken;
}

export function clearSessionCookies(
  req: FastifyRequest,
  res: FastifyReply,
  env: { PUBLIC_URL: string },
): void {
  res.clearCookie(SESSION_COOKIE, { ...cookieBase(req, env), httpOnly: true, path: '/api' });
  res.clearCookie(CSRF_COOKIE, { ...cookieBase(req, env), httpOnly: false, path: '/' });
}

function cookieBase(req: FastifyRequest, env: { PUBLIC_URL: string }): CookieSerializeOptions {
  // req.protocol honours X-Forwarded-Proto from the proxies TRUST_PROXY names (create-app.ts).
  const secure = req.protocol === 'https' || env.PUBLIC_URL.startsWith('https://');
  return { sameSite: 'strict', secure };
}

/**
 * True when a browser says the request comes from another site: `Sec-Fetch-Site` other than
 * same-origin (or none: typed by the person), else an `Origin` that is neither this service's
 * public address nor the address the request was sent to. A request with neither header (an API
 * client, curl) is not a browser's and passes: cookies are what cross-site forgery abuses, and only
 * browsers send them on their own. `host` is the request's Host header.
 */
export function crossSite(request: RequestHead, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !origin) return false;
  if (origin === 'null') return true;
  const own = new Set([new URL(publicUrl).origin]);
  const host = request.headers.host;
  if (host) own.add(`http://${host}`).add(`https://${host}`);
  return !own.has(origin);
}
