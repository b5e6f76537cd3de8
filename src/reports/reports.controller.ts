import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { REPORT_READERS } from '../court/access-rules';
import { ApiErrors, ApiFileAnswer, MEDIA_TYPE, TEXT } from '../common/api-errors.decorator';
import { ParticipationQuery, ParticipationReportView } from './report.dto';
import { ReportsService } from './reports.service';
import { attachment } from '../common/attachment';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * Consultation events and their participants by sex, disability and institution, with shares
   * as the programme's fact sheet writes them. `format=csv`: UTF-8 with BOM, one row per figure.
   */
  @Get('participation')
  @Roles(...REPORT_READERS)
  @ApiFileAnswer('JSON; with `format=csv`, a CSV file as an attachment', {
    [MEDIA_TYPE.json]: ParticipationReportView,
    [MEDIA_TYPE.csv]: TEXT,
  })
  @ApiErrors(400, 401, 403, 404)
  async participation(
    @Query() query: ParticipationQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ParticipationReportView | StreamableFile> {
    if (query.format !== 'csv') return this.reports.participationReport(query);
    const csv = await this.reports.participationCsvFile(query, query.locale ?? user.locale);
    return attachment(csv.content, 'text/csv; charset=utf-8', csv.fileName);
  }
}
