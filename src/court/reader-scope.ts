import { AuthUser, Role } from './roles';

/**
 * Who reads which part of the record: the one rule of agency isolation.
 *
 * The court's own people (secretariat, judges, observers, administrators) read the whole record.
 * An agency reviewer reads only what its agency was asked about:
 * - a guideline once its agency has been asked to review it (in any round, in any status since);
 * - of its versions, only those its agency was asked to review;
 * - of the comments, only those its agency's reviewers wrote (a comment belongs to its author's
 *   agency): judges' deliberations and other agencies' comments stay out of its sight;
 * - of the review requests, only its agency's (its answers, its due dates, its counts);
 * - never the court's own records: consultation events, participation reports, the move list
 *   with its gates (which name other agencies' answers), the reasons written on moves.
 * Everything else answers 404, as for an id that does not exist.
 *
 * Every read of guidelines, versions, comments and review requests takes a ReaderScope, and the
 * SQL conditions below are the only statement of the rule: each holds for every row when the
 * scope is the whole record.
 */
export interface ReaderScope {
  /** null: the whole record. Otherwise the agency whose part alone may be read. */
  readonly agencyId: string | null;
}

/** The court's own readers, and the service's own reads on behalf of a write. */
export const WHOLE_RECORD: ReaderScope = Object.freeze({ agencyId: null });

/** A reviewer whose account names no agency reads nothing: no agency has this id. */
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

export function readerScope(actor: Pick<AuthUser, 'role' | 'agencyId'>): ReaderScope {
  if (actor.role !== Role.AGENCY_REVIEWER) return WHOLE_RECORD;
  return { agencyId: actor.agencyId ?? NO_AGENCY };
}

/** An agency's own reading, without an account (an answer link reads what its request names). */
export function agencyReader(agencyId: string): ReaderScope {
  return { agencyId };
}

/** Limited to one agency's part of the record. */
export function isAgencyScope(scope: ReaderScope): boolean {
  return scope.agencyId !== null;
}

/**
 * The roles that read the court's own records of consultation events (with the comments gathered
 * at workshops and the institutions that came); the participation report has its own, narrower
 * list (REPORT_READERS in access-rules.ts), without agency reviewers too.
 */
export const COURT_RECORD_READERS: readonly Role[] = [
  Role.SECRETARIAT,
  Role.JUDGE,
  Role.OBSERVER,
  Role.ADMIN,
];

/**
 * The roles that read the move list (`transitions/available`): those who move, and observers. Its
 * gates speak of every agency's answer ("Objected to by: …"), so neither an agency reviewer nor a
 * judge (who never move) reads it; `yourActions.move` tells the screens whether to ask.
 */
export const MOVE_LIST_READERS: readonly Role[] = [Role.SECRETARIAT, Role.ADMIN, Role.OBSERVER];

/** May this reader read a comment written by a member of `authorAgencyId` (null: a court member)? */
export function readsCommentOf(scope: ReaderScope, authorAgencyId: string | null): boolean {
  return scope.agencyId === null || authorAgencyId === scope.agencyId;
}

/**
 * The reason the court wrote on a move (also the reason a review request was withdrawn by it), as
 * this reader reads it: an agency reader does not, since it may speak of other agencies' answers
 * or of the judges' deliberations.
 */
export function moveReasonFor(scope: ReaderScope, reason: string | null): string | null {
  return scope.agencyId === null ? reason : null;
}

/**
 * A move of the stage history as this reader reads it: without the reason (moveReasonFor), and
 * without the number of a version it may not read.
 */
export function historyEntryFor<T extends { reason: string | null; versionNumber: number | null }>(
  scope: ReaderScope,
  entry: T,
  versionReadable: boolean,
): T {
  if (scope.agencyId === null) return entry;
  return {
    ...entry,
    reason: moveReasonFor(scope, entry.reason),
    versionNumber: versionReadable ? entry.versionNumber : null,
  };
}

/**
 * The rule in SQL. `p` is the query parameter holding `scope.agencyId` (uuid, or null for the
 * whole record); the other arguments are SQL expressions of the row being read.
 */
export const readableSql = {
  /** The guideline `guidelineId`: its agency was asked to review it (any round). */
  guideline: (guidelineId: string, p: string): string =>
    `(${p}::uuid IS NULL OR EXISTS (SELECT 1 FROM review_requests scope_r
       WHERE scope_r.guideline_id = ${guidelineId} AND scope_r.agency_id = ${p}::uuid))`,

  /** Version `number` of the guideline `guidelineId`: its agency was asked to review that version. */
  version: (guidelineId: string, number: string, p: string): string =>
    `(${p}::uuid IS NULL OR EXISTS (SELECT 1 FROM review_requests scope_r
       WHERE scope_r.guideline_id = ${guidelineId} AND scope_r.version_number = ${number}
         AND scope_r.agency_id = ${p}::uuid))`,

  /** A comment written by `authorId`: a reviewer of the agency wrote it. */
  comment: (authorId: string, p: string): string =>
    `(${p}::uuid IS NULL OR EXISTS (SELECT 1 FROM users scope_u
       WHERE scope_u.id = ${authorId} AND scope_u.agency_id = ${p}::uuid))`,

  /** A review request to the agency `agencyId`: the reader's own agency's. */
  reviewRequest: (agencyId: string, p: string): string =>
    `(${p}::uuid IS NULL OR ${agencyId} = ${p}::uuid)`,
};
