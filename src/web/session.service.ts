import { Injectable } from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { CSRF_COOKIE, csrfTokenFor, SESSION_COOKIE } from '../auth/session-cookie';
import { Env } from '../config/env';
import { UserView } from '../users/user.dto';
import { SessionView } from './session.dto';

/** Opens and closes the web interface's cookie session (the guard reads it: src/auth/auth.guard.ts). */
@Injectable()
export class SessionService {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  async open(
    email: string,
    password: string,
    req: FastifyRequest,
    res: FastifyReply,
  ): Promise<SessionView> {
    const { accessToken, expiresIn, user } = await this.auth.login(email, password);
    const csrfToken = csrfTokenFor(accessToken, this.env.JWT_SECRET);
    // Seconds (Max-Age), as the token's own lifetime.
    const maxAge = expiresIn;
    // Path=/api: the token goes only to the API, never with requests for pages or fonts.
    res.setCookie(SESSION_COOKIE, accessToken, {
      ...this.cookieBase(req),
      httpOnly: true,
      path: '/api',
      maxAge,
    });
    // The page's scripts read this one after a reload to fill the X-CSRF-Token header.
    res.setCookie(CSRF_COOKIE, csrfToken, {
      ...this.cookieBase(req),
      httpOnly: false,
      path: '/',
      maxAge,
    });
    return { csrfToken, expiresIn, user: UserView.of(user) };
  }

  close(req: FastifyRequest, res: FastifyReply): void {
    res.clearCookie(SESSION_COOKIE, { ...this.cookieBase(req), httpOnly: true, path: '/api' });
    res.clearCookie(CSRF_COOKIE, { ...this.cookieBase(req), httpOnly: false, path: '/' });
  }

  private cookieBase(req: FastifyRequest): CookieSerializeOptions {
    // req.protocol honours X-Forwarded-Proto from a proxy on loopback (trustProxy in create-app.ts).
    const secure = req.protocol === 'https' || this.env.PUBLIC_URL.startsWith('https://');
    return { sameSite: 'strict', secure };
  }
}
