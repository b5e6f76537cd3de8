import { Locale } from '../court/roles';
import { CommentRow, DispositionRow, RevisionRow } from './comments.repository';
import { CommentView, DispositionHistoryView, RevisionView, SuggestionView } from './comment.dto';
import { suggestionStatus } from './suggestion-status';
import { commentActions, CommentPermissions } from '../court/comment-rules';

/** No comment of the guideline has its suggestion waiting in the working draft. */
export const NONE_IN_DRAFT: ReadonlySet<string> = new Set();

export function suggestionView(
  row: {
    id: string;
    suggestion: string | null;
    suggestion_applied_in: number | null;
    disposition_status: string | null;
  },
  inDraft: ReadonlySet<string>,
): SuggestionView | null {
  if (row.suggestion === null) return null;
  const pending = inDraft.has(row.id);
  return {
    text: row.suggestion,
    status: suggestionStatus({
      appliedInVersion: row.suggestion_applied_in,
      inDraft: pending,
      hasDisposition: row.disposition_status !== null,
    }),
    appliedInVersion: row.suggestion_applied_in,
    inDraft: pending,
  };
}

/** The author's institution as people know it: their own, else their agency's name. */
export function institutionOf(
  row: {
    author_institution: string | null;
    agency_name_en: string | null;
    agency_name_lo: string | null;
  },
  locale: Locale,
): string | null {
  return (
    row.author_institution ?? (locale === 'lo' ? row.agency_name_lo : row.agency_name_en) ?? null
  );
}

/**
 * `may`: what the caller may do on the guideline's comments; `inDraft`: the comments of the
 * guideline whose suggestion waits in its working draft.
 */
export function commentView(
  row: CommentRow,
  locale: Locale,
  may: CommentPermissions,
  inDraft: ReadonlySet<string> = NONE_IN_DRAFT,
): CommentView {
  return {
    id: row.id,
    guidelineId: row.guideline_id,
    versionNumber: row.version_number,
    sectionKey: row.section_key,
    parentId: row.parent_id,
    inReplyToId: row.in_reply_to_id,
    author: { id: row.author_id, name: row.author_name, institution: institutionOf(row, locale) },
    spokenBy: row.spoken_by_name
      ? { name: row.spoken_by_name, institution: row.spoken_by_institution }
      : null,
    eventId: row.event_id,
    body: row.body,
    quote: row.quote,
    suggestion: suggestionView(row, inDraft),
    stage: row.stage,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    replyCount: Number(row.reply_count),
    disposition:
      row.disposition_status && row.disposition_by && row.disposition_at
        ? {
            status: row.disposition_status,
            response: row.disposition_response,
            by: { id: row.disposition_by, name: row.disposition_by_name ?? '' },
            at: row.disposition_at.toISOString(),
            versionNumber: row.disposition_version_number,
          }
        : null,
    yourActions: commentActions(
      {
        authorId: row.author_id,
        parentId: row.parent_id,
        hasDisposition: row.disposition_status !== null,
        onBehalf: row.spoken_by_name !== null,
      },
      may,
    ),
  };
}

export function revisionView(row: RevisionRow): RevisionView {
  return {
    body: row.body,
    quote: row.quote,
    editedBy: { id: row.edited_by, name: row.edited_by_name },
    editedAt: row.edited_at.toISOString(),
  };
}

export function dispositionHistoryView(row: DispositionRow): DispositionHistoryView {
  return {
    id: row.id,
    status: row.status,
    response: row.response,
    by: { id: row.decided_by, name: row.decided_by_name },
    at: row.decided_at.toISOString(),
    versionNumber: row.version_number,
  };
}
