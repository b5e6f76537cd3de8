import { CodedReason } from '../court/catalogue';
import { DraftingErrorCode } from './drafting.exception';
import { isFinal, Stage } from '../court/stage';
import { draftingReasons } from './drafting-reasons';

/**
 * The next version can be prepared (edited, imported into, suggestions applied) in every stage
 * but the final ones; publishing it keeps the publishing stage rule (court/publish-rules.ts).
 */
/** null when the draft may be changed in this stage; otherwise why not. */
export function draftChangeRefusal(stage: Stage): CodedReason<DraftingErrorCode> | null {
  return isFinal(stage) ? draftingReasons.draftFrozen(stage) : null;
}
