import { Body, Controller, Get, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { ApiErrors, ApiFileAnswer, BINARY, MEDIA_TYPE } from '../common/api-errors.decorator';
import { TokenParam } from '../common/path-params';
import { attachment } from '../common/attachment';
import { Public } from '../common/auth-decorators';
import { AcceptsUpload, Upload, Uploaded } from '../common/upload';
import { LETTER_UPLOAD, LinkDocumentQuery, LinkReviewView, ReviewResponseDto } from './review.dto';
import { AnswerLinkGuard } from './answer-link-guard';
import { ReviewLinkThrottlerGuard } from './review-link-throttler.guard';
import { ReviewLinksService } from './review-links.service';

/** Requests per minute from one client address to the answer-link routes, all tokens together. */
export const REVIEW_LINK_REQUESTS_PER_MINUTE = 60;

/**
 * An agency's official answers by the link e-mailed to its contact address, without an account.
 * An unknown, expired or revoked token is 404, the same answer for each.
 */
@ApiTags('review links')
@Public()
@UseGuards(ReviewLinkThrottlerGuard)
@Throttle({ login: { limit: REVIEW_LINK_REQUESTS_PER_MINUTE, ttl: 60_000 } })
@Controller('review-links/:token')
export class ReviewLinksController {
  constructor(private readonly links: ReviewLinksService) {}

  /** The request (guideline, version and its content hash, due date, agency) and the version's sections. */
  @Get()
  @ApiOkResponse({ type: LinkReviewView })
  @ApiErrors(404, 429)
  view(@TokenParam() token: string): Promise<LinkReviewView> {
    return this.links.view(token);
  }

  /** The version as a Word document, as the secretariat's own download gives it. */
  @Get('document')
  @ApiFileAnswer('The file, as an attachment', { [MEDIA_TYPE.docx]: BINARY })
  @ApiErrors(400, 404, 429)
  async document(
    @TokenParam() token: string,
    @Query() _query: LinkDocumentQuery,
  ): Promise<StreamableFile> {
    const file = await this.links.document(token);
    return attachment(file.content, file.contentType, file.fileName);
  }

  /**
   * The agency's answer (the body of POST /api/reviews/:id/response, JSON or a form with the
   * signed letter in `letter`), once: a second one is 409.
   */
  @Post('response')
  @UseGuards(AnswerLinkGuard)
  @AcceptsUpload(LETTER_UPLOAD)
  @ApiCreatedResponse({ type: LinkReviewView })
  @ApiErrors(400, 404, 409, 413, 415, 429)
  respond(
    @TokenParam() token: string,
    @Body() dto: ReviewResponseDto,
    @Uploaded() letter: Upload | undefined,
  ): Promise<LinkReviewView> {
    return this.links.respond(token, dto, letter);
  }
}
