import { Committee, Role } from './roles';
import { formatLocalMoment, localDayOf } from './local-day';
import { Reason } from './reason';
import { reason } from './catalogue';
import { isFinal, ROAD, Stage, stageName } from './stage';

/**
 * The workflow as data (shared/DOMAIN.md, "Stages"): every allowed move, who may make it, whether
 * it needs a reason, and its gates. Pure: the service loads the facts, asks `decideMove`, writes.
 *
 * Who moves:
 * - SECRETARIAT makes every ordinary move (forward, backward, withdraw).
 * - ADMIN withdraws (DOMAIN.md names "admin or secretariat") and overrides the gates DOMAIN.md
 *   lets an admin set aside (consultation still open; interagency review unsettled), always with a
 *   reason. ADMIN makes no other ordinary move: the admin manages the system, the secretariat runs
 *   the guideline, and every admin move in the history is then either a withdrawal or an override.
 * - No committee grants a move: TWG and Council members deliberate and comment; the secretariat
 *   records the outcome by moving the guideline. JUDGE, AGENCY_REVIEWER and OBSERVER never move.
 */

export enum MoveKind {
  FORWARD = 'FORWARD',
  BACKWARD = 'BACKWARD',
  WITHDRAW = 'WITHDRAW',
}

/** What a caller may (or must) send with a move. */
export type MoveInput = 'reason' | 'consultationClosesAt' | 'reviewDueAt' | 'agencies';

export interface Actor {
  role: Role;
  committees: Committee[];
}

export type ReviewStatus = 'PENDING' | 'ANSWERED' | 'WITHDRAWN';
export type ReviewDecision = 'APPROVE' | 'APPROVE_WITH_COMMENTS' | 'OBJECT';

export interface ReviewFact {
  agencyCode: string;
  status: ReviewStatus;
  decision: ReviewDecision | null;
}

/** What the service loads about the guideline, under the row lock. */
export interface GuidelineFacts {
  /** The newest published version, or null when none is published. */
  currentVersionNumber: number | null;
  consultationClosesAt: Date | null;
  /** Top-level, non-deleted comments on any version that have no disposition. */
  commentsWithoutDisposition: number;
  /** The requests opened by the latest move into INTERAGENCY_REVIEW (empty before any). */
  reviewRound: ReviewFact[];
}

/** What the caller sent with the move, parsed (malformed values never get this far: 400). */
export interface MoveRequestFacts {
  reason: string | null;
  consultationClosesAt: Date | null;
  /** Calendar day in the court's time zone. */
  reviewDueDay: string | null;
  /** Agencies asked to review (the defaults when the caller named none). */
  agencyCodes: string[];
  /** Codes the caller named that no agency has. */
  unknownAgencyCodes: string[];
}

export interface GateFacts {
  now: Date;
  timeZone: string;
  guideline: GuidelineFacts;
  request: MoveRequestFacts;
}

export const NO_REQUEST: MoveRequestFacts = {
  reason: null,
  consultationClosesAt: null,
  reviewDueDay: null,
  agencyCodes: [],
  unknownAgencyCodes: [],
};

/** The four agencies the fact sheet names: asked when a move into review names none. */
export const DEFAULT_REVIEW_AGENCIES = ['MOFA', 'MOJ', 'OSPP', 'MPS'];

export interface Gate {
  /** The gate function's name, recorded in the history when an override sets it aside. */
  name: string;
  /** Reads only what the caller sends with the move: a list of possible moves cannot judge it yet. */
  readsRequest: boolean;
  /** An ADMIN override (with a reason) may set this gate aside. */
  overridable: boolean;
  check: (facts: GateFacts) => Reason[];
}

export interface MoveRule {
  from: Stage;
  to: Stage;
  kind: MoveKind;
  /** Roles that make this move as an ordinary move. */
  movers: Role[];
  needsReason: boolean;
  gates: Gate[];
  inputs: MoveInput[];
}

export const OVERRIDER = Role.ADMIN;

