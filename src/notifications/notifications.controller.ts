import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser, Role } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  FailedEmailListView,
  NotificationListView,
  NotificationQuery,
  NotificationView,
  ReadAllView,
} from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's own inbox, newest first, with the number still unread. */
  @Get()
  @ApiOkResponse({ type: NotificationListView })
  @ApiErrors(400, 401)
  inbox(
    @CurrentUser() user: AuthUser,
    @Query() query: NotificationQuery,
  ): Promise<NotificationListView> {
    return this.notifications.inbox(user.id, query);
  }

  /** Notifications whose e-mail could not be delivered after every retry (ADMIN). */
  @Get('failed-emails')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: FailedEmailListView })
  @ApiErrors(400, 401, 403)
  failedEmails(@Query() query: NotificationQuery): Promise<FailedEmailListView> {
    return this.notifications.failedEmails(query);
  }

  /** Marks every one of the caller's notifications read. */
  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllView })
  @ApiErrors(401)
  readAll(@CurrentUser() user: AuthUser): Promise<ReadAllView> {
    return this.notifications.markAllRead(user.id);
  }

  /** Marks one of the caller's notifications read (404 for anyone else's). */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @ApiErrors(400, 401, 404)
  read(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.id, id);
  }
}
