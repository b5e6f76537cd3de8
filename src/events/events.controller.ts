import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { COURT_RECORD_READERS } from '../court/reader-scope';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVENT_RECORDERS } from '../court/event-rules';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CorrectEventDto,
  CreateEventDto,
  EventDetailView,
  EventListQuery,
  EventListView,
  EventView,
} from './event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /**
   * Record a consultation event (SECRETARIAT). The guideline's current stage is written with it.
   * 422 when the figures do not add up, the guideline is unknown or the date is more than a
   * year ahead (details list every reason).
   */
  @Post()
  @Roles(...EVENT_RECORDERS)
  @ApiErrors(400, 401, 403, 422)
  create(
    @Body() dto: CreateEventDto,
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<EventView> {
    return this.events.create(dto, user, idempotent);
  }

  /** Events, newest first, by guideline, period (inclusive days), province, stage and kind. */
  @Get()
  @Roles(...COURT_RECORD_READERS)
  @ApiErrors(400, 401, 403)
  list(@Query() query: EventListQuery): Promise<EventListView> {
    return this.events.list(query);
  }

  /** One event with its correction history and the comments gathered there. */
  @Get(':id')
  @Roles(...COURT_RECORD_READERS)
  @ApiErrors(400, 401, 403, 404)
  get(@UuidParam() id: string): Promise<EventDetailView> {
    return this.events.get(id);
  }

  /** Correct an event (SECRETARIAT), with a reason; the change is kept in its history. */
  @Patch(':id')
  @Roles(...EVENT_RECORDERS)
  @ApiErrors(400, 401, 403, 404, 409, 422)
  correct(
    @UuidParam() id: string,
    @Body() dto: CorrectEventDto,
    @CurrentUser() user: AuthUser,
  ): Promise<EventDetailView> {
    return this.events.correct(id, dto, user);
  }
}