const ROLE_NAMES: Record<Role, { en: string; lo: string }> = {
  [Role.ADMIN]: { en: 'an administrator', lo: 'ຜູ້ບໍລິຫານລະບົບ' },
  [Role.SECRETARIAT]: { en: 'the secretariat', lo: 'ກອງເລຂາ' },
  [Role.JUDGE]: { en: 'a judge', lo: 'ຜູ້ພິພາກສາ' },
  [Role.AGENCY_REVIEWER]: { en: 'an agency reviewer', lo: 'ຜູ້ທົບທວນຂອງອົງການ' },
  [Role.OBSERVER]: { en: 'an observer', lo: 'ຜູ້ສັງເກດການ' },
};

const en = (s: Stage) => stageName(s).en;
const lo = (s: Stage) => stageName(s).lo;

// ---------------------------------------------------------------------------------------------
// Gates: each a named pure function of the facts, returning every reason it is unmet.
// ---------------------------------------------------------------------------------------------

export function reasonGiven(f: GateFacts): Reason[] {
  if (f.request.reason?.trim()) return [];
  return [reason('REASON_REQUIRED')];
}

export function publishedVersionExists(f: GateFacts): Reason[] {
  if (f.guideline.currentVersionNumber !== null) return [];
  return [reason('NO_PUBLISHED_VERSION')];
}

export function consultationCloseDateInFuture(f: GateFacts): Reason[] {
  const closesAt = f.request.consultationClosesAt;
  if (!closesAt) {
    return [reason('CONSULTATION_CLOSE_DATE_REQUIRED')];
  }
  if (closesAt.getTime() > f.now.getTime()) return [];
  const when = formatLocalMoment(closesAt, f.timeZone);
  return [reason('CONSULTATION_CLOSE_DATE_NOT_FUTURE', { when, zone: f.timeZone })];
}

export function consultationClosed(f: GateFacts): Reason[] {
  const closesAt = f.guideline.consultationClosesAt;
  if (!closesAt) {
    return [reason('CONSULTATION_CLOSE_DATE_MISSING')];
  }
  if (closesAt.getTime() <= f.now.getTime()) return [];
  const when = formatLocalMoment(closesAt, f.timeZone);
  return [reason('CONSULTATION_STILL_OPEN', { when, zone: f.timeZone })];
}

export function everyCommentDisposed(f: GateFacts): Reason[] {
  const n = f.guideline.commentsWithoutDisposition;
  if (n === 0) return [];
  return [reason('COMMENTS_WITHOUT_DISPOSITION', { n })];
}

export function reviewAgenciesGiven(f: GateFacts): Reason[] {
  const reasons: Reason[] = [];
  const unknown = f.request.unknownAgencyCodes;
  if (unknown.length) {
    // The gate's code is the same as a user's unknown agency; its words are its own.
    const words = reason('NO_AGENCY_WITH_CODE', { list: unknown.join(', ') });
    reasons.push({ ...words, code: 'UNKNOWN_AGENCY' });
  }
  if (!f.request.agencyCodes.length && !unknown.length) {
    reasons.push(reason('AGENCIES_REQUIRED'));
  }
  return reasons;
}

export function reviewDueDateInFuture(f: GateFacts): Reason[] {
  const due = f.request.reviewDueDay;
  if (!due) {
    return [reason('REVIEW_DUE_DATE_REQUIRED')];
  }
  const today = localDayOf(f.now, f.timeZone);
  if (due > today) return [];
  return [reason('REVIEW_DUE_DATE_NOT_FUTURE', { today, zone: f.timeZone, due })];
}

/** A review request stays out of the count once withdrawn: nobody is waiting for it any more. */
function liveRequests(f: GateFacts): ReviewFact[] {
  return f.guideline.reviewRound.filter((r) => r.status !== 'WITHDRAWN');
}

export function everyReviewAnswered(f: GateFacts): Reason[] {
  const live = liveRequests(f);
  if (!live.length) {
    return [reason('NO_REVIEW_REQUESTS')];
  }
  const waiting = live.filter((r) => r.status === 'PENDING').map((r) => r.agencyCode);
  if (!waiting.length) return [];
  const list = waiting.join(', ');
  return [reason('REVIEWS_UNANSWERED', { count: waiting.length, list })];
}

