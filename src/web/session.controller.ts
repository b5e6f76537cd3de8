import { Body, Controller, Delete, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../auth/auth.controller';
import { LoginDto } from '../auth/auth.dto';
import { Public } from '../common/auth-decorators';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { ApiErrors } from '../common/api-errors.decorator';
import { SessionView } from './session.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  /**
   * Sign in for the web interface: sets an httpOnly, SameSite=Strict cookie holding the session
   * (Secure over https) and a readable CSRF cookie. Rate-limited like /api/auth/login. A request
   * a browser marks as coming from another site (Sec-Fetch-Site, else Origin) is 403
   * CROSS_SITE_REQUEST, so no other site can sign a browser into an account of its choosing.
   * Two-factor sign-in as for /api/auth/login (`totp` or `recoveryCode`; 401 TOTP_REQUIRED).
   */
  @Public()
  @Post()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: { limit: LOGIN_ATTEMPTS_PER_MINUTE, ttl: 60_000 } })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(400, 401, 403, 429)
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
