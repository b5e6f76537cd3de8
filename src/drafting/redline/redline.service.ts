import { Injectable } from '@nestjs/common';
import { ReaderScope } from '../../court/reader-scope';
import { GuidelineErrorCode, GuidelineException } from '../../guidelines/guideline.exception';
import { GuidelinesRepository } from '../../guidelines/guidelines.repository';
import { VersionsRepository } from '../../guidelines/versions.repository';
import { ExportPool } from '../../exports/export-pool';
import { RedlineFormat } from './redline.dto';
import { REDLINE } from './redline.export';

export interface RedlineFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Redlines between two published versions of a guideline (redline-model.ts says what they show). */
@Injectable()
export class RedlineService {
  constructor(
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly exports: ExportPool,
  ) {}

  async render(
    guidelineId: string,
    number: number,
    against: number,
    format: RedlineFormat,
    scope: ReaderScope,
  ): Promise<RedlineFile> {
    const guideline = await this.guidelines.findView(guidelineId, scope);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const found = await this.versions.findGuidelineVersions(guidelineId, [number, against], scope);
    const newer = found.versions.find((v) => v.number === number);
    const older = found.versions.find((v) => v.number === against);
    if (!newer)
      throw new GuidelineException(GuidelineErrorCode.VERSION_NUMBER_NOT_FOUND, { number });
    if (!older)
      throw new GuidelineException(GuidelineErrorCode.VERSION_NUMBER_NOT_FOUND, {
        number: against,
      });
    const contents = await this.versions.sectionContents([...new Set([newer.id, older.id])]);
    const side = (v: typeof newer) => ({
      number: v.number,
      contentHash: v.content_hash,
      publishedAt: new Date(v.published_at),
      publishedBy: v.published_by_name,
    });
    // The word diff and the file are CPU work: built in the export pool, off the event loop.
    const content = await this.exports.run(REDLINE, {
      guideline: {
        code: guideline.code,
        title: { lo: guideline.title_lo, en: guideline.title_en },
      },
      newer: side(newer),
      older: side(older),
      olderSections: contents.get(older.id) ?? [],
      newerSections: contents.get(newer.id) ?? [],
      format,
    });
    const name = `${guideline.code}-v${number}-against-v${against}-redline`;
    return format === 'html'
      ? { content, contentType: 'text/html; charset=utf-8', fileName: `${name}.html` }
      : { content, contentType: DOCX, fileName: `${name}.docx` };
  }
}
