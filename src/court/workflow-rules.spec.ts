import { Committee, Role } from './roles';
import { localize } from './reason';
import { ROAD, Stage } from './stage';
import {
  Actor,
  availableMoves,
  consultationClosed,
  consultationCloseDateInFuture,
  decideMove,
  DEFAULT_REVIEW_AGENCIES,
  everyCommentDisposed,
  everyReviewAnswered,
  GateFacts,
  MOVES,
  MOVING_ROLES,
  noReviewObjects,
  publishedVersionExists,
  reasonGiven,
  reviewAgenciesGiven,
  reviewDueDateInFuture,
  ReviewFact,
} from './workflow-rules';

const { DRAFTING, CONSULTATION, TECHNICAL_WORKING_GROUP, COUNCIL_OF_JUDGES } = Stage;
const { INTERAGENCY_REVIEW, ADOPTED, WITHDRAWN } = Stage;
const STAGES = Object.values(Stage);
const LAO = /[\u0E80-\u0EFF]/;
const TZ = 'Asia/Vientiane';
// 2026-03-10 18:00 UTC is already 2026-03-11 01:00 in Vientiane.
const NOW = new Date('2026-03-10T18:00:00Z');
const HOUR = 3600_000;

/** Every kind of caller: each role, and a judge in each combination of committees. */
const ACTORS: Actor[] = [
  { role: Role.ADMIN, committees: [] },
  { role: Role.SECRETARIAT, committees: [] },
  { role: Role.JUDGE, committees: [] },
  { role: Role.JUDGE, committees: [Committee.TWG] },
  { role: Role.JUDGE, committees: [Committee.COUNCIL] },
  { role: Role.JUDGE, committees: [Committee.TWG, Committee.COUNCIL] },
  { role: Role.AGENCY_REVIEWER, committees: [] },
  { role: Role.OBSERVER, committees: [] },
];
const label = (a: Actor) => [a.role, ...a.committees].join('+');

// The expectation, written out from shared/DOMAIN.md independently of the table under test.
const FORWARD: [Stage, Stage][] = [
  [DRAFTING, CONSULTATION],
  [CONSULTATION, TECHNICAL_WORKING_GROUP],
  [TECHNICAL_WORKING_GROUP, COUNCIL_OF_JUDGES],
  [COUNCIL_OF_JUDGES, INTERAGENCY_REVIEW],
  [INTERAGENCY_REVIEW, ADOPTED],
];
const BACKWARD: [Stage, Stage][] = [
  [CONSULTATION, DRAFTING],
  [TECHNICAL_WORKING_GROUP, CONSULTATION],
  [COUNCIL_OF_JUDGES, TECHNICAL_WORKING_GROUP],
  [INTERAGENCY_REVIEW, TECHNICAL_WORKING_GROUP],
];
const WITHDRAW: [Stage, Stage][] = [
  DRAFTING,
  CONSULTATION,
  TECHNICAL_WORKING_GROUP,
  COUNCIL_OF_JUDGES,
  INTERAGENCY_REVIEW,
].map((s) => [s, WITHDRAWN]);
const OVERRIDABLE: [Stage, Stage][] = [
  [CONSULTATION, TECHNICAL_WORKING_GROUP],
  [INTERAGENCY_REVIEW, ADOPTED],
];
const has = (list: [Stage, Stage][], from: Stage, to: Stage) =>
  list.some(([f, t]) => f === from && t === to);

function approvals(codes = DEFAULT_REVIEW_AGENCIES): ReviewFact[] {
  return codes.map((agencyCode) => ({ agencyCode, status: 'ANSWERED', decision: 'APPROVE' }));
}

/** Facts under which every gate of every move is met. */
function goodFacts(
  overrides: Partial<GateFacts['guideline'] & GateFacts['request']> & {
    /** The close date sent with the move (consultationClosesAt alone means the stored one). */
    requestClosesAt?: Date | null;
  } = {},
) {
  const facts: GateFacts = {
    now: NOW,
    timeZone: TZ,
    guideline: {
      currentVersionNumber: 2,
      consultationClosesAt: new Date(NOW.getTime() - HOUR),
      commentsWithoutDisposition: 0,
      reviewRound: approvals(),
    },
    request: {
      reason: 'Recorded at the secretariat meeting',
      consultationClosesAt: new Date(NOW.getTime() + 14 * 24 * HOUR),
      reviewDueDay: '2026-04-01',
      agencyCodes: [...DEFAULT_REVIEW_AGENCIES],
      unknownAgencyCodes: [],
    },
  };
  const { requestClosesAt, ...rest } = overrides;
  if (requestClosesAt !== undefined) facts.request.consultationClosesAt = requestClosesAt;
  for (const [key, value] of Object.entries(rest)) {
    const target = key in facts.guideline ? facts.guideline : facts.request;
    (target as unknown as Record<string, unknown>)[key] = value;
  }
  return facts;
}

