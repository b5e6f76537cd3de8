import { Committee, Role } from './roles';
import { CodedReason, reason } from './catalogue';
import { FINAL_STAGES, Stage, stageName } from './stage';

/** Who may comment in each stage (shared/DOMAIN.md). Pure: the caller loads the facts. */
export interface CommentFacts {
  stage: Stage;
  role: Role;
  committees: Committee[];
  agencyId: string | null;
  /** Agencies with a review request (any status but WITHDRAWN) for this guideline's current review. */
  reviewAgencyIds: string[];
  /** The secretariat records a comment spoken by a named participant (consultation events). */
  onBehalf: boolean;
}

/** Who gives comments their dispositions, and the stages in which dispositions are final. */
export const DECIDING_ROLES: readonly Role[] = [Role.SECRETARIAT];
export const DISPOSITIONS_FROZEN_IN: readonly Stage[] = FINAL_STAGES;

/** Whether this role may record or change a disposition while the guideline is in this stage. */
export function mayDecide(role: Role, stage: Stage): boolean {
  return DECIDING_ROLES.includes(role) && !DISPOSITIONS_FROZEN_IN.includes(stage);
}

/** In each stage open for comments, who may write them. */
export const COMMENTERS: Partial<Record<Stage, { en: string; lo: string }>> = {
  [Stage.CONSULTATION]: { en: 'any judge', lo: 'ຜູ້ພິພາກສາທຸກທ່ານ' },
  [Stage.TECHNICAL_WORKING_GROUP]: {
    en: 'members of the technical working group',
    lo: 'ສະມາຊິກຄະນະເຮັດວຽກວິຊາການ',
  },
  [Stage.COUNCIL_OF_JUDGES]: { en: 'members of the Council of Judges', lo: 'ສະມາຊິກສະພາຜູ້ພິພາກສາ' },
  [Stage.INTERAGENCY_REVIEW]: { en: 'reviewers of the agencies asked', lo: 'ຜູ້ທົບທວນຂອງອົງການທີ່ຖືກຂໍ' },
};

/** null when the caller may comment; otherwise the reason they may not. */
export function commentRefusal(
  f: CommentFacts,
): CodedReason<'COMMENTS_CLOSED' | 'NOT_A_COMMENTER'> | null {
  const who = COMMENTERS[f.stage];
  if (!who) {
    return reason('COMMENTS_CLOSED', { stage: stageName(f.stage) });
  }
  const notYou = () => reason('NOT_A_COMMENTER', { stage: stageName(f.stage), who });
  if (f.onBehalf) {
    // Comments gathered at a workshop are typed in by the secretariat while the stage is open.
    return f.role === Role.SECRETARIAT ? null : notYou();
  }
  switch (f.stage) {
    case Stage.CONSULTATION:
      return f.role === Role.JUDGE ? null : notYou();
    case Stage.TECHNICAL_WORKING_GROUP:
      return f.role === Role.JUDGE && f.committees.includes(Committee.TWG) ? null : notYou();
    case Stage.COUNCIL_OF_JUDGES:
      return f.role === Role.JUDGE && f.committees.includes(Committee.COUNCIL) ? null : notYou();
    case Stage.INTERAGENCY_REVIEW:
      return f.role === Role.AGENCY_REVIEWER &&
        f.agencyId !== null &&
        f.reviewAgencyIds.includes(f.agencyId)
        ? null
        : notYou();
    default:
      return notYou();
  }
}

/**
 * The stages in which this caller may write a top-level comment in their own name, whichever
 * agencies the current review asked: where the answer depends on that (an agency reviewer in
 * interagency review) the stage is left out, and the caller goes through the full check.
 */
export function stagesOpenTo(
  caller: Pick<CommentFacts, 'role' | 'committees' | 'agencyId'>,
): readonly Stage[] {
  // A pure function of three small facts, asked on every comment posted: worked out once each.
  const key = `${caller.role}|${[...caller.committees].sort().join(',')}|${caller.agencyId ?? ''}`;
  const known = openStagesByCaller.get(key);
  if (known) return known;
  const facts = { ...caller, onBehalf: false };
  const stages = Object.freeze(
    Object.values(Stage).filter(
      (stage) =>
        commentRefusal({ ...facts, stage, reviewAgencyIds: [] }) === null &&
        commentRefusal({
          ...facts,
          stage,
          reviewAgencyIds: caller.agencyId ? [caller.agencyId] : [],
        }) === null,
    ),
  );
  // Roles x committees x agencies are few; the bound only keeps a mistake from growing it.
  if (openStagesByCaller.size >= 1000) openStagesByCaller.clear();
  openStagesByCaller.set(key, stages);
  return stages;
}

const openStagesByCaller = new Map<string, readonly Stage[]>();

/**
 * A new top-level comment goes on the guideline's current version only; replies go into the
 * threads of any version.
 */
export function takesNewComments(versionNumber: number, currentVersion: number | null): boolean {
  return currentVersion !== null && versionNumber === currentVersion;
}

/** What the caller may do on the comments of one guideline, from the rules above. */
export interface CommentPermissions {
  actorId: string;
  /** May comment (and reply) in their own name in this stage. */
  mayComment: boolean;
  /** May record what a participant said (and change it) in this stage. */
  mayCommentOnBehalf: boolean;
  mayDecide: boolean;
}

export function commentPermissions(
  f: Omit<CommentFacts, 'onBehalf'>,
  actorId: string,
): CommentPermissions {
  return {
    actorId,
    mayComment: commentRefusal({ ...f, onBehalf: false }) === null,
    mayCommentOnBehalf: commentRefusal({ ...f, onBehalf: true }) === null,
    mayDecide: mayDecide(f.role, f.stage),
  };
}

/**
 * What the caller may do on one comment: reply in its thread; edit or delete their own while it
 * has no disposition and the stage still lets them comment; decide on a top-level comment.
 */
export function commentActions(
  c: { authorId: string; parentId: string | null; hasDisposition: boolean; onBehalf: boolean },
  p: CommentPermissions,
): { reply: boolean; edit: boolean; delete: boolean; decide: boolean } {
  const own =
    c.authorId === p.actorId &&
    !c.hasDisposition &&
    (c.onBehalf ? p.mayCommentOnBehalf : p.mayComment);
  return {
    reply: p.mayComment,
    edit: own,
    delete: own,
    decide: c.parentId === null && p.mayDecide,
  };
}