export function noReviewObjects(f: GateFacts): Reason[] {
  const objecting = liveRequests(f)
    .filter((r) => r.decision === 'OBJECT')
    .map((r) => r.agencyCode);
  if (!objecting.length) return [];
  const list = objecting.join(', ');
  return [reason('REVIEW_OBJECTION', { list })];
}

const gate = (
  check: (f: GateFacts) => Reason[],
  options: { readsRequest?: boolean; overridable?: boolean } = {},
): Gate => ({
  name: check.name,
  check,
  readsRequest: options.readsRequest ?? false,
  overridable: options.overridable ?? false,
});

const GATES = {
  publishedVersionExists: gate(publishedVersionExists),
  consultationCloseDateInFuture: gate(consultationCloseDateInFuture, { readsRequest: true }),
  consultationClosed: gate(consultationClosed, { overridable: true }),
  everyCommentDisposed: gate(everyCommentDisposed),
  reviewAgenciesGiven: gate(reviewAgenciesGiven, { readsRequest: true }),
  reviewDueDateInFuture: gate(reviewDueDateInFuture, { readsRequest: true }),
  everyReviewAnswered: gate(everyReviewAnswered, { overridable: true }),
  noReviewObjects: gate(noReviewObjects, { overridable: true }),
};
const REASON_GATE = gate(reasonGiven, { readsRequest: true });

// ---------------------------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------------------------

const INTO_CONSULTATION = [GATES.publishedVersionExists, GATES.consultationCloseDateInFuture];
const INTO_REVIEW = [
  GATES.publishedVersionExists,
  GATES.reviewAgenciesGiven,
  GATES.reviewDueDateInFuture,
];

function inputsFor(to: Stage, needsReason: boolean): MoveInput[] {
  const inputs: MoveInput[] = needsReason ? ['reason'] : [];
  if (to === Stage.CONSULTATION) inputs.push('consultationClosesAt');
  if (to === Stage.INTERAGENCY_REVIEW) inputs.push('reviewDueAt', 'agencies');
  return inputs;
}

function move(from: Stage, to: Stage, kind: MoveKind, gates: Gate[]): MoveRule {
  const needsReason = kind !== MoveKind.FORWARD;
  return {
    from,
    to,
    kind,
    movers: kind === MoveKind.WITHDRAW ? [Role.SECRETARIAT, Role.ADMIN] : [Role.SECRETARIAT],
    needsReason,
    gates,
    inputs: inputsFor(to, needsReason),
  };
}

export const MOVES: readonly MoveRule[] = [
  move(Stage.DRAFTING, Stage.CONSULTATION, MoveKind.FORWARD, INTO_CONSULTATION),
  move(Stage.CONSULTATION, Stage.TECHNICAL_WORKING_GROUP, MoveKind.FORWARD, [
    GATES.consultationClosed,
  ]),
  move(Stage.TECHNICAL_WORKING_GROUP, Stage.COUNCIL_OF_JUDGES, MoveKind.FORWARD, [
    GATES.everyCommentDisposed,
  ]),
  move(Stage.COUNCIL_OF_JUDGES, Stage.INTERAGENCY_REVIEW, MoveKind.FORWARD, INTO_REVIEW),
  move(Stage.INTERAGENCY_REVIEW, Stage.ADOPTED, MoveKind.FORWARD, [
    GATES.publishedVersionExists,
    GATES.everyReviewAnswered,
    GATES.noReviewObjects,
  ]),

  move(Stage.CONSULTATION, Stage.DRAFTING, MoveKind.BACKWARD, []),
  // Another round of consultation: the same gates as the first one.
  move(Stage.TECHNICAL_WORKING_GROUP, Stage.CONSULTATION, MoveKind.BACKWARD, INTO_CONSULTATION),
  move(Stage.COUNCIL_OF_JUDGES, Stage.TECHNICAL_WORKING_GROUP, MoveKind.BACKWARD, []),
  move(Stage.INTERAGENCY_REVIEW, Stage.TECHNICAL_WORKING_GROUP, MoveKind.BACKWARD, []),

  ...Object.values(Stage)
    .filter((s) => s !== Stage.ADOPTED && s !== Stage.WITHDRAWN)
    .map((s) => move(s, Stage.WITHDRAWN, MoveKind.WITHDRAW, [])),
];

