import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { readerScope } from '../court/reader-scope';
import { UuidParam } from '../common/path-params';
import { PageQuery } from '../common/pagination';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { ApiErrors, ApiFileAnswer, BINARY, MEDIA_TYPE, TEXT } from '../common/api-errors.decorator';
import { VersionNumberParam } from '../guidelines/version-number.pipe';
import {
  CommentDetailView,
  CommentListView,
  CommentQuery,
  CommentView,
  CreateCommentDto,
  DispositionDto,
  MatrixQuery,
  MatrixView,
  SearchQuery,
  SearchResultView,
  UpdateCommentDto,
} from './comment.dto';
import { CommentMatrixService } from './comment-matrix.service';
import { CommentsService } from './comments.service';
import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { DECIDING_ROLES } from '../court/comment-rules';
import { SearchService } from './search.service';
import { attachment, attachmentStream } from '../common/attachment';
import { Readable } from 'node:stream';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('guidelines/:id/versions/:number/comments')
export class VersionCommentsController {
  constructor(private readonly comments: CommentsService) {}

  /**
   * Comment on a section of the current version, or reply (`parentId`) in a thread of any version.
   * Who may comment depends on the stage: 403 when your role may not in this stage, 422 when the
   * stage is closed to comments, the quote is not in the section, or the version is not current.
   */
  @Post()
  @ApiCreatedResponse({ type: CommentView })
  @ApiErrors(400, 401, 403, 404, 413, 422)
  create(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @Body() dto: CreateCommentDto,
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<CommentView> {
    return this.comments.create(id, number, dto, user, idempotent);
  }

  /**
   * Top-level comments of a version in reading order, with reply counts; when a newer version
   * exists, each says what became of its section (`carryOver`).
   */
  @Get()
  @ApiOkResponse({ type: CommentListView })
  @ApiErrors(400, 401, 404)
  list(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @Query() query: CommentQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CommentListView> {
    return this.comments.listForVersion(id, number, query, user);
  }
}

@ApiTags('comments')
@ApiBearerAuth()
@Controller('comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  /** One comment with its earlier texts, its dispositions and (for a thread) its replies. */
  @Get(':id')
  @ApiOkResponse({ type: CommentDetailView })
  @ApiErrors(400, 401, 404)
  get(@UuidParam() id: string, @CurrentUser() user: AuthUser): Promise<CommentDetailView> {
    return this.comments.get(id, user);
  }

  /** A thread's replies after the first page of its detail, oldest first, a page at a time. */
  @Get(':id/replies')
  @ApiOkResponse({ type: CommentListView })
  @ApiErrors(400, 401, 404)
  replies(
    @UuidParam() id: string,
    @Query() query: PageQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CommentListView> {
    return this.comments.replies(id, user, query.limit, query.cursor);
  }

  /** Edit your own comment while it has no disposition; the earlier text is kept. */
  @Patch(':id')
  @ApiOkResponse({ type: CommentDetailView })
  @ApiErrors(400, 401, 403, 404, 422)
  edit(
    @UuidParam() id: string,
    @Body() dto: UpdateCommentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CommentDetailView> {
    return this.comments.edit(id, dto, user);
  }

  /** Delete your own comment (soft: it disappears from lists and the matrix). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 422)
  remove(@UuidParam() id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.comments.remove(id, user);
  }

  /**
   * Record or revise the disposition of a top-level comment (SECRETARIAT); the author is told once
   * per change. `expectedStatus` names the decision being replaced (null or omitted: none): 409
   * when the comment's status is another. The same decision again records and tells nothing.
   */
  @Put(':id/disposition')
  @Roles(...DECIDING_ROLES)
  @ApiOkResponse({ type: CommentDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  dispose(
    @UuidParam() id: string,
    @Body() dto: DispositionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CommentDetailView> {
    return this.comments.dispose(id, dto, user);
  }
}

@ApiTags('comments')
@ApiBearerAuth()
@Controller('guidelines/:id')
export class GuidelineCommentsController {
  constructor(
    private readonly matrix: CommentMatrixService,
    private readonly searcher: SearchService,
  ) {}

  /**
   * The comment matrix: every top-level comment of one version (`?version=`) or all versions,
   * with section, commenter, text, disposition and response. JSON, CSV (UTF-8 with BOM) or DOCX.
   */
  @Get('comment-matrix')
  @ApiFileAnswer('JSON (`format=json`); CSV and DOCX come as attachments', {
    [MEDIA_TYPE.json]: MatrixView,
    [MEDIA_TYPE.csv]: TEXT,
    [MEDIA_TYPE.docx]: BINARY,
  })
  @ApiErrors(400, 401, 404)
  async commentMatrix(
    @UuidParam() id: string,
    @Query() query: MatrixQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<MatrixView | StreamableFile> {
    const out = await this.matrix.export(id, query, user);
    // JSON and CSV are written while the comments are read, a page at a time.
    if (out.format === 'json') {
      return new StreamableFile(Readable.from(out.chunks), {
        type: 'application/json; charset=utf-8',
      });
    }
    if (out.format === 'csv') return attachmentStream(out.chunks, out.contentType, out.filename);
    return attachment(out.content, out.contentType, out.filename);
  }

  /** Find a substring (Lao too) in the sections of every version and in comments. */
  @Get('search')
  @ApiOkResponse({ type: SearchResultView })
  @ApiErrors(400, 401, 404)
  search(
    @UuidParam() id: string,
    @Query() query: SearchQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<SearchResultView> {
    return this.searcher.search(id, query, readerScope(user));
  }
}