function expectBothLanguages(reasons: { code: string; en: string; lo: string }[]) {
  expect(reasons.length).toBeGreaterThan(0);
  for (const r of reasons) {
    expect(r.code).toMatch(/^[A-Z_]+$/);
    expect(r.en).not.toMatch(LAO);
    expect(r.en.length).toBeGreaterThan(10);
    expect(r.lo).toMatch(LAO);
    expect(localize(r, 'lo')).toEqual({ code: r.code, message: r.lo });
    expect(localize(r, 'en')).toEqual({ code: r.code, message: r.en });
  }
}

describe('the stage table', () => {
  it('has exactly the moves of shared/DOMAIN.md', () => {
    const table = MOVES.map((m) => `${m.from}->${m.to}`).sort();
    const expected = [...FORWARD, ...BACKWARD, ...WITHDRAW].map(([f, t]) => `${f}->${t}`).sort();
    expect(table).toEqual(expected);
  });

  it('asks a reason for every backward move and withdrawal, and none for a forward move', () => {
    for (const m of MOVES) {
      expect(m.needsReason).toBe(!has(FORWARD, m.from, m.to));
      expect(m.inputs.includes('reason')).toBe(m.needsReason);
    }
  });

  it('lets an administrator override only the consultation and adoption gates', () => {
    for (const m of MOVES) {
      expect(m.gates.some((g) => g.overridable)).toBe(has(OVERRIDABLE, m.from, m.to));
    }
  });

  it('lets only the secretariat and administrators reach the move route', () => {
    expect([...MOVING_ROLES].sort()).toEqual([Role.ADMIN, Role.SECRETARIAT].sort());
  });

  it('keeps ADOPTED and WITHDRAWN final', () => {
    expect(MOVES.filter((m) => m.from === ADOPTED || m.from === WITHDRAWN)).toEqual([]);
  });
});

