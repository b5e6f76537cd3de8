import { Stage } from './stage';

/**
 * SQL condition: the review request aliased `request` was opened by the guideline's latest move
 * into INTERAGENCY_REVIEW. Requests of earlier rounds (answered there, or withdrawn) no longer
 * count: the gates and the right to comment both look at this round only.
 */
export function inCurrentReviewRound(request = 'r'): string {
  return `${request}.transition_id = (
    SELECT max(round.id) FROM stage_transitions round
     WHERE round.guideline_id = ${request}.guideline_id AND round.to_stage = '${Stage.INTERAGENCY_REVIEW}')`;
}
