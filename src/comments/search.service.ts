import { Injectable } from '@nestjs/common';
import { ReaderScope } from '../court/reader-scope';
import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { SearchHitView, SearchQuery, SearchResultView } from './comment.dto';
import { CommentsRepository, SEARCH_CURSOR_CHECKS, SearchRow } from './comments.repository';

const SNIPPET_RADIUS = 80;

@Injectable()
export class SearchService {
  constructor(
    private readonly guidelines: GuidelinesRepository,
    private readonly comments: CommentsRepository,
  ) {}

  /** Sections of every version, then comments and replies, containing `q` (Lao included). */
  async search(
    guidelineId: string,
    query: SearchQuery,
    scope: ReaderScope,
  ): Promise<SearchResultView> {
    if (!(await this.guidelines.exists(guidelineId, scope))) {
      throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    }
    const values = decodeCursor(
      query.cursor,
      SEARCH_CURSOR_CHECKS,
      (v) => CommentsRepository.searchCursorFrom(v) !== null,
    );
    const after = values ? CommentsRepository.searchCursorFrom(values) : null;
    const rows = await this.comments.search(guidelineId, query.q, query.limit + 1, after, scope);
    const items = rows.slice(0, query.limit).map((row) => hit(row, query.q));
    const next =
      rows.length > query.limit
        ? encodeCursor(CommentsRepository.searchCursorOf(rows[query.limit - 1]))
        : null;
    return { items, next };
  }
}

function hit(row: SearchRow, q: string): SearchHitView {
  const text = row.type === 'section' ? `${row.heading} ${row.text}` : row.text;
  const base = {
    type: row.type,
    versionNumber: row.version_number,
    sectionKey: row.section_key,
    heading: row.heading,
    snippet: snippet(text, q),
  };
  if (row.type === 'section') return base;
  return {
    ...base,
    commentId: row.comment_id!,
    parentId: row.parent_id,
    author: { id: row.author_id!, name: row.author_name! },
    createdAt: row.created_at!.toISOString(),
  };
}

/** The text around the first match, so a long body does not travel whole. */
export function snippet(text: string, q: string): string {
  const at = text.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (at < 0 || text.length <= 2 * SNIPPET_RADIUS + q.length)
    return text.slice(0, 2 * SNIPPET_RADIUS + q.length);
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(text.length, at + q.length + SNIPPET_RADIUS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
