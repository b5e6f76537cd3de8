import { AuthUser } from '../court/roles';
import { isFinal, Stage } from '../court/stage';
import { commentRefusal, mayDecide, takesNewComments } from '../court/comment-rules';
import { EVENT_RECORDERS } from '../court/event-rules';
import { mayMakeMove, movesFrom } from '../court/workflow-rules';
import { DRAFT_READERS, PUBLISHING_ROLES, publishRefusal } from '../court/publish-rules';

/**
 * What the caller may do on a guideline now, from the rules themselves (the pure rule files of
 * comments, events, workflow and publishing, which import nothing but src/court): the screens
 * read this instead of holding a copy of any rule. The API still checks every request.
 */
export interface GuidelineActions {
  /** Write a top-level comment on the current version in one's own name. */
  comment: boolean;
  /** Reply in a thread, on any version. */
  reply: boolean;
  /** Record a comment spoken by a participant (consultation events). */
  commentOnBehalf: boolean;
  publishVersion: boolean;
  /** At least one move from this stage, ordinary or as an override. */
  move: boolean;
  /** Record or change the disposition of comments. */
  decideComments: boolean;
  recordEvent: boolean;
  /** Open the working draft of the next version. */
  readDraft: boolean;
  /** Edit, import into and publish the working draft (it stays open in every stage but the final ones). */
  editDraft: boolean;
}

export interface GuidelineActionFacts {
  stage: Stage;
  currentVersion: number | null;
  /** Agencies asked in the current review round (read only for an agency reviewer in review). */
  reviewAgencyIds: string[];
}

export function guidelineActions(f: GuidelineActionFacts, actor: AuthUser): GuidelineActions {
  const commentFacts = {
    stage: f.stage,
    role: actor.role,
    committees: actor.committees,
    agencyId: actor.agencyId,
    reviewAgencyIds: f.reviewAgencyIds,
  };
  const mayComment = commentRefusal({ ...commentFacts, onBehalf: false }) === null;
  const hasVersion = f.currentVersion !== null;
  return {
    comment: hasVersion && mayComment,
    reply: hasVersion && mayComment,
    commentOnBehalf: hasVersion && commentRefusal({ ...commentFacts, onBehalf: true }) === null,
    publishVersion: PUBLISHING_ROLES.includes(actor.role) && publishRefusal(f.stage) === null,
    move: movesFrom(f.stage).some((rule) => {
      const may = mayMakeMove(rule, actor);
      return may.ordinary || may.asOverride;
    }),
    decideComments: hasVersion && mayDecide(actor.role, f.stage),
    recordEvent: EVENT_RECORDERS.includes(actor.role),
    readDraft: DRAFT_READERS.includes(actor.role),
    editDraft: PUBLISHING_ROLES.includes(actor.role) && !isFinal(f.stage),
  };
}

/** What the caller may do on one version of the guideline, from the same rules. */
export interface VersionActions {
  /** Write a top-level comment on this version in one's own name (the current version only). */
  comment: boolean;
  /** Reply in the threads of this version. */
  reply: boolean;
  /** Record a comment spoken by a participant on this version. */
  commentOnBehalf: boolean;
}

export function versionActions(
  on: GuidelineActions,
  versionNumber: number,
  currentVersion: number | null,
): VersionActions {
  const current = takesNewComments(versionNumber, currentVersion);
  return {
    comment: on.comment && current,
    reply: on.reply,
    commentOnBehalf: on.commentOnBehalf && current,
  };
}
