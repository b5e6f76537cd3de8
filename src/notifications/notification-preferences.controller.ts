import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentUser } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import {
  NotificationPreferencesDto,
  NotificationPreferencesView,
} from './notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  /** How often the caller gets the e-mail of each kind of notice, and what they may choose. */
  @Get()
  @ApiOkResponse({ type: NotificationPreferencesView })
  @ApiErrors(401)
  read(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesView> {
    return this.preferences.of(user.id);
  }

  /**
   * Changes the caller's choices (kinds not named keep theirs). DAILY notices come in one digest
   * e-mail a day; the inbox always has every notice at once.
   */
  @Put()
  @ApiOkResponse({ type: NotificationPreferencesView })
  @ApiErrors(400, 401)
  save(
    @CurrentUser() user: AuthUser,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.preferences.save(user.id, dto.email);
  }
}