describe('every (from, to, caller) combination', () => {
  const combos = STAGES.flatMap((from) =>
    STAGES.flatMap((to) => ACTORS.map((actor) => [from, to, actor] as [Stage, Stage, Actor])),
  );

  it('covers 7 x 7 stages x 8 kinds of caller', () => {
    expect(combos).toHaveLength(7 * 7 * ACTORS.length);
  });

  function expectedOrdinary(from: Stage, to: Stage, actor: Actor, stated: boolean): string {
    const isMove = has(FORWARD, from, to) || has(BACKWARD, from, to) || has(WITHDRAW, from, to);
    if (!isMove) {
      const past =
        from === to ||
        from === ADOPTED ||
        from === WITHDRAWN ||
        (ROAD.includes(to) && ROAD.includes(from) && ROAD.indexOf(to) < ROAD.indexOf(from));
      return !stated && past ? 'STALE' : 'UNMET';
    }
    if (actor.role === Role.SECRETARIAT) return 'ALLOWED';
    if (actor.role === Role.ADMIN && to === WITHDRAWN) return 'ALLOWED';
    return 'FORBIDDEN';
  }

  it.each(combos.map(([f, t, a]) => [f, t, label(a), a] as const))(
    '%s -> %s by %s, stating the expected stage',
    (from, to, _label, actor) => {
      const decision = decideMove({
        from,
        to,
        expectedStage: from,
        actor,
        override: false,
        facts: goodFacts(),
      });
      expect(decision.outcome).toBe(expectedOrdinary(from, to, actor, true));
      if (decision.outcome !== 'ALLOWED') expectBothLanguages(decision.reasons);
    },
  );

  it.each(combos.map(([f, t, a]) => [f, t, label(a), a] as const))(
    '%s -> %s by %s, without an expected stage',
    (from, to, _label, actor) => {
      const decision = decideMove({
        from,
        to,
        expectedStage: null,
        actor,
        override: false,
        facts: goodFacts(),
      });
      expect(decision.outcome).toBe(expectedOrdinary(from, to, actor, false));
      if (decision.outcome === 'STALE') expect(decision.reasons[0].code).toBe('ANOTHER_MOVE_WON');
    },
  );

  it.each(combos.map(([f, t, a]) => [f, t, label(a), a] as const))(
    '%s -> %s by %s as an override',
    (from, to, _label, actor) => {
      const decision = decideMove({
        from,
        to,
        expectedStage: from,
        actor,
        override: true,
        facts: goodFacts(),
      });
      const isMove = has(FORWARD, from, to) || has(BACKWARD, from, to) || has(WITHDRAW, from, to);
      if (!isMove) return expect(decision.outcome).toBe('UNMET');
      if (actor.role !== Role.ADMIN) {
        expect(decision.outcome).toBe('FORBIDDEN');
        if (decision.outcome === 'FORBIDDEN')
          expect(decision.reasons[0].code).toBe('OVERRIDE_ADMIN_ONLY');
        return;
      }
      if (has(OVERRIDABLE, from, to)) {
        expect(decision).toMatchObject({ outcome: 'ALLOWED', override: true, overridden: [] });
      } else {
        expect(decision.outcome).toBe('UNMET');
        if (decision.outcome === 'UNMET')
          expect(decision.reasons.map((r) => r.code)).toEqual(['OVERRIDE_NOT_AVAILABLE']);
      }
    },
  );

  it('answers a stale expected stage with 409 whatever the move', () => {
    for (const [from, to, actor] of combos) {
      for (const expected of STAGES.filter((s) => s !== from)) {
        const d = decideMove({
          from,
          to,
          expectedStage: expected,
          actor,
          override: false,
          facts: goodFacts(),
        });
        expect(d.outcome).toBe('STALE');
        if (d.outcome === 'STALE') expect(d.reasons[0].code).toBe('STAGE_CHANGED');
      }
    }
  });
});

