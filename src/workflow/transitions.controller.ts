import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { MOVE_LIST_READERS } from '../court/reader-scope';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser, Locale } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import { PageQuery } from '../common/pagination';
import { RequestLocale } from '../common/request-locale';
import { MOVING_ROLES } from '../court/workflow-rules';
import { AvailableMovesView, MoveDto, MoveResultView, TransitionListView } from './transition.dto';
import { TransitionsService } from './transitions.service';

const LANGUAGE_HEADER = {
  name: 'Accept-Language',
  required: false,
  description:
    "lo or en: the language of refusal messages and gate reasons. When it prefers lo or en it wins over the caller's stored locale.",
};

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('guidelines/:id/transitions')
export class TransitionsController {
  constructor(private readonly transitions: TransitionsService) {}

  /**
   * Move the guideline to another stage (SECRETARIAT; ADMIN to withdraw, or to override a gate
   * with a reason). 409 when `expectedStage` is stale or another move won; 422 lists every unmet gate.
   */
  @Post()
  @HttpCode(200)
  @Roles(...MOVING_ROLES)
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOkResponse({ type: MoveResultView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  move(
    @UuidParam() id: string,
    @Body() dto: MoveDto,
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<MoveResultView> {
    return this.transitions.move(id, dto, user, idempotent);
  }

  /**
   * The append-only stage history, oldest first. An agency reviewer reads the moves without the
   * reasons written on them, and without the number of a version it was not asked to review.
   */
  @Get()
  @ApiOkResponse({ type: TransitionListView })
  @ApiErrors(400, 401, 404)
  list(
    @UuidParam() id: string,
    @Query() query: PageQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<TransitionListView> {
    return this.transitions.list(id, query, user);
  }

  /**
   * Each stage reachable from the current one, whether the caller may move there, and what is
   * unmet. For those who move and observers (SECRETARIAT, ADMIN, OBSERVER): the gates speak of
   * every agency's answer, so judges and agency reviewers are refused (403); `yourActions.move`
   * on the guideline tells whether to ask.
   */
  @Get('available')
  @Roles(...MOVE_LIST_READERS)
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOkResponse({ type: AvailableMovesView })
  @ApiErrors(400, 401, 403, 404)
  available(
    @UuidParam() id: string,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<AvailableMovesView> {
    return this.transitions.available(id, user, locale);
  }
}
