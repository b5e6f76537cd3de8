import { Injectable } from '@nestjs/common';
import { ReaderScope } from '../court/reader-scope';
import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { Env } from '../config/env';
import { ExportPool } from '../exports/export-pool';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { VersionsRepository } from '../guidelines/versions.repository';
import { DocumentFormat, IndicatorListView } from './document.dto';
import { GuidelineDocument, toDocumentSection } from './guideline-document';
import { renderGuidelineMarkdown } from './guideline-markdown';
import { indicatorCoverage } from './indicator-coverage';
import { GUIDELINE_DOCX } from './guideline-docx.export';

export interface RenderedDocument {
  content: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
};

@Injectable()
export class DocumentsService {
  constructor(
    private readonly env: Env,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly exports: ExportPool,
  ) {}

  async render(
    guidelineId: string,
    number: number,
    format: DocumentFormat,
    scope: ReaderScope,
  ): Promise<RenderedDocument> {
    const doc = await this.load(guidelineId, scope, number);
    const content =
      format === 'docx'
        ? // Word documents are built in the export threads, off the event loop.
          await this.exports.run(GUIDELINE_DOCX, {
            document: doc,
            timeZone: this.env.APP_TIMEZONE,
          })
        : Buffer.from(renderGuidelineMarkdown(doc), 'utf8');
    const safeCode = doc.guideline.code.replace(/[^A-Za-z0-9._-]+/g, '_');
    return {
      content,
      contentType: CONTENT_TYPES[format],
      fileName: `${safeCode}-v${doc.version.number}.${format}`,
    };
  }

  async indicators(
    guidelineId: string,
    scope: ReaderScope,
    number?: number,
  ): Promise<IndicatorListView> {
    const doc = await this.load(guidelineId, scope, number);
    const items = indicatorCoverage(doc.sections);
    return {
      guidelineId,
      versionNumber: doc.version.number,
      contentHash: doc.version.contentHash,
      items,
      uncoveredCount: items.filter((i) => i.uncovered).length,
    };
  }

  /**
   * The guideline, one of its versions (default: the current one, as this reader reads it) and
   * its sections, in order.
   */
  private async load(
    guidelineId: string,
    scope: ReaderScope,
    number?: number,
  ): Promise<GuidelineDocument> {
    const guideline = await this.guidelines.findView(guidelineId, scope);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const wanted = number ?? guideline.current_version_number;
    if (wanted === null) throw new GuidelineException(GuidelineErrorCode.NO_VERSION_YET);
    const found = await this.versions.findGuidelineVersions(guidelineId, [wanted], scope);
    const version = found.versions[0];
    if (!version) throw new GuidelineException(GuidelineErrorCode.VERSION_NOT_FOUND);
    const contents = await this.versions.sectionContents([version.id]);
    return {
      guideline: {
        id: guideline.id,
        code: guideline.code,
        title: { en: guideline.title_en, lo: guideline.title_lo },
        stage: guideline.stage,
        currentVersion: guideline.current_version_number ?? version.number,
      },
      version: {
        number: version.number,
        stage: version.stage,
        contentHash: version.content_hash,
        publishedAt: version.published_at,
        changeSummary: version.change_summary,
        adoptedAt:
          guideline.adopted_version_number === version.number ? guideline.adopted_at : null,
      },
      sections: (contents.get(version.id) ?? []).map(toDocumentSection),
    };
  }
}