describe('decideMove', () => {
  const secretariat: Actor = { role: Role.SECRETARIAT, committees: [] };
  const admin: Actor = { role: Role.ADMIN, committees: [] };
  const ask = (from: Stage, to: Stage, facts: GateFacts, actor = secretariat, override = false) =>
    decideMove({ from, to, expectedStage: from, actor, override, facts });
  const codes = (d: ReturnType<typeof decideMove>) =>
    ('reasons' in d ? d.reasons : []).map((r) => r.code);

  it('lists every unmet gate at once, in both languages', () => {
    const d = ask(
      COUNCIL_OF_JUDGES,
      INTERAGENCY_REVIEW,
      goodFacts({
        currentVersionNumber: null,
        agencyCodes: ['MOJ'],
        unknownAgencyCodes: ['XYZ'],
        reviewDueDay: '2026-03-11',
      }),
    );
    expect(d.outcome).toBe('UNMET');
    expect(codes(d)).toEqual([
      'NO_PUBLISHED_VERSION',
      'UNKNOWN_AGENCY',
      'REVIEW_DUE_DATE_NOT_FUTURE',
    ]);
    if (d.outcome === 'UNMET') expectBothLanguages(d.reasons);
  });

  it('counts a missing reason among the unmet gates of a backward move', () => {
    const d = ask(
      TECHNICAL_WORKING_GROUP,
      CONSULTATION,
      goodFacts({ reason: '   ', requestClosesAt: null }),
    );
    expect(codes(d)).toEqual(['REASON_REQUIRED', 'CONSULTATION_CLOSE_DATE_REQUIRED']);
  });

  it('needs a reason to withdraw, from the secretariat or an administrator', () => {
    for (const actor of [secretariat, admin]) {
      expect(codes(ask(DRAFTING, WITHDRAWN, goodFacts({ reason: null }), actor))).toEqual([
        'REASON_REQUIRED',
      ]);
      expect(ask(DRAFTING, WITHDRAWN, goodFacts(), actor).outcome).toBe('ALLOWED');
    }
  });

  it('refuses the secretariat moving on while the consultation is open; an administrator overrides it with a reason', () => {
    const open = goodFacts({ consultationClosesAt: new Date(NOW.getTime() + HOUR) });
    expect(codes(ask(CONSULTATION, TECHNICAL_WORKING_GROUP, open))).toEqual([
      'CONSULTATION_STILL_OPEN',
    ]);
    expect(ask(CONSULTATION, TECHNICAL_WORKING_GROUP, open, admin).outcome).toBe('FORBIDDEN');
    expect(codes(ask(CONSULTATION, TECHNICAL_WORKING_GROUP, open, admin))).toEqual([
      'OVERRIDE_REQUIRED',
    ]);

    const withoutReason = { ...open, request: { ...open.request, reason: null } };
    expect(codes(ask(CONSULTATION, TECHNICAL_WORKING_GROUP, withoutReason, admin, true))).toEqual([
      'REASON_REQUIRED',
    ]);
    const d = ask(CONSULTATION, TECHNICAL_WORKING_GROUP, open, admin, true);
    expect(d).toMatchObject({
      outcome: 'ALLOWED',
      override: true,
      overridden: [{ gate: 'consultationClosed', reasons: [{ code: 'CONSULTATION_STILL_OPEN' }] }],
    });
  });

  it('lets an administrator adopt over an objection and a missing answer, recording both gates', () => {
    const facts = goodFacts({
      reviewRound: [
        { agencyCode: 'MOFA', status: 'ANSWERED', decision: 'OBJECT' },
        { agencyCode: 'MOJ', status: 'PENDING', decision: null },
        { agencyCode: 'OSPP', status: 'ANSWERED', decision: 'APPROVE_WITH_COMMENTS' },
      ],
    });
    expect(codes(ask(INTERAGENCY_REVIEW, ADOPTED, facts))).toEqual([
      'REVIEWS_UNANSWERED',
      'REVIEW_OBJECTION',
    ]);
    const d = ask(INTERAGENCY_REVIEW, ADOPTED, facts, admin, true);
    expect(d.outcome).toBe('ALLOWED');
    if (d.outcome === 'ALLOWED') {
      expect(d.overridden.map((o) => o.gate)).toEqual(['everyReviewAnswered', 'noReviewObjects']);
    }
  });

  it('does not let an override set aside a gate that is not overridable', () => {
    const facts = goodFacts({ reviewRound: [], currentVersionNumber: null });
    const d = ask(INTERAGENCY_REVIEW, ADOPTED, facts, admin, true);
    expect(codes(d)).toEqual(['NO_PUBLISHED_VERSION']);
  });

  it('refuses a move that skips a stage with 422, naming the stages reachable', () => {
    const d = ask(DRAFTING, COUNCIL_OF_JUDGES, goodFacts());
    expect(codes(d)).toEqual(['MOVE_NOT_ALLOWED']);
    if (d.outcome === 'UNMET') expect(d.reasons[0].en).toMatch(/consultation, withdrawn/);
  });

  it('explains a final stage', () => {
    expect(codes(ask(ADOPTED, WITHDRAWN, goodFacts()))).toEqual(['STAGE_FINAL']);
    expect(codes(ask(WITHDRAWN, DRAFTING, goodFacts()))).toEqual(['STAGE_FINAL']);
  });

  it('answers the loser of a race with 409 even when it stated no expected stage', () => {
    const d = decideMove({
      from: INTERAGENCY_REVIEW,
      to: INTERAGENCY_REVIEW,
      expectedStage: null,
      actor: secretariat,
      override: false,
      facts: goodFacts(),
    });
    expect(codes(d)).toEqual(['ANOTHER_MOVE_WON']);
    expect(d.outcome).toBe('STALE');
  });
});

