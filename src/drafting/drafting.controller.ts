import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { RequestLocale } from '../common/request-locale';
import { AuthUser, Locale } from '../court/roles';
import { VersionView } from '../guidelines/version.dto';
import { AcceptsUpload, DOCX_MEDIA_TYPE, Upload, Uploaded } from '../common/upload';
import {
  DraftImportView,
  DraftView,
  ImportDraftQuery,
  PublishDraftDto,
  SaveDraftDto,
} from './draft.dto';
import { DraftingService } from './drafting.service';
import { DRAFT_READERS, PUBLISHING_ROLES } from '../court/publish-rules';

@ApiTags('drafting')
@ApiBearerAuth()
@Controller('guidelines/:id/draft')
export class DraftingController {
  constructor(private readonly drafting: DraftingService) {}

  /**
   * The next version in preparation: its sections, the revision to save against, who saved last
   * and the suggestions written into it. Untouched since the last publication, it is a copy of
   * the current version (empty before the first).
   */
  @Get()
  @Roles(...DRAFT_READERS)
  @ApiOkResponse({ type: DraftView })
  @ApiErrors(400, 401, 403, 404)
  get(@UuidParam() id: string): Promise<DraftView> {
    return this.drafting.get(id);
  }

  /**
   * Saves the whole draft. `revision` must be the draft's current one: otherwise someone saved in
   * between, the answer is 409 and nothing is overwritten. Same section rules as publishing.
   */
  @Put()
  @Roles(...PUBLISHING_ROLES)
  @ApiOkResponse({ type: DraftView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  save(
    @UuidParam() id: string,
    @Body() dto: SaveDraftDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<DraftView> {
    return this.drafting.save(id, dto, { ...user, locale });
  }

  /**
   * Replaces the draft's sections with a Word file's (.docx, at most 10 MB): each Heading 1 starts
   * a section; its paragraphs, lists (`- ` lines) and tables (cells between ` | `) are the body.
   * Sections whose heading the current version has keep its key. `warnings` says what the file
   * had that sections do not keep. A file that is not a .docx is 415, a damaged or
   * password-protected one 400, one that unpacks too large 413; the draft is then unchanged.
   */
  @Post('import')
  @HttpCode(200)
  @Roles(...PUBLISHING_ROLES)
  @AcceptsUpload({ field: 'file', mediaTypes: [DOCX_MEDIA_TYPE] })
  @ApiOkResponse({ type: DraftImportView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422, 503)
  importWord(
    @UuidParam() id: string,
    @Query() query: ImportDraftQuery,
    @Uploaded() file: Upload,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<DraftImportView> {
    return this.drafting.importWord(id, file, query.revision, { ...user, locale });
  }

  /**
   * Publishes the draft as the next version (same stage rule as any version; 409 when `revision`
   * is stale). The version records the suggestions the draft applied; the draft then starts again
   * as a copy of the new version.
   */
  @Post('publish')
  @Roles(...PUBLISHING_ROLES)
  @ApiOkResponse({ type: VersionView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  publish(
    @UuidParam() id: string,
    @Body() dto: PublishDraftDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ): Promise<VersionView> {
    return this.drafting.publish(id, dto, { ...user, locale });
  }
}
