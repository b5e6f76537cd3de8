import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { readerScope } from '../../court/reader-scope';
import { AuthUser } from '../../court/roles';
import { CurrentUser } from '../../common/auth-decorators';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  ApiFileAnswer,
  BINARY,
  MEDIA_TYPE,
  TEXT,
} from '../../common/api-errors.decorator';
import { attachment } from '../../common/attachment';
import { UuidParam } from '../../common/path-params';
import { VersionNumberParam } from '../../guidelines/version-number.pipe';
import { RedlineQuery } from './redline.dto';
import { RedlineService } from './redline.service';

@ApiTags('drafting')
@ApiBearerAuth()
@Controller('guidelines/:id/versions/:number/redline')
export class RedlineController {
  constructor(private readonly redlines: RedlineService) {}

  /**
   * The text of version `:number` with the changes from version `against` marked word by word
   * (Lao words segmented as in the diff). As DOCX (default, an attachment): real tracked changes
   * (`w:ins`/`w:del` with author and date), so "Accept All" gives `:number`'s text and "Reject All"
   * `against`'s; added and removed sections as inserted or deleted paragraphs; a title block with
   * both versions and their content hashes. As HTML: the same with `<ins>`/`<del>`, shown inline.
   */
  @Get()
  @ApiFileAnswer(
    'The redline: Word with tracked changes (`format=docx`, an attachment) or an HTML page (`format=html`)',
    {
      [MEDIA_TYPE.docx]: BINARY,
      'text/html': TEXT,
    },
  )
  @ApiErrors(400, 401, 403, 404)
  async redline(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @Query() query: RedlineQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const file = await this.redlines.render(
      id,
      number,
      query.against,
      query.format,
      readerScope(user),
    );
    if (query.format === 'html') {
      return new StreamableFile(file.content, {
        type: file.contentType,
        disposition: 'inline',
        length: file.content.length,
      });
    }
    return attachment(file.content, file.contentType, file.fileName);
  }
}