describe('gates', () => {
  it('reasonGiven', () => {
    expect(reasonGiven(goodFacts())).toEqual([]);
    for (const reason of [null, '', '  \n ']) {
      const r = reasonGiven(goodFacts({ reason }));
      expect(r.map((x) => x.code)).toEqual(['REASON_REQUIRED']);
      expectBothLanguages(r);
    }
  });

  it('publishedVersionExists', () => {
    expect(publishedVersionExists(goodFacts())).toEqual([]);
    const r = publishedVersionExists(goodFacts({ currentVersionNumber: null }));
    expect(r.map((x) => x.code)).toEqual(['NO_PUBLISHED_VERSION']);
    expectBothLanguages(r);
  });

  it('consultationCloseDateInFuture', () => {
    expect(consultationCloseDateInFuture(goodFacts())).toEqual([]);
    const missing = consultationCloseDateInFuture(goodFacts({ requestClosesAt: null }));
    expect(missing.map((x) => x.code)).toEqual(['CONSULTATION_CLOSE_DATE_REQUIRED']);
    expectBothLanguages(missing);
    const past = consultationCloseDateInFuture(goodFacts({ requestClosesAt: NOW }));
    expect(past.map((x) => x.code)).toEqual(['CONSULTATION_CLOSE_DATE_NOT_FUTURE']);
    expectBothLanguages(past);
    // Shown in the court's time: 18:00 UTC is 01:00 the next day in Vientiane.
    expect(past[0].en).toContain('2026-03-11 01:00');
    expect(past[0].lo).toContain('2026-03-11 01:00');
  });

  it('consultationClosed', () => {
    expect(consultationClosed(goodFacts())).toEqual([]);
    expect(consultationClosed(goodFacts({ consultationClosesAt: NOW }))).toEqual([]);
    const open = consultationClosed(
      goodFacts({ consultationClosesAt: new Date('2026-03-20T10:00:00Z') }),
    );
    expect(open.map((x) => x.code)).toEqual(['CONSULTATION_STILL_OPEN']);
    expect(open[0].en).toContain('2026-03-20 17:00');
    expectBothLanguages(open);
    const none = consultationClosed(goodFacts({ consultationClosesAt: null }));
    expect(none.map((x) => x.code)).toEqual(['CONSULTATION_CLOSE_DATE_MISSING']);
    expectBothLanguages(none);
  });

  it('everyCommentDisposed says how many are missing', () => {
    expect(everyCommentDisposed(goodFacts())).toEqual([]);
    const one = everyCommentDisposed(goodFacts({ commentsWithoutDisposition: 1 }));
    expect(one[0].en).toBe('1 comment still has no disposition from the secretariat');
    const r = everyCommentDisposed(goodFacts({ commentsWithoutDisposition: 7 }));
    expect(r.map((x) => x.code)).toEqual(['COMMENTS_WITHOUT_DISPOSITION']);
    expect(r[0].en).toMatch(/^7 comments/);
    expect(r[0].lo).toContain('7');
    expectBothLanguages(r);
  });

  it('reviewAgenciesGiven', () => {
    expect(reviewAgenciesGiven(goodFacts())).toEqual([]);
    const unknown = reviewAgenciesGiven(
      goodFacts({ agencyCodes: ['MOJ'], unknownAgencyCodes: ['ABC', 'XYZ'] }),
    );
    expect(unknown.map((x) => x.code)).toEqual(['UNKNOWN_AGENCY']);
    expect(unknown[0].en).toContain('ABC, XYZ');
    expectBothLanguages(unknown);
    const none = reviewAgenciesGiven(goodFacts({ agencyCodes: [] }));
    expect(none.map((x) => x.code)).toEqual(['AGENCIES_REQUIRED']);
    expectBothLanguages(none);
  });

  it('reviewDueDateInFuture compares calendar days in the court time zone', () => {
    expect(reviewDueDateInFuture(goodFacts({ reviewDueDay: '2026-03-12' }))).toEqual([]);
    // Already 2026-03-11 in Vientiane although still 2026-03-10 in UTC.
    const today = reviewDueDateInFuture(goodFacts({ reviewDueDay: '2026-03-11' }));
    expect(today.map((x) => x.code)).toEqual(['REVIEW_DUE_DATE_NOT_FUTURE']);
    expect(today[0].en).toContain('today (2026-03-11 in Asia/Vientiane)');
    expectBothLanguages(today);
    const missing = reviewDueDateInFuture(goodFacts({ reviewDueDay: null }));
    expect(missing.map((x) => x.code)).toEqual(['REVIEW_DUE_DATE_REQUIRED']);
    expectBothLanguages(missing);
  });

  it('everyReviewAnswered ignores withdrawn requests and names who has not answered', () => {
    expect(everyReviewAnswered(goodFacts())).toEqual([]);
    const waiting = everyReviewAnswered(
      goodFacts({
        reviewRound: [
          { agencyCode: 'MOFA', status: 'PENDING', decision: null },
          { agencyCode: 'MOJ', status: 'WITHDRAWN', decision: null },
          { agencyCode: 'MPS', status: 'PENDING', decision: null },
          { agencyCode: 'OSPP', status: 'ANSWERED', decision: 'APPROVE' },
        ],
      }),
    );
    expect(waiting.map((x) => x.code)).toEqual(['REVIEWS_UNANSWERED']);
    expect(waiting[0].en).toBe('2 review requests have no answer yet: MOFA, MPS');
    expectBothLanguages(waiting);
    const empty = everyReviewAnswered(
      goodFacts({ reviewRound: [{ agencyCode: 'MOJ', status: 'WITHDRAWN', decision: null }] }),
    );
    expect(empty.map((x) => x.code)).toEqual(['NO_REVIEW_REQUESTS']);
    expectBothLanguages(empty);
  });

  it('noReviewObjects names the objecting agencies', () => {
    expect(noReviewObjects(goodFacts())).toEqual([]);
    const r = noReviewObjects(
      goodFacts({
        reviewRound: [
          { agencyCode: 'MOFA', status: 'ANSWERED', decision: 'OBJECT' },
          { agencyCode: 'MOJ', status: 'ANSWERED', decision: 'APPROVE_WITH_COMMENTS' },
        ],
      }),
    );
    expect(r.map((x) => x.code)).toEqual(['REVIEW_OBJECTION']);
    expect(r[0].en).toContain('MOFA');
    expect(r[0].en).not.toContain('MOJ');
    expectBothLanguages(r);
  });
});

