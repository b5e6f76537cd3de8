import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { LoginDto } from '../auth/auth.dto';
import { signInClientOf } from '../auth/device';
import {
  clearSessionCookies,
  crossSite,
  sessionCookieToken,
  setSessionCookies,
} from '../auth/session-cookie';
import { Env } from '../config/env';
import { detail } from '../common/app-error';
import { AuthErrorCode, AuthException } from '../auth/auth.exception';
import { UserView } from '../users/user.dto';
import { SessionView } from './session.dto';

/** Opens and closes the web interface's cookie session (the guard reads it: src/auth/auth.guard.ts). */
@Injectable()
export class SessionService {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  async open(dto: LoginDto, req: FastifyRequest, res: FastifyReply): Promise<SessionView> {
    // Login CSRF: another site's page must not sign this browser into an account of its choice.
    // (A form cannot send JSON, the only body the edge reads: this refuses a script's fetch too.)
    if (crossSite(req, this.env.PUBLIC_URL)) {
      throw new AuthException(AuthErrorCode.CROSS_SITE_REQUEST, {}, [
        detail('CROSS_SITE_REQUEST', {}, { code: 'CROSS_SITE_REQUEST' }),
      ]);
    }
    const session = await this.auth.login(dto.email, dto.password, signInClientOf(req), {
      totp: dto.totp,
      recoveryCode: dto.recoveryCode,
    });
    const csrfToken = setSessionCookies(req, res, session, this.env);
    return { csrfToken, expiresIn: session.expiresIn, user: UserView.of(session.user) };
  }

  /** Ends the session of the cookie (or of the bearer token sent) and clears both cookies. */
  async close(req: FastifyRequest, res: FastifyReply): Promise<void> {
    const token = bearerToken(req) ?? sessionCookieToken(req);
    if (token) await this.auth.signOut(token);
    clearSessionCookies(req, res, this.env);
  }
}
