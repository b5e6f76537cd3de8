import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth-decorators';
import { Role } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import { MarkdownDto, MarkdownSectionsView } from './markdown.dto';
import { MarkdownSectionsService } from './markdown-sections.service';

@ApiTags('web')
@ApiBearerAuth()
@Controller('web/markdown')
export class MarkdownController {
  constructor(private readonly markdown: MarkdownSectionsService) {}

  /**
   * Reads pasted Markdown into sections, so the publish screen can show them for checking before
   * publishing. Stores nothing. 422 lists every problem with its line.
   */
  @Post('sections')
  @HttpCode(200)
  @Roles(Role.SECRETARIAT)
  @ApiOkResponse({ type: MarkdownSectionsView })
  @ApiErrors(400, 401, 403, 422)
  sections(@Body() dto: MarkdownDto): MarkdownSectionsView {
    return this.markdown.read(dto.markdown);
  }
}
