import { Injectable } from '@nestjs/common';
import { WHOLE_RECORD } from '../court/reader-scope';
import { detail } from '../common/app-error';
import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { ReportErrorCode, ReportException } from './report.exception';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { Locale } from '../court/roles';
import { participationCsv } from './participation-csv';
import { buildParticipationReport, ParticipationReport } from './participation-report';
import { ParticipationRepository } from './participation.repository';
import { ParticipationQuery } from './report.dto';

@Injectable()
export class ReportsService {
  constructor(
    private readonly participation: ParticipationRepository,
    private readonly guidelines: GuidelinesRepository,
  ) {}

  async participationReport(query: ParticipationQuery): Promise<ParticipationReport> {
    if (query.from && query.to && query.from > query.to) {
      throw new ReportException(ReportErrorCode.INVALID_PERIOD, {}, [
        detail('INVALID_PERIOD_DETAIL', {}, { field: 'from' }),
      ]);
    }
    if (query.guidelineId && !(await this.guidelines.exists(query.guidelineId, WHOLE_RECORD))) {
      throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    }
    const filter = {
      guidelineId: query.guidelineId,
      stage: query.stage,
      from: query.from,
      to: query.to,
      province: query.province,
    };
    const [totals, institutions] = await Promise.all([
      this.participation.totals(filter),
      this.participation.institutions(filter),
    ]);
    const filters = Object.fromEntries(
      Object.entries(filter).filter(([, value]) => value !== undefined),
    );
    return buildParticipationReport(filters, totals, institutions);
  }

  /**
   * The same report as a CSV file (UTF-8 with BOM), headers, measures and category names in
   * `locale`, named after the guideline's code (or all guidelines) and the language.
   */
  async participationCsvFile(
    query: ParticipationQuery,
    locale: Locale,
  ): Promise<{ content: Buffer; fileName: string }> {
    const report = await this.participationReport(query);
    const guideline = query.guidelineId
      ? await this.guidelines.findView(query.guidelineId, WHOLE_RECORD)
      : null;
    const scope = guideline ? guideline.code : 'all-guidelines';
    return {
      content: participationCsv(report, locale),
      fileName: `participation-${scope}-${locale}.csv`,
    };
  }
}
