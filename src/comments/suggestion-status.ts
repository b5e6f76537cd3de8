import { SuggestionStatus } from './comment.dto';

/**
 * What became of a comment's suggested wording: APPLIED once a published version took it in;
 * OPEN while undecided or written into the working draft and waiting for publication; NOT_APPLIED
 * when the comment has a disposition and the words are neither in a version nor in the draft
 * (rejected, noted, accepted without the words, or taken out of the draft again).
 */
export function suggestionStatus(facts: {
  appliedInVersion: number | null;
  inDraft: boolean;
  hasDisposition: boolean;
}): SuggestionStatus {
  if (facts.appliedInVersion !== null) return 'APPLIED';
  if (facts.inDraft || !facts.hasDisposition) return 'OPEN';
  return 'NOT_APPLIED';
}
