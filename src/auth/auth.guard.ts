import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/app-error';
import { Env } from '../config/env';
import { AuthService } from './auth.service';
import {
  IS_PUBLIC,
  OPEN_BEFORE_TOTP_ENROLMENT,
  OPEN_WITH_TEMPORARY_PASSWORD,
  ROLES,
} from '../common/auth-decorators';
import { ACCOUNT_TEXT } from '../common/auth-texts';
import { resolveLocale } from '../common/request-locale';
import { AuthUser, Role } from '../court/roles';
import { CallerSession } from '../common/auth-decorators';
import { csrfSatisfied, RequestHead, sessionCookieToken } from './session-cookie';
import { totpEnrolmentRequired } from '../second-factor/second-factor-rules';
import { SECOND_FACTOR_TEXT } from '../second-factor/second-factor-texts';

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
    if (!token)
      throw new AppError(ErrorCode.UNAUTHORIZED, 'Sign in first: no bearer token was sent');
    const { user, sessionId } = await this.auth.authenticate(token);
    request.user = user;
    request.authSession = { id: sessionId, viaCookie: !bearer };
    if (!bearer && !csrfSatisfied(request, token, this.env.JWT_SECRET)) {
      throw AppError.forbidden('Missing or wrong X-CSRF-Token header for this session');
    }
    if (
      request.user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_WITH_TEMPORARY_PASSWORD, targets)
    ) {
      const locale = resolveLocale(request.headers['accept-language'], request.user.locale);
      const message = ACCOUNT_TEXT.PASSWORD_CHANGE_REQUIRED[locale];
      throw AppError.forbidden(message, [{ code: 'PASSWORD_CHANGE_REQUIRED', message }]);
    }
    if (
      totpEnrolmentRequired(request.user, this.env.REQUIRE_TOTP_ROLES) &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_TOTP_ENROLMENT, targets)
    ) {
      const locale = resolveLocale(request.headers['accept-language'], request.user.locale);
      const message = SECOND_FACTOR_TEXT.TOTP_ENROLMENT_REQUIRED[locale];
      throw AppError.forbidden(message, [{ code: 'TOTP_ENROLMENT_REQUIRED', message }]);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.includes(request.user.role)) {
      throw AppError.forbidden(
        `This needs the role ${roles.join(' or ')}; you are ${request.user.role}`,
      );
    }
    return true;
  }
}

export function bearerToken(request: RequestHead): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}
