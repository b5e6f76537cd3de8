import { Injectable } from '@nestjs/common';
import { AuthUser, Locale } from '../court/roles';
import { AppError } from '../common/app-error';
import { Env } from '../config/env';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { VersionsRepository } from '../guidelines/versions.repository';
import { MatrixItemView, MatrixQuery, MatrixView } from './comment.dto';
import { institutionOf, NONE_IN_DRAFT, suggestionView } from './comment-views';
import { DraftingService } from '../drafting/drafting.service';
import { CommentsRepository, MatrixRow } from './comments.repository';
import { matrixCsv } from './matrix/matrix-csv';
import { matrixDocx } from './matrix/matrix-docx';
import {
  ALL_VERSIONS,
  GENERATED,
  MATRIX_COLUMNS,
  MATRIX_TITLE,
  word,
} from './matrix/matrix-labels';

export type MatrixExport =
  | { format: 'json'; view: MatrixView }
  | { format: 'csv' | 'docx'; contentType: string; filename: string; content: Buffer };

@Injectable()
export class CommentMatrixService {
  constructor(
    private readonly env: Env,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly comments: CommentsRepository,
    private readonly drafting: DraftingService,
  ) {}

  /** Every top-level, non-deleted comment of one version (or all), with its disposition. */
  async export(guidelineId: string, query: MatrixQuery, actor: AuthUser): Promise<MatrixExport> {
    const locale = query.locale ?? actor.locale;
    const guideline = await this.guidelines.findView(guidelineId);
    if (!guideline) throw AppError.notFound('Guideline');
    if (query.version !== undefined) {
      const found = await this.versions.findGuidelineVersions(guidelineId, [query.version]);
      if (!found.versions.length) throw AppError.notFound('Version');
    }
    const rows = await this.comments.matrixRows(guidelineId, query.version);
    const inDraft = rows.some((row) => row.suggestion !== null)
      ? await this.drafting.suggestionsInDraft(guidelineId)
      : NONE_IN_DRAFT;
    const items = rows.map((row) => matrixItem(row, locale, inDraft));
    if (query.format === 'json') return { format: 'json', view: { items } };

    const scope = query.version ? `v${query.version}` : 'all-versions';
    const filename = `${guideline.code}-comment-matrix-${scope}-${locale}.${query.format}`;
    if (query.format === 'csv') {
      return {
        format: 'csv',
        contentType: 'text/csv; charset=utf-8',
        filename,
        content: matrixCsv(items, locale),
      };
    }
    const title = locale === 'lo' ? guideline.title_lo : guideline.title_en;
    const generatedAt = new Date();
    const generated = new Intl.DateTimeFormat(locale === 'lo' ? 'lo-LA' : 'en-GB', {
      timeZone: this.env.APP_TIMEZONE,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(generatedAt);
    const versionWords = query.version
      ? `${word(MATRIX_COLUMNS.version, locale)} ${query.version}`
      : word(ALL_VERSIONS, locale);
    return {
      format: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      filename,
      content: await matrixDocx(
        items,
        {
          title: `${word(MATRIX_TITLE, locale)}: ${guideline.code} — ${title}`,
          subtitle: `${versionWords} · ${word(GENERATED, locale)} ${generated} (${this.env.APP_TIMEZONE})`,
          generatedAt,
        },
        locale,
      ),
    };
  }
}

function matrixItem(row: MatrixRow, locale: Locale, inDraft: ReadonlySet<string>): MatrixItemView {
  const spokenBy = row.spoken_by_name
    ? { name: row.spoken_by_name, institution: row.spoken_by_institution }
    : null;
  return {
    commentId: row.id,
    versionNumber: row.version_number,
    sectionKey: row.section_key,
    sectionHeading: row.section_heading,
    author: { id: row.author_id, name: row.author_name },
    commenter: spokenBy ? spokenBy.name : row.author_name,
    institution: spokenBy ? spokenBy.institution : institutionOf(row, locale),
    spokenBy,
    text: row.body,
    quote: row.quote,
    suggestion: suggestionView(row, inDraft),
    createdAt: row.created_at.toISOString(),
    dispositionStatus: row.disposition_status,
    response: row.disposition_response,
    answeredInVersion: row.disposition_version_number,
  };
}
