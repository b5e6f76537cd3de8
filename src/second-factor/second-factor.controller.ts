import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentUser, OpenBeforeTotpEnrolment, Roles } from '../common/auth-decorators';
import { UuidParam } from '../common/path-params';
import { Env } from '../config/env';
import { AuthUser, Role } from '../court/roles';
import { UsersRepository } from '../users/users.repository';
import { UserErrorCode, UserException } from '../users/user.exception';
import {
  RecoveryCodesView,
  TotpConfirmDto,
  TotpDisableDto,
  TotpEnrolmentView,
  TotpStatusView,
  UserTotpView,
} from './second-factor.dto';
import { mayDisableTotp } from './second-factor-rules';
import { SecondFactorService } from './second-factor.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class SecondFactorController {
  constructor(
    private readonly secondFactor: SecondFactorService,
    private readonly users: UsersRepository,
    private readonly env: Env,
  ) {}

  /** Whether the caller's two-factor sign-in is on, and how many recovery codes are left. */
  @Get('me/totp')
  @OpenBeforeTotpEnrolment()
  @ApiErrors(401, 403)
  async status(@CurrentUser() caller: AuthUser): Promise<TotpStatusView> {
    return {
      ...(await this.secondFactor.status(caller.id)),
      requiredForRole: !mayDisableTotp(caller, this.env.REQUIRE_TOTP_ROLES),
    };
  }

  /**
   * Start two-factor enrolment: a new TOTP secret (RFC 6238, 30 s, 6 digits), its otpauth:// URI
   * and the URI as a QR code. Nothing changes at sign-in until the first code confirms it
   * (POST /api/me/totp/confirm); starting again replaces an unconfirmed secret. 409
   * TOTP_ALREADY_ENABLED when it is on.
   */
  @Post('me/totp')
  @HttpCode(200)
  @OpenBeforeTotpEnrolment()
  @ApiErrors(401, 403, 409)
  start(@CurrentUser() caller: AuthUser): Promise<TotpEnrolmentView> {
    return this.secondFactor.start(caller);
  }

  /**
   * Confirm enrolment with the code the app shows: two-factor sign-in is on from now, and the
   * answer holds the ten single-use recovery codes (shown this once). A wrong code is 400
   * TOTP_WRONG; wrong codes are limited per account (429 TOTP_THROTTLED with Retry-After).
   */
  @Post('me/totp/confirm')
  @HttpCode(200)
  @OpenBeforeTotpEnrolment()
  @ApiErrors(400, 401, 403, 409, 429)
  async confirm(
    @Body() dto: TotpConfirmDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<RecoveryCodesView> {
    return { recoveryCodes: await this.secondFactor.confirm(caller.id, dto.code) };
  }

  /**
   * Turn one's two-factor sign-in off, with the password or a current code (400
   * TOTP_CONFIRMATION_WRONG otherwise; limited like codes). 403 TOTP_REQUIRED_FOR_ROLE when the
   * caller's role requires it (REQUIRE_TOTP_ROLES).
   */
  @Delete('me/totp')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Turned off' })
  @ApiErrors(400, 401, 403, 409, 429)
  async disable(@Body() dto: TotpDisableDto, @CurrentUser() caller: AuthUser): Promise<void> {
    await this.secondFactor.disable(caller, dto);
  }

  /** A user's two-factor sign-in and its history: enrolment, recovery codes used, resets (ADMIN). */
  @Get('users/:id/totp')
  @Roles(Role.ADMIN)
  @ApiErrors(400, 401, 403, 404)
  async ofUser(@UuidParam() id: string): Promise<UserTotpView> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException(UserErrorCode.USER_NOT_FOUND);
    const [status, history] = await Promise.all([
      this.secondFactor.status(id),
      this.secondFactor.history(id),
    ]);
    return {
      ...status,
      requiredForRole: !mayDisableTotp(user, this.env.REQUIRE_TOTP_ROLES),
      history,
    };
  }

  @Delete('users/:id/totp')
  @HttpCode(204)
  @Roles(Role.ADMIN)
  @ApiOperation({
    summary: "Reset a user's second factor (ADMIN)",
    description:
      'Removes the authenticator secret and recovery codes (for a lost phone), recorded in the ' +
      "user's two-factor history with who did it. The user signs in with the password alone, or, " +
      'when the role requires a second factor, is asked to enrol again. 204 also when none was set.',
  })
  @ApiNoContentResponse({ description: 'Reset' })
  @ApiErrors(400, 401, 403, 404)
  async reset(@UuidParam() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    if (!(await this.users.findById(id))) throw new UserException(UserErrorCode.USER_NOT_FOUND);
    await this.secondFactor.reset(id, actor.id);
  }
}
