import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Post,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto } from '../auth/auth.dto';
import { Public } from '../common/auth-decorators';
import { SignInLimitInterceptor } from '../auth/sign-in-limit.interceptor';
import { ApiErrors } from '../common/api-errors.decorator';
import { SessionView } from './session.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  /**
   * Sign in for the web interface: sets an httpOnly, SameSite=Strict cookie holding the session
   * (Secure over https) and a readable CSRF cookie. Limited and locked with /api/auth/login, on
   * the same budgets (429 `SIGN_IN_THROTTLED` or `SIGN_IN_LOCKED`, 503 `SIGN_IN_BUSY`). A request
   * a browser marks as coming from another site (Sec-Fetch-Site, else Origin) is 403
   * CROSS_SITE_REQUEST, so no other site can sign a browser into an account of its choosing.
   * Two-factor sign-in as for /api/auth/login (`totp` or `recoveryCode`; 401 TOTP_REQUIRED).
   */
  @Public()
  @Post()
  @HttpCode(200)
  @UseInterceptors(SignInLimitInterceptor)
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(400, 401, 403, 429, 503)
  open(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionView> {
    return this.sessions.open(dto, req, res);
  }

  /**
   * Sign out: the session of the cookie (or of the bearer token sent) ends at once, in every API
   * process, and both cookies are cleared. 204 also when there was no session to end.
   */
  @Public()
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  close(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    return this.sessions.close(req, res);
  }
}
