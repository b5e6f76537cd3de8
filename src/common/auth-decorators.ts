import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Role } from '../court/roles';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';
export const OPEN_WITH_TEMPORARY_PASSWORD = 'openWithTemporaryPassword';
export const OPEN_BEFORE_TOTP_ENROLMENT = 'openBeforeTotpEnrolment';

/**
 * An empty security requirement: what the OpenAPI document (src/common/api-document.ts) turns into
 * `security: []`, "no token needed", on the routes of @Public().
 */
export const NO_TOKEN_REQUIREMENT = {};

/** The route needs no token (and the OpenAPI document says so). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity(NO_TOKEN_REQUIREMENT));

/** Only these roles may call the route (checked after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The route stays open to a caller whose password is temporary (reading oneself, changing the
 * password); every other route answers them 403 PASSWORD_CHANGE_REQUIRED.
 */
export const OpenWithTemporaryPassword = () => SetMetadata(OPEN_WITH_TEMPORARY_PASSWORD, true);

/**
 * The route stays open to a caller whose role requires two-factor sign-in (REQUIRE_TOTP_ROLES) and
 * who has not enrolled yet (reading oneself and one's sessions, changing the password, enrolling);
 * every other route answers them 403 TOTP_ENROLMENT_REQUIRED.
 */
export const OpenBeforeTotpEnrolment = () => SetMetadata(OPEN_BEFORE_TOTP_ENROLMENT, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => {
    return ctx.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user;
  },
);

/** The session a request was authenticated with, and whether it came as the browser's cookie. */
export interface CallerSession {
  id: string;
  viaCookie: boolean;
}

export const CurrentSession = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CallerSession => {
    return ctx.switchToHttp().getRequest<FastifyRequest & { authSession: CallerSession }>()
      .authSession;
  },
);
