import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { ApiErrors } from '../common/api-errors.decorator';
import { attachment } from '../common/attachment';
import { Public } from '../common/auth-decorators';
import { LinkDocumentQuery, LinkReviewView, ReviewResponseDto } from './review.dto';
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
  view(@Param('token') token: string): Promise<LinkReviewView> {
    return this.links.view(token);
  }

  /** The version as a Word document, as the secretariat's own download gives it. */
  @Get('document')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: 'The file, as an attachment' })
  @ApiErrors(400, 404, 429)
  async document(
    @Param('token') token: string,
    @Query() _query: LinkDocumentQuery,
  ): Promise<StreamableFile> {
    const file = await this.links.document(token);
    return attachment(file.content, file.contentType, file.fileName);
  }

  /** The agency's answer (the body of POST /api/reviews/:id/response), once: a second one is 409. */
  @Post('response')
  @ApiCreatedResponse({ type: LinkReviewView })
  @ApiErrors(400, 404, 409, 429)
  respond(@Param('token') token: string, @Body() dto: ReviewResponseDto): Promise<LinkReviewView> {
    return this.links.respond(token, dto);
  }
}
