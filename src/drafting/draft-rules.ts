import { Reason } from '../court/reason';
import { Stage } from '../court/stage';
import { draftingReasons } from './drafting-reasons';

/**
 * The next version can be prepared (edited, imported into, suggestions applied) in every stage
 * but the final ones; publishing it keeps the publishing stage rule (guidelines/publish-rules.ts).
 */
const FROZEN_STAGES: readonly Stage[] = [Stage.ADOPTED, Stage.WITHDRAWN];

/** null when the draft may be changed in this stage; otherwise why not. */
export function draftChangeRefusal(stage: Stage): Reason | null {
  return FROZEN_STAGES.includes(stage) ? draftingReasons.draftFrozen(stage) : null;
}
