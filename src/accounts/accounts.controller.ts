import { Body, Controller, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { signInClientOf } from '../auth/device';
import { setSessionCookies } from '../auth/session-cookie';
import { Env } from '../config/env';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../auth/auth.controller';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CallerSession,
  CurrentSession,
  CurrentUser,
  OpenBeforeTotpEnrolment,
  OpenWithTemporaryPassword,
  Public,
} from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import {
  ChangePasswordDto,
  PasswordResetAcceptedView,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './account.dto';
import { PasswordChangeThrottlerGuard } from './password-change-throttler.guard';
import { PasswordChangeService } from './password-change.service';
import { PasswordResetService, RESET_LINK_MINUTES } from './password-reset.service';

@ApiTags('auth')
@Controller()
export class AccountsController {
  constructor(
    private readonly change: PasswordChangeService,
    private readonly reset: PasswordResetService,
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  /**
   * Change one's own password (any signed-in user, also with a temporary password): the current
   * password is required; the new one passes the password policy. Attempts are counted like
   * sign-ins, per user. Every session of the user ends, the one making the change included: a
   * browser session gets new session cookies with the answer (it stays signed in), a bearer
   * token's holder signs in again with the new password.
   */
  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(204)
  @OpenWithTemporaryPassword()
  @OpenBeforeTotpEnrolment()
  @UseGuards(PasswordChangeThrottlerGuard)
  @Throttle({ login: { limit: LOGIN_ATTEMPTS_PER_MINUTE, ttl: 60_000 } })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 401, 409, 429)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() caller: AuthUser,
    @CurrentSession() session: CallerSession,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.change.change(caller, dto.currentPassword, dto.newPassword);
    if (session.viaCookie) {
      const renewed = await this.auth.openSession(caller, signInClientOf(req));
      setSessionCookies(req, res, renewed, this.env);
    }
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      `Always 202, for any address (no account enumeration; the same work is done either way). ` +
      `An active account receives, by e-mail, a single-use link valid ${RESET_LINK_MINUTES} ` +
      'minutes. Limited per e-mail address and per client address (429 with Retry-After).',
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedView })
  @ApiErrors(400, 429)
  async requestReset(
    @Body() dto: PasswordResetRequestDto,
    @Ip() address: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PasswordResetAcceptedView> {
    const refused = await this.reset.request(dto.email, address);
    if (refused) {
      reply.header('Retry-After', String(refused.retryAfterSeconds));
      throw this.reset.throttled();
    }
    return { accepted: true };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token of a reset link',
    description:
      'The token works once, until its link expires; 400 RESET_LINK_INVALID for a used, expired ' +
      'or unknown one. A password the policy refuses is 400 too, and the link still works.',
  })
  @ApiNoContentResponse({ description: 'The password is set: sign in with it' })
  @ApiErrors(400)
  async confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.reset.confirm(dto.token, dto.password);
  }
}
