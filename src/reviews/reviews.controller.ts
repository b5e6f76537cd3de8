import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser, Role } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  DueDateDto,
  ReviewDetailView,
  ReviewListView,
  ReviewQuery,
  ReviewResponseDto,
} from './review.dto';
import { ReviewsService } from './reviews.service';
import { DUE_DATE_ROLES, LINK_ROLES, RESPONDING_ROLES } from './review-rules';

const READERS = [Role.AGENCY_REVIEWER, Role.SECRETARIAT, Role.OBSERVER, Role.ADMIN];

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Review requests: a reviewer sees its own agency's; the secretariat, observers and admins see all. */
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: ReviewListView })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: ReviewQuery): Promise<ReviewListView> {
    return this.reviews.list(user, query);
  }

  /** One request with its reminders and due-date history (404 for another agency's). */
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ReviewDetailView> {
    return this.reviews.get(user, id);
  }

  /** The agency's answer (its reviewers only); a second answer, or one to a withdrawn request, is 409. */
  @Post(':id/response')
  @HttpCode(200)
  @Roles(...RESPONDING_ROLES)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  respond(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: ReviewResponseDto,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<ReviewDetailView> {
    return this.reviews.respond(user, id, dto, idempotent);
  }

  /**
   * A new answer link for the agency (SECRETARIAT): the links sent before stop working and the
   * request is e-mailed again to the agency's contact address. 409 once answered or withdrawn.
   */
  @Post(':id/link')
  @HttpCode(200)
  @Roles(...LINK_ROLES)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  reissueLink(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ReviewDetailView> {
    return this.reviews.reissueLink(user, id);
  }

  /** Moves the due day (SECRETARIAT), with a reason: its reminders move with it. */
  @Put(':id/due-date')
  @Roles(...DUE_DATE_ROLES)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  changeDueDate(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: DueDateDto,
  ): Promise<ReviewDetailView> {
    return this.reviews.changeDueDate(user, id, dto);
  }
}
