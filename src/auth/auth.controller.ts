import { accountActions } from '../court/access-rules';
import { Body, Controller, Get, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { MeView, UserView } from '../users/user.dto';
import { Env } from '../config/env';
import { UsersRepository } from '../users/users.repository';
import { UserErrorCode, UserException } from '../users/user.exception';
import { LoginDto, LoginView } from './auth.dto';
import { AuthService } from './auth.service';
import { signInClientOf } from './device';
import {
  CurrentUser,
  OpenBeforeTotpEnrolment,
  OpenWithTemporaryPassword,
  Public,
} from '../common/auth-decorators';
import { SignInLimitInterceptor } from './sign-in-limit.interceptor';
import { AuthUser } from '../court/roles';
import { totpEnrolmentRequired } from '../second-factor/second-factor-rules';

export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly env: Env,
  ) {}

  /**
   * Sign in; returns a short-lived bearer token of a new session (listed in GET /api/me/sessions,
   * ended by DELETE /api/auth/session). Limited per client address (all e-mails together) and per
   * e-mail, with /api/auth/session, in every API process together: 429 with Retry-After
   * (`SIGN_IN_THROTTLED`); after repeated failures the e-mail is locked for a while
   * (`SIGN_IN_LOCKED`, the same answer for an e-mail without an account) and its owner told by
   * e-mail; 503 `SIGN_IN_BUSY` with Retry-After while too many passwords are being checked.
   * With two-factor sign-in on, the password alone is 401 with details[0].code TOTP_REQUIRED (no
   * token): send it again with `totp` (or `recoveryCode`); a wrong or reused code is 401
   * TOTP_WRONG, too many wrong codes for the account 429 TOTP_THROTTLED.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseInterceptors(SignInLimitInterceptor)
  @ApiErrors(400, 401, 429, 503)
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginView> {
    const { accessToken, expiresIn, user } = await this.auth.login(
      dto.email,
      dto.password,
      signInClientOf(req),
      {
        totp: dto.totp,
        recoveryCode: dto.recoveryCode,
      },
    );
    return { accessToken, expiresIn, user: UserView.of(user) };
  }

  /** The caller, with role, agency, committees and locale, and the court's time zone. */
  @ApiBearerAuth()
  @Get('me')
  @OpenWithTemporaryPassword()
  @OpenBeforeTotpEnrolment()
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401)
  async me(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new UserException(UserErrorCode.USER_NOT_FOUND);
    return {
      ...UserView.of(user),
      timeZone: this.env.APP_TIMEZONE,
      yourActions: accountActions(user.role),
      totpEnabled: caller.totpEnabled,
      totpEnrolmentRequired: totpEnrolmentRequired(caller, this.env.REQUIRE_TOTP_ROLES),
    };
  }
}
