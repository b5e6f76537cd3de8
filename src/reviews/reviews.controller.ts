import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Body, Controller, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { REVIEW_READERS } from '../court/access-rules';
import { ApiErrors, ApiFileAnswer, BINARY } from '../common/api-errors.decorator';
import { attachment } from '../common/attachment';
import { AcceptsUpload, Upload, Uploaded } from '../common/upload';
import {
  DueDateDto,
  LETTER_UPLOAD,
  ReviewDetailView,
  ReviewListView,
  ReviewQuery,
  ReviewResponseDto,
} from './review.dto';
import { ReviewsService } from './reviews.service';
import { DUE_DATE_ROLES, LINK_ROLES, RESPONDING_ROLES } from './review-rules';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Review requests: a reviewer sees its own agency's; the secretariat, observers and admins see all. */
  @Get()
  @Roles(...REVIEW_READERS)
  @ApiOkResponse({ type: ReviewListView })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: ReviewQuery): Promise<ReviewListView> {
    return this.reviews.list(user, query);
  }

  /** One request with its reminders and due-date history (404 for another agency's). */
  @Get(':id')
  @Roles(...REVIEW_READERS)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ReviewDetailView> {
    return this.reviews.get(user, id);
  }

  /**
   * The agency's answer (its reviewers only); a second answer, or one to a withdrawn request, is 409.
   * As JSON, or as multipart/form-data with the same fields (`signatory` as JSON text) and the
   * agency's signed letter in `letter`: a PDF, JPEG or PNG by its content, at most 10 MB (another
   * type 415, larger 413, an empty, cut-off or truncated upload 400; nothing is then recorded).
   */
  @Post(':id/response')
  @HttpCode(200)
  @Roles(...RESPONDING_ROLES)
  @AcceptsUpload(LETTER_UPLOAD)
  @ApiOkResponse({ type: ReviewDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  respond(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: ReviewResponseDto,
    @Uploaded() letter: Upload | undefined,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<ReviewDetailView> {
    return this.reviews.respond(user, id, dto, idempotent, letter);
  }

  /**
   * The agency's signed letter sent with the answer, as it was sent (PDF, JPEG or PNG), as an
   * attachment named from the record. For the secretariat, observers and that agency's reviewers;
   * 404 for anyone else, as for a request without a letter.
   */
  @Get(':id/letter')
  @ApiFileAnswer('The letter, as an attachment', {
    'application/pdf': BINARY,
    'image/jpeg': BINARY,
    'image/png': BINARY,
  })
  @ApiErrors(400, 401, 404)
  async letter(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<StreamableFile> {
    const file = await this.reviews.letter(user, id);
    return attachment(file.content, file.contentType, file.fileName);
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
