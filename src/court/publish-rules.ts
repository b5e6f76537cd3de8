import { CodedReason, reason } from './catalogue';
import { Role } from './roles';
import { isFinal, Stage, stageName } from './stage';

/** Who publishes versions, and so who prepares the next one (the working draft). */
export const PUBLISHING_ROLES: readonly Role[] = [Role.SECRETARIAT];

/** Who may read the working draft of the next version (programme monitoring and administration too). */
export const DRAFT_READERS: readonly Role[] = [Role.SECRETARIAT, Role.OBSERVER, Role.ADMIN];

/** New versions are revisions made while drafting or in answer to the working group (DOMAIN.md). */
export const PUBLISHING_STAGES: readonly Stage[] = [Stage.DRAFTING, Stage.TECHNICAL_WORKING_GROUP];

/** null when a version may be published in this stage; otherwise why not. */
export function publishRefusal(
  stage: Stage,
): CodedReason<'GUIDELINE_FROZEN' | 'PUBLISH_NOT_ALLOWED_IN_STAGE'> | null {
  if (PUBLISHING_STAGES.includes(stage)) return null;
  const name = stageName(stage);
  if (isFinal(stage)) return reason('GUIDELINE_FROZEN', { stage: name });
  return reason('PUBLISH_NOT_ALLOWED_IN_STAGE', {
    stage: name,
    drafting: stageName(Stage.DRAFTING),
    twg: stageName(Stage.TECHNICAL_WORKING_GROUP),
  });
}
