import { reason } from '../court/catalogue';
import { DraftingErrorCode, ImportWarningCode } from './drafting.exception';
import { Stage, stageName } from '../court/stage';

/**
 * Every reason the drafting module gives (its words in both languages: src/common/catalogue.ts):
 * why a draft cannot be saved or published, why a suggestion cannot be applied, what an imported
 * Word file lost, and why a file is refused. The rules (draft-rules.ts, suggestion-application.ts,
 * the import) return these; the exception filter or the view picks the reader's language.
 */
export const draftingReasons = {
  draftFrozen: (stage: Stage) =>
    reason(DraftingErrorCode.DRAFT_FROZEN, { stage: stageName(stage) }),
  staleRevision: (given: number, current: number, by: string | null) =>
    reason(DraftingErrorCode.DRAFT_STALE, { given, current, by }),
  emptyDraft: () => reason(DraftingErrorCode.DRAFT_EMPTY),
  changeSummaryMissing: () => reason(DraftingErrorCode.CHANGE_SUMMARY_REQUIRED),

  // Suggested wording
  noSuggestion: () => reason(DraftingErrorCode.NO_SUGGESTION),
  applyNeedsAcceptance: () => reason(DraftingErrorCode.APPLY_NEEDS_ACCEPTANCE),
  alreadyInDraft: () => reason(DraftingErrorCode.SUGGESTION_ALREADY_IN_DRAFT),
  alreadyApplied: (version: number) =>
    reason(DraftingErrorCode.SUGGESTION_ALREADY_APPLIED, { version }),
  sectionNotInDraft: (key: string) => reason(DraftingErrorCode.SECTION_NOT_IN_DRAFT, { key }),
  passageGone: (key: string) => reason(DraftingErrorCode.PASSAGE_NOT_IN_DRAFT, { key }),
  passageAmbiguous: (key: string, times: number) =>
    reason(DraftingErrorCode.PASSAGE_AMBIGUOUS, { key, times }),

  // Word import: what the file lost (warnings)
  imagesDropped: (count: number) => reason(ImportWarningCode.IMAGES_DROPPED, { count }),
  trackedChanges: () => reason(ImportWarningCode.TRACKED_CHANGES),
  commentsDropped: (count: number) => reason(ImportWarningCode.COMMENTS_DROPPED, { count }),
  emptySection: (heading: string) => reason(ImportWarningCode.EMPTY_SECTION, { heading }),
  textBeforeFirstHeading: () => reason(ImportWarningCode.TEXT_BEFORE_FIRST_HEADING),
  noHeadings: () => reason(ImportWarningCode.NO_HEADINGS),
  headingLevel: (level: number) => reason(ImportWarningCode.SECTIONS_FROM_HEADING_LEVEL, { level }),
  emptyDocument: () => reason(DraftingErrorCode.EMPTY_DOCUMENT),

  // Word import: why a file is refused
  notDocx: () => reason(DraftingErrorCode.NOT_A_DOCX),
  legacyDoc: () => reason(DraftingErrorCode.LEGACY_WORD_FILE),
  corrupt: () => reason(DraftingErrorCode.CORRUPT_FILE),
  encrypted: () => reason(DraftingErrorCode.ENCRYPTED_FILE),
  tooLargeUnpacked: (limitMiB: number) =>
    reason(DraftingErrorCode.UNPACKED_TOO_LARGE, { limitMiB }),
  tooManyParts: (limit: number) => reason(DraftingErrorCode.TOO_MANY_PARTS, { limit }),
  sectionsInvalid: () => reason(DraftingErrorCode.IMPORTED_SECTIONS_INVALID),
};
