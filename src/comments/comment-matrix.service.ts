import { Injectable } from '@nestjs/common';
import { readerScope, ReaderScope } from '../court/reader-scope';
import { AuthUser, Locale } from '../court/roles';
import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { Env } from '../config/env';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { VersionsRepository } from '../guidelines/versions.repository';
import { MatrixItemView, MatrixQuery } from './comment.dto';
import { institutionOf, NONE_IN_DRAFT, suggestionView } from './comment-views';
import { DraftingService } from '../drafting/drafting.service';
import { CommentsRepository, matrixCursorOf, MatrixCursor, MatrixRow } from './comments.repository';
import { matrixCsvChunks } from './matrix/matrix-csv';
import { ExportPool } from '../exports/export-pool';
import {
  ALL_VERSIONS,
  GENERATED,
  MATRIX_COLUMNS,
  MATRIX_TITLE,
  word,
} from './matrix/matrix-labels';
import { MATRIX_DOCX } from './matrix/matrix-docx.export';

/** Comments read from the database at a time: a page's cost stays flat however long the matrix. */
const PAGE_SIZE = 2000;

export type MatrixExport =
  /** The JSON of a MatrixView, written as the pages are read. */
  | { format: 'json'; chunks: AsyncIterable<string> }
  /** CSV, written as the pages are read. */
  | { format: 'csv'; contentType: string; filename: string; chunks: AsyncIterable<string> }
  /** Word, built in an export thread once every comment is read. */
  | { format: 'docx'; contentType: string; filename: string; content: Buffer };

@Injectable()
export class CommentMatrixService {
  constructor(
    private readonly env: Env,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly comments: CommentsRepository,
    private readonly drafting: DraftingService,
    private readonly exports: ExportPool,
  ) {}

  /** Every top-level, non-deleted comment of one version (or all), with its disposition. */
  async export(guidelineId: string, query: MatrixQuery, actor: AuthUser): Promise<MatrixExport> {
    const locale = query.locale ?? actor.locale;
    // An agency reader's matrix holds its own agency's comments on the versions it was asked about.
    const scope = readerScope(actor);
    const guideline = await this.guidelines.findView(guidelineId, scope);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    if (query.version !== undefined) {
      const found = await this.versions.findGuidelineVersions(guidelineId, [query.version], scope);
      if (!found.versions.length)
        throw new GuidelineException(GuidelineErrorCode.VERSION_NOT_FOUND);
    }
    const pages = this.pages(guidelineId, query.version, locale, scope);
    if (query.format === 'json') return { format: 'json', chunks: matrixJson(pages) };

    const versions = query.version ? `v${query.version}` : 'all-versions';
    const filename = `${guideline.code}-comment-matrix-${versions}-${locale}.${query.format}`;
    if (query.format === 'csv') {
      return {
        format: 'csv',
        contentType: 'text/csv; charset=utf-8',
        filename,
        chunks: matrixCsvChunks(pages, locale),
      };
    }
    const title = locale === 'lo' ? guideline.title_lo : guideline.title_en;
    const generatedAt = new Date();
    const generated = new Intl.DateTimeFormat(locale === 'lo' ? 'lo-LA' : 'en-GB', {
      timeZone: this.env.APP_TIMEZONE,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(generatedAt);
    // Each page as JSON text while it is read: the thread gets strings, not 20,000 objects.
    const itemPages: string[] = [];
    for await (const page of pages) itemPages.push(JSON.stringify(page));
    const versionWords = query.version
      ? `${word(MATRIX_COLUMNS.version, locale)} ${query.version}`
      : word(ALL_VERSIONS, locale);
    return {
      format: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      filename,
      content: await this.exports.run(MATRIX_DOCX, {
        itemPages,
        info: {
          title: `${word(MATRIX_TITLE, locale)}: ${guideline.code} — ${title}`,
          subtitle: `${versionWords} · ${word(GENERATED, locale)} ${generated} (${this.env.APP_TIMEZONE})`,
          generatedAt,
        },
        locale,
      }),
    };
  }

  /**
   * The matrix's items in reading order, a keyset page at a time. The draft's suggestions are
   * read once, when the first comment with a suggestion comes.
   */
  private async *pages(
    guidelineId: string,
    version: number | undefined,
    locale: Locale,
    scope: ReaderScope,
  ): AsyncGenerator<MatrixItemView[]> {
    let inDraft: ReadonlySet<string> | null = null;
    let after: MatrixCursor | null = null;
    for (;;) {
      const rows: MatrixRow[] = await this.comments.matrixRows(
        guidelineId,
        version,
        PAGE_SIZE,
        after,
        scope,
      );
      if (!rows.length) return;
      if (inDraft === null && rows.some((row) => row.suggestion !== null)) {
        inDraft = await this.drafting.suggestionsInDraft(guidelineId);
      }
      yield rows.map((row) => matrixItem(row, locale, inDraft ?? NONE_IN_DRAFT));
      if (rows.length < PAGE_SIZE) return;
      after = matrixCursorOf(rows[rows.length - 1]);
    }
  }
}

/** `{"items":[...]}`, the MatrixView's JSON, a page at a time. */
async function* matrixJson(pages: AsyncIterable<MatrixItemView[]>): AsyncGenerator<string> {
  yield '{"items":[';
  let first = true;
  for await (const items of pages) {
    if (!items.length) continue;
    yield (first ? '' : ',') + items.map((item) => JSON.stringify(item)).join(',');
    first = false;
  }
  yield ']}';
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