describe('availableMoves', () => {
  const state = (g: Partial<GateFacts['guideline']> = {}) => ({
    now: NOW,
    timeZone: TZ,
    guideline: { ...goodFacts().guideline, ...g },
  });

  it('lists nothing from a final stage', () => {
    for (const actor of ACTORS) {
      expect(availableMoves(ADOPTED, actor, state())).toEqual([]);
      expect(availableMoves(WITHDRAWN, actor, state())).toEqual([]);
    }
  });

  it('shows the secretariat the moves from consultation with the gate still unmet', () => {
    const moves = availableMoves(
      CONSULTATION,
      { role: Role.SECRETARIAT, committees: [] },
      state({ consultationClosesAt: new Date(NOW.getTime() + HOUR) }),
    );
    expect(moves.map((m) => m.to)).toEqual([TECHNICAL_WORKING_GROUP, DRAFTING, WITHDRAWN]);
    const [twg, drafting, withdrawn] = moves;
    expect(twg).toMatchObject({
      allowedForYou: true,
      asOverride: false,
      needsReason: false,
      overridable: true,
      inputs: [],
    });
    expect(twg.unmetGates.map((g) => [g.reason.code, g.overridable])).toEqual([
      ['CONSULTATION_STILL_OPEN', true],
    ]);
    expect(drafting).toMatchObject({ needsReason: true, inputs: ['reason'], unmetGates: [] });
    expect(withdrawn).toMatchObject({ allowedForYou: true, needsReason: true });
  });

  it('shows an administrator the override and the withdrawal only', () => {
    const moves = availableMoves(CONSULTATION, { role: Role.ADMIN, committees: [] }, state());
    expect(moves.map((m) => [m.to, m.allowedForYou, m.asOverride, m.needsReason])).toEqual([
      [TECHNICAL_WORKING_GROUP, true, true, true],
      [DRAFTING, false, false, true],
      [WITHDRAWN, true, false, true],
    ]);
    expect(moves[0].inputs).toEqual(['reason']);
  });

  it('shows a TWG judge every move as not theirs', () => {
    const moves = availableMoves(
      TECHNICAL_WORKING_GROUP,
      { role: Role.JUDGE, committees: [Committee.TWG] },
      state({ commentsWithoutDisposition: 3 }),
    );
    expect(moves.every((m) => !m.allowedForYou)).toBe(true);
    expect(moves.find((m) => m.to === COUNCIL_OF_JUDGES)?.unmetGates[0].reason.code).toBe(
      'COMMENTS_WITHOUT_DISPOSITION',
    );
  });

  it('judges only the state gates: the inputs of a move are asked when it is made', () => {
    const moves = availableMoves(
      DRAFTING,
      { role: Role.SECRETARIAT, committees: [] },
      state({ currentVersionNumber: null }),
    );
    const toConsultation = moves.find((m) => m.to === CONSULTATION)!;
    expect(toConsultation.inputs).toEqual(['consultationClosesAt']);
    expect(toConsultation.unmetGates.map((g) => g.reason.code)).toEqual(['NO_PUBLISHED_VERSION']);
  });
});
