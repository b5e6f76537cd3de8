import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CallerSession,
  CurrentSession,
  CurrentUser,
  OpenBeforeTotpEnrolment,
  OpenWithTemporaryPassword,
  Roles,
} from '../common/auth-decorators';
import { AuthUser, Role } from '../court/roles';
import { SessionListView, SessionsEndedView } from './session-list.dto';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** The caller's open sessions (every signed-in browser and API token), most recently used first. */
  @Get('me/sessions')
  @OpenWithTemporaryPassword()
  @OpenBeforeTotpEnrolment()
  @ApiErrors(401)
  list(
    @CurrentUser() caller: AuthUser,
    @CurrentSession() session: CallerSession,
  ): Promise<SessionListView> {
    return this.sessions.listOwn(caller.id, session.id);
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @OpenWithTemporaryPassword()
  @OpenBeforeTotpEnrolment()
  @ApiOperation({
    summary: 'End one of your sessions',
    description:
      'Its token is refused (401) from the next request on, in every API process. Ending the current session signs you out.',
  })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiErrors(400, 401, 404)
  async end(@UuidParam() id: string, @CurrentUser() caller: AuthUser): Promise<void> {
    await this.sessions.endOwn(caller.id, id);
  }

  @Post('users/:id/sessions/end')
  @HttpCode(200)
  @Roles(Role.ADMIN)
  @ApiOperation({
    summary: 'Sign a user out everywhere (ADMIN)',
    description:
      "Ends every open session of the user at once, in every API process; the user's password still works for a new sign-in.",
  })
  @ApiErrors(400, 401, 403, 404)
  async endAll(@UuidParam() id: string): Promise<SessionsEndedView> {
    return { ended: await this.sessions.endAllOf(id) };
  }
}
