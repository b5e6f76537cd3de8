import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/auth.guard';
import { Roles } from '../common/auth-decorators';
import { Role } from '../court/roles';
import { sessionCookieToken } from '../auth/session-cookie';
import { ApiErrors } from '../common/api-errors.decorator';
import { Env } from '../config/env';
import { DASHBOARD_PATH, setDashboardCookie } from './queue-dashboard.auth';

export class DashboardSessionView {
  @ApiProperty({ example: DASHBOARD_PATH }) url: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly env: Env) {}

  /**
   * Opens the queue dashboard for the signed-in ADMIN (bearer token or the web session): sets the
   * dashboard's cookie and answers where to go. The only way into the dashboard from a browser:
   * a token in the dashboard's address is refused, since addresses are written to logs.
   */
  @Post('session')
  @HttpCode(200)
  @Roles(Role.ADMIN)
  @ApiOperation({
    summary: 'Open the queue dashboard (ADMIN)',
    description:
      'Sets the httpOnly cookie `cg_queues` (SameSite=Strict, Path=/admin/queues) for the signed-in ADMIN ' +
      '(bearer token or web session) and answers the dashboard address. This is the only way to open ' +
      '/admin/queues in a browser: a token in its address (`?token=`) is not accepted (401).',
  })
  @ApiOkResponse({ type: DashboardSessionView })
  @ApiErrors(401, 403)
  open(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): DashboardSessionView {
    const token = bearerToken(req) ?? sessionCookieToken(req);
    if (token) setDashboardCookie(req, res, token, this.env);
    return { url: DASHBOARD_PATH };
  }
}
