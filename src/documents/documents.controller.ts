import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileAnswer, BINARY, MEDIA_TYPE, TEXT } from '../common/api-errors.decorator';
import { VersionNumberParam } from '../guidelines/version-number.pipe';
import { DocumentQuery, IndicatorListView, IndicatorQuery } from './document.dto';
import { DocumentsService } from './documents.service';
import { attachment } from '../common/attachment';
import { CurrentUser } from '../common/auth-decorators';
import { readerScope } from '../court/reader-scope';
import { AuthUser } from '../court/roles';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('guidelines/:id')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /**
   * A version as a Word document (title page in Lao and English with the version, adoption date
   * and content hash; numbered sections; indicators as tables) or as Markdown that
   * parseGuidelineMarkdown reads back exactly.
   */
  @Get('versions/:number/document')
  @ApiFileAnswer('The file, as an attachment: Word (`format=docx`) or Markdown (`format=md`)', {
    [MEDIA_TYPE.docx]: BINARY,
    [MEDIA_TYPE.markdown]: TEXT,
  })
  @ApiErrors(400, 401, 404)
  async document(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @Query() query: DocumentQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const file = await this.documents.render(id, number, query.format, readerScope(user));
    return attachment(file.content, file.contentType, file.fileName);
  }

  /**
   * The indicator sections of a version (default: the current one), each with the provisions
   * citing its code, and `uncovered` where none does.
   */
  @Get('indicators')
  @ApiOkResponse({ type: IndicatorListView })
  @ApiErrors(400, 401, 404)
  indicators(
    @UuidParam() id: string,
    @Query() query: IndicatorQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<IndicatorListView> {
    return this.documents.indicators(id, readerScope(user), query.version);
  }
}