/** Every role that makes at least one move, ordinary or override (the route's role guard). */
export const MOVING_ROLES: Role[] = [
  ...new Set<Role>([...MOVES.flatMap((m) => m.movers), OVERRIDER]),
];

export function findMove(from: Stage, to: Stage): MoveRule | undefined {
  return MOVES.find((m) => m.from === from && m.to === to);
}

export function movesFrom(from: Stage): MoveRule[] {
  return MOVES.filter((m) => m.from === from);
}

export function isOverridable(rule: MoveRule): boolean {
  return rule.gates.some((g) => g.overridable);
}

/** Whether this actor may make the move at all (as an ordinary move, or as an override). */
export function mayMakeMove(
  rule: MoveRule,
  actor: Actor,
): { ordinary: boolean; asOverride: boolean } {
  return {
    ordinary: rule.movers.includes(actor.role),
    asOverride: actor.role === OVERRIDER && isOverridable(rule),
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding a move.
// ---------------------------------------------------------------------------------------------

export type MoveDecision =
  | { outcome: 'ALLOWED'; rule: MoveRule; override: boolean; overridden: OverriddenGate[] }
  /** 409: the stage is not what the caller expected, or another move already got there. */
  | { outcome: 'STALE'; reasons: Reason[] }
  /** 403: the caller's role may not make this move (or may not override). */
  | { outcome: 'FORBIDDEN'; reasons: Reason[] }
  /** 422: not a move of the table, or gates unmet: every reason at once. */
  | { outcome: 'UNMET'; reasons: Reason[] };

export interface OverriddenGate {
  gate: string;
  reasons: Reason[];
}

export interface MoveAsk {
  /** The stage read under the lock. */
  from: Stage;
  to: Stage;
  expectedStage: Stage | null;
  actor: Actor;
  override: boolean;
  facts: GateFacts;
}

/**
 * True when `to` lies behind the guideline already: the same stage, earlier on the road, or the
 * guideline has reached a final stage. Asked without `expectedStage`, that means another move won.
 */
function alreadyPast(from: Stage, to: Stage): boolean {
  if (from === to || isFinal(from)) return true;
  const [f, t] = [ROAD.indexOf(from), ROAD.indexOf(to)];
  return f >= 0 && t >= 0 && t < f;
}

function anotherMoveWon(from: Stage, expected: Stage | null): Reason {
  return expected
    ? reason('STAGE_CHANGED', {
        from: stageName(from),
        expected: stageName(expected),
      })
    : reason('ANOTHER_MOVE_WON', { from: stageName(from) });
}

function notAMove(from: Stage, to: Stage): Reason {
  if (isFinal(from)) {
    return reason('STAGE_FINAL', { from: stageName(from) });
  }
  if (from === to) {
    return reason('ALREADY_IN_STAGE', { to: stageName(to) });
  }
  const options = movesFrom(from).map((m) => m.to);
  return reason('MOVE_NOT_ALLOWED', {
    from: stageName(from),
    to: stageName(to),
    options: { en: options.map(en).join(', '), lo: options.map(lo).join(', ') },
  });
}

function forbidden(rule: MoveRule, actor: Actor): Reason {
  if (actor.role === OVERRIDER && isOverridable(rule)) {
    return reason('OVERRIDE_REQUIRED', {
      from: stageName(rule.from),
      to: stageName(rule.to),
    });
  }
  const who = rule.movers.map((r) => ROLE_NAMES[r]);
  return reason('ROLE_MAY_NOT_MOVE', {
    who: { en: who.map((w) => w.en).join(' or '), lo: who.map((w) => w.lo).join(' ຫຼື ') },
    from: stageName(rule.from),
    to: stageName(rule.to),
    you: ROLE_NAMES[actor.role],
  });
}

const OVERRIDE_ADMIN_ONLY = reason('OVERRIDE_ADMIN_ONLY');

function overrideNotAvailable(rule: MoveRule): Reason {
  return reason('OVERRIDE_NOT_AVAILABLE', {
    from: stageName(rule.from),
    to: stageName(rule.to),
  });
}

/** The gates a move asks, with the reason gate first when the move (or an override) needs one. */
function gatesOf(rule: MoveRule, override: boolean): Gate[] {
  return rule.needsReason || override ? [REASON_GATE, ...rule.gates] : rule.gates;
}

/**
 * Decides a move from the facts. Order: stale stage (409), not a move (422, or 409 when `to` is
 * already behind the guideline and the caller stated no expectation), role (403), then every
 * unmet gate at once (422).
 */
export function decideMove(ask: MoveAsk): MoveDecision {
  const { from, to, expectedStage, actor, override, facts } = ask;
  if (expectedStage && expectedStage !== from) {
    return { outcome: 'STALE', reasons: [anotherMoveWon(from, expectedStage)] };
  }
  const rule = findMove(from, to);
  if (!rule) {
    if (!expectedStage && alreadyPast(from, to)) {
      return { outcome: 'STALE', reasons: [anotherMoveWon(from, null)] };
    }
    return { outcome: 'UNMET', reasons: [notAMove(from, to)] };
  }
  if (override && actor.role !== OVERRIDER) {
    return { outcome: 'FORBIDDEN', reasons: [OVERRIDE_ADMIN_ONLY] };
  }
  if (!override && !rule.movers.includes(actor.role)) {
    return { outcome: 'FORBIDDEN', reasons: [forbidden(rule, actor)] };
  }

  const unmet: Reason[] = [];
  const overridden: OverriddenGate[] = [];
  if (override && !isOverridable(rule)) unmet.push(overrideNotAvailable(rule));
  for (const g of gatesOf(rule, override)) {
    const reasons = g.check(facts);
    if (!reasons.length) continue;
    if (override && g.overridable) overridden.push({ gate: g.name, reasons });
    else unmet.push(...reasons);
  }
  if (unmet.length) return { outcome: 'UNMET', reasons: unmet };
  return { outcome: 'ALLOWED', rule, override, overridden };
}

// ---------------------------------------------------------------------------------------------
// What is possible now (for a screen's move panel).
// ---------------------------------------------------------------------------------------------

export interface AvailableMove {
  to: Stage;
  kind: MoveKind;
  /** The caller's role may make this move (as an ordinary move, or as an override). */
  allowedForYou: boolean;
  /** The caller makes it only as an override (`override: true` with a reason). */
  asOverride: boolean;
  needsReason: boolean;
  /** An administrator may override this move's gates marked `overridable`. */
  overridable: boolean;
  /** What the caller sends with the move. */
  inputs: MoveInput[];
  /** Gates on the guideline's state that are unmet now (gates on the move's own inputs are judged when it is made). */
  unmetGates: { reason: Reason; overridable: boolean }[];
}

export function availableMoves(
  from: Stage,
  actor: Actor,
  facts: Omit<GateFacts, 'request'>,
): AvailableMove[] {
  const full: GateFacts = { ...facts, request: NO_REQUEST };
  return movesFrom(from).map((rule) => {
    const may = mayMakeMove(rule, actor);
    const asOverride = !may.ordinary && may.asOverride;
    const needsReason = rule.needsReason || asOverride;
    return {
      to: rule.to,
      kind: rule.kind,
      allowedForYou: may.ordinary || may.asOverride,
      asOverride,
      needsReason,
      overridable: isOverridable(rule),
      inputs:
        needsReason && !rule.inputs.includes('reason') ? ['reason', ...rule.inputs] : rule.inputs,
      unmetGates: rule.gates
        .filter((g) => !g.readsRequest)
        .flatMap((g) => g.check(full).map((reason) => ({ reason, overridable: g.overridable }))),
    };
  });
}
