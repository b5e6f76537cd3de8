import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { detail } from '../common/app-error';
import { AuthErrorCode, AuthException } from './auth.exception';
import { Env } from '../config/env';
import { AuthService } from './auth.service';
import {
  IS_PUBLIC,
  OPEN_BEFORE_TOTP_ENROLMENT,
  OPEN_WITH_TEMPORARY_PASSWORD,
  ROLES,
} from '../common/auth-decorators';
import { AuthUser, Role } from '../court/roles';
import { CallerSession } from '../common/auth-decorators';
import { csrfSatisfied, RequestHead, sessionCookieToken } from './session-cookie';
import { totpEnrolmentRequired } from '../second-factor/second-factor-rules';
import {
  SecondFactorErrorCode,
  SecondFactorException,
} from '../second-factor/second-factor.exception';

export type AuthedRequest = FastifyRequest & { user?: AuthUser; authSession?: CallerSession };

/** Global: every route needs a bearer token unless marked @Public(); then @Roles() is checked. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const bearer = bearerToken(request);
    // Without an Authorization header, the web interface's session cookie (src/auth/session-cookie.ts).
    const token = bearer ?? sessionCookieToken(request);
    if (!token) throw new AuthException(AuthErrorCode.NO_TOKEN);
    const { user, sessionId } = await this.auth.authenticate(token);
    request.user = user;
    request.authSession = { id: sessionId, viaCookie: !bearer };
    if (!bearer && !csrfSatisfied(request, token, this.env.JWT_SECRET)) {
      throw new AuthException(AuthErrorCode.CSRF_TOKEN_WRONG);
    }
    if (
      request.user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_WITH_TEMPORARY_PASSWORD, targets)
    ) {
      throw new AuthException(AuthErrorCode.PASSWORD_CHANGE_REQUIRED, {}, [
        detail('PASSWORD_CHANGE_REQUIRED', {}, { code: 'PASSWORD_CHANGE_REQUIRED' }),
      ]);
    }
    if (
      totpEnrolmentRequired(request.user, this.env.REQUIRE_TOTP_ROLES) &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_TOTP_ENROLMENT, targets)
    ) {
      throw new SecondFactorException(SecondFactorErrorCode.TOTP_ENROLMENT_REQUIRED, {}, [
        detail('TOTP_ENROLMENT_REQUIRED', {}, { code: 'TOTP_ENROLMENT_REQUIRED' }),
      ]);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.includes(request.user.role)) {
      throw new AuthException(AuthErrorCode.ROLE_REQUIRED, {
        roles: roles.join(' or '),
        role: request.user.role,
      });
    }
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case, RFC 7235). */
export function bearerToken(request: RequestHead): string | null {
  const match = /^bearer +(.*)$/i.exec(request.headers.authorization ?? '');
  return match?.[1].trim() || null;
}
