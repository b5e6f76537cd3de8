import { CodedReason, reason, Texts } from '../court/catalogue';
import { Stage, stageName } from '../court/stage';
import { CommentErrorCode, CommentException } from './comment.exception';
import { DispositionStatus } from './comment.entity';
import { statusLabel } from './matrix/matrix-labels';

/** Why a comment, edit, deletion or disposition is refused (the words: src/common/catalogue.ts). */
export const commentReasons = {
  versionNotCurrent: (asked: number, current: number) =>
    reason(CommentErrorCode.VERSION_NOT_CURRENT, { asked, current }),
  unknownSection: (version: number, key: string) =>
    reason(CommentErrorCode.UNKNOWN_SECTION, { version, key }),
  quoteNotFound: (key: string) => reason(CommentErrorCode.QUOTE_NOT_FOUND, { key }),
  unknownEvent: () => reason(CommentErrorCode.UNKNOWN_EVENT),
  eventOfAnotherGuideline: () => reason(CommentErrorCode.EVENT_OF_ANOTHER_GUIDELINE),
  parentNotFound: () => reason(CommentErrorCode.PARENT_NOT_FOUND),
  parentDeleted: () => reason(CommentErrorCode.PARENT_DELETED),
  parentOnOtherVersion: (parentVersion: number, asked: number) =>
    reason(CommentErrorCode.PARENT_ON_OTHER_VERSION, { parentVersion, asked }),
  sectionMismatch: (key: string) => reason(CommentErrorCode.SECTION_MISMATCH, { key }),
  notTheAuthor: () => reason(CommentErrorCode.NOT_THE_AUTHOR),
  hasDisposition: () => reason(CommentErrorCode.HAS_DISPOSITION),
  commentDeleted: () => reason(CommentErrorCode.COMMENT_DELETED),
  notTopLevel: () => reason(CommentErrorCode.NOT_TOP_LEVEL),
  suggestionOnReply: () => reason(CommentErrorCode.SUGGESTION_ON_REPLY),
  suggestionEmpty: () => reason(CommentErrorCode.SUGGESTION_EMPTY),
  dispositionChanged: (expected: DispositionStatus | null, current: DispositionStatus | null) =>
    reason(CommentErrorCode.DISPOSITION_CHANGED, {
      expected: statusLabels(expected),
      current: statusLabels(current),
    }),
  dispositionsFrozen: (stage: Stage) =>
    reason(CommentErrorCode.DISPOSITIONS_FROZEN, { stage: stageName(stage) }),
};

function statusLabels(status: DispositionStatus | null): Texts {
  return { en: statusLabel(status, 'en'), lo: statusLabel(status, 'lo') };
}

/**
 * A refusal of a comment rule, answered in the reader's language: its kind (and so its status:
 * 422 when the stage is closed to everyone, COMMENTS_CLOSED; 403 when this person's role may not
 * comment in this stage) comes with its code from the catalogue.
 */
export function refused(
  reason: CodedReason<`${CommentErrorCode}`>,
  extra: Record<string, unknown> = {},
): CommentException {
  return CommentException.because(reason, extra);
}

/** A quote anchors to the section when it occurs, after NFC normalisation, in its heading or body. */
export function quoteOccursIn(quote: string, section: { heading: string; body: string }): boolean {
  const q = quote.normalize('NFC');
  return section.heading.normalize('NFC').includes(q) || section.body.normalize('NFC').includes(q);
}
