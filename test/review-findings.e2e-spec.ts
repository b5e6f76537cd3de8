import { Committee, Role } from '../src/court/roles';
import { auth, guidelineAtCouncil, localDay, move, reviewRequests } from './support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

// Regression tests for the code review's findings: who may comment, login budget, user roles,
// nested-object and null validation, forged cursors, events of another guideline.
jest.setTimeout(60_000);

describe('review findings', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp('findings');
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Secretariat' });
    judge = await t.user(Role.JUDGE, { committees: [Committee.TWG] });
  });
  afterAll(() => t.close());

  /** A guideline with one published version, put in `stage` directly. */
  const guidelineIn = async (stage: string): Promise<string> => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(auth(secretariat))
      .send({ code: `RF-${++seq}-${Date.now().toString(36)}`, title: { en: 'G', lo: 'ຂ' } });
    expect(g.status).toBe(201);
    const v = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(auth(secretariat))
      .send({
        changeSummary: 'First draft',
        sections: [{ key: 'art-1', heading: 'Article 1', body: 'Victims wait apart.' }],
      });
    expect(v.status).toBe(201);
    await t.sql((c) =>
      c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [g.body.id, stage]),
    );
    return g.body.id as string;
  };
  const comment = (guidelineId: string, user: TestUser, body: object) =>
    t.http().post(`/api/guidelines/${guidelineId}/versions/1/comments`).set(auth(user)).send(body);
  const fields = (res: { body: { details?: { field?: string }[] } }) =>
    (res.body.details ?? []).map((d) => d.field);

  describe('commenting on behalf of a participant', () => {
    it('refuses onBehalfOf that is not an object (400) and the secretariat in its own name (403)', async () => {
      const g = await guidelineIn('CONSULTATION');
      const asArray = await comment(g, secretariat, {
        sectionKey: 'art-1',
        body: 'In my own name',
        onBehalfOf: [],
      });
      expect(asArray.status).toBe(400);
      expect(fields(asArray)).toContain('onBehalfOf');

      const own = await comment(g, secretariat, { sectionKey: 'art-1', body: 'In my own name' });
      expect(own.status).toBe(403);
      expect(own.body.details[0].code).toBe('NOT_A_COMMENTER');

      const spoken = await comment(g, secretariat, {
        sectionKey: 'art-1',
        body: 'Said at the workshop',
        onBehalfOf: { name: 'Ms Vanh' },
      });
      expect(spoken.status).toBe(201);
      expect(spoken.body.spokenBy).toEqual({ name: 'Ms Vanh', institution: null });
    });

    it('refuses an event of another guideline (422 EVENT_OF_ANOTHER_GUIDELINE), in the caller’s language', async () => {
      const g = await guidelineIn('CONSULTATION');
      const other = await guidelineIn('CONSULTATION');
      const event = await t
        .http()
        .post('/api/events')
        .set(auth(secretariat))
        .send({
          guidelineId: other,
          title: 'Workshop on the other guideline',
          date: localDay(-1),
          location: 'Vientiane Capital',
          participants: { female: 3, male: 4, other: 0 },
        });
      expect(event.status).toBe(201);
      const res = await comment(g, secretariat, {
        sectionKey: 'art-1',
        body: 'Said at a workshop',
        onBehalfOf: { name: 'Mr Bounmy' },
        eventId: event.body.id,
      });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'EVENT_OF_ANOTHER_GUIDELINE', field: 'eventId' }),
      ]);
      const secretariatLo = await t.user(Role.SECRETARIAT, { locale: 'lo' });
      const lo = await comment(g, secretariatLo, {
        sectionKey: 'art-1',
        body: 'Said at a workshop',
        onBehalfOf: { name: 'Mr Bounmy' },
        eventId: event.body.id,
      });
      expect(lo.status).toBe(422);
      expect(lo.body.details[0].message).toMatch(/[\u0E80-\u0EFF]/);
      const stored = await t.sql(
        async (c) =>
          (await c.query(`SELECT count(*)::int AS n FROM comments WHERE guideline_id = $1`, [g]))
            .rows[0].n,
      );
      expect(stored).toBe(0);
    });
  });

  it('answers 400 for a comment with quote: null', async () => {
    const g = await guidelineIn('CONSULTATION');
    const res = await comment(g, judge, { sectionKey: 'art-1', body: 'ok', quote: null });
    expect(res.status).toBe(400);
    expect(fields(res)).toContain('quote');
  });

  it('answers 400 for a forged comment-list cursor holding numbers or dates out of range', async () => {
    const g = await guidelineIn('CONSULTATION');
    const forge = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const id = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';
    for (const cursor of [
      forge([1e20, '2025-01-01T00:00:00.000000', id]),
      forge([3_000_000_000, '2025-01-01T00:00:00.000000', id]),
      forge([0, '2025-13-45T99:99:99.000000', id]),
    ]) {
      const res = await t
        .http()
        .get(`/api/guidelines/${g}/versions/1/comments?cursor=${cursor}`)
        .set(auth(judge));
      expect(res.status).toBe(400);
      expect(fields(res)).toContain('cursor');
    }
  });

  it('lets only the agencies of the current review round comment', async () => {
    const mofa = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA' });
    const moj = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOFA', 'MOJ'],
      reviewDueAt: localDay(10),
    });
    const round1 = await comment(id, mofa, { sectionKey: 'art-1', body: 'MOFA, round 1' });
    expect(round1.status).toBe(201);
    await t
      .http()
      .put(`/api/comments/${round1.body.id}/disposition`)
      .set(auth(secretariat))
      .send({ status: 'NOTED' })
      .expect(200);
    // MOFA answers in round 1, so its request stays ANSWERED (not WITHDRAWN) after the round ends.
    const [mofaRequest] = await reviewRequests(t, id);
    expect(mofaRequest.code).toBe('MOFA');
    await t
      .http()
      .post(`/api/reviews/${mofaRequest.id}/response`)
      .set(auth(mofa))
      .send({ decision: 'APPROVE', comments: 'Fine', signatory: { name: 'X', title: 'Y' } })
      .expect(200);
    await move(t, secretariat, id, { to: 'TECHNICAL_WORKING_GROUP', reason: 'MOJ objects' });
    await move(t, secretariat, id, { to: 'COUNCIL_OF_JUDGES' });
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOJ'],
      reviewDueAt: localDay(10),
    });

    const refused = await comment(id, mofa, { sectionKey: 'art-1', body: 'MOFA, round 2' });
    expect(refused.status).toBe(403);
    expect(refused.body.details[0]).toMatchObject({ code: 'NOT_A_COMMENTER' });
    const allowed = await comment(id, moj, { sectionKey: 'art-1', body: 'MOJ, round 2' });
    expect(allowed.status).toBe(201);
  });

  describe('users', () => {
    it('changes an agency reviewer into a judge: the agency is cleared', async () => {
      const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
      const res = await t
        .http()
        .patch(`/api/users/${reviewer.id}`)
        .set(auth(t.admin))
        .send({ role: 'JUDGE' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'JUDGE', agency: null });

      const back = await t
        .http()
        .patch(`/api/users/${reviewer.id}`)
        .set(auth(t.admin))
        .send({ role: 'AGENCY_REVIEWER', agencyCode: 'OSPP' });
      expect(back.status).toBe(200);
      expect(back.body.agency.code).toBe('OSPP');
      const explicitNull = await t
        .http()
        .patch(`/api/users/${reviewer.id}`)
        .set(auth(t.admin))
        .send({ role: 'OBSERVER', agencyCode: null });
      expect(explicitNull.status).toBe(200);
      expect(explicitNull.body).toMatchObject({ role: 'OBSERVER', agency: null });
      // A reviewer still needs an agency: null alone is refused.
      const reviewer2 = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MPS' });
      const noAgency = await t
        .http()
        .patch(`/api/users/${reviewer2.id}`)
        .set(auth(t.admin))
        .send({ agencyCode: null });
      expect(noAgency.status).toBe(400);
      expect(fields(noAgency)).toContain('agencyCode');
    });

    it('answers 400 for null in a field that cannot be empty, and clears institution with null', async () => {
      const who = await t.user(Role.OBSERVER);
      for (const field of ['name', 'locale', 'active', 'email', 'role', 'password', 'committees']) {
        const res = await t
          .http()
          .patch(`/api/users/${who.id}`)
          .set(auth(t.admin))
          .send({ [field]: null });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(fields(res)).toContain(field);
      }
      const set = await t
        .http()
        .patch(`/api/users/${who.id}`)
        .set(auth(t.admin))
        .send({ institution: 'Ministry' });
      expect(set.body.institution).toBe('Ministry');
      const cleared = await t
        .http()
        .patch(`/api/users/${who.id}`)
        .set(auth(t.admin))
        .send({ institution: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.institution).toBeNull();
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: who.email, password: PASSWORD });
      expect(login.status).toBe(200);
    });
  });

  describe('nested objects that are missing or arrays answer 400 naming the field', () => {
    const post = (path: string, body: object) =>
      t.http().post(path).set(auth(secretariat)).send(body);

    it('guidelines: title missing or []', async () => {
      for (const body of [{ code: 'NO-TITLE' }, { code: 'ARRAY-TITLE', title: [] }]) {
        const res = await post('/api/guidelines', body);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain('title');
      }
    });

    it('versions: sections [[]] and ["text"]', async () => {
      const g = await guidelineIn('DRAFTING');
      for (const sections of [[[]], ['text']]) {
        const res = await post(`/api/guidelines/${g}/versions`, {
          changeSummary: 'Bad',
          sections,
        });
        expect(res.status).toBe(400);
        expect(fields(res)).toContain('sections');
      }
    });

    it('agencies: name missing or [] (create and update)', async () => {
      for (const body of [
        { code: 'NONAME', email: 'a@gov.la' },
        { code: 'ARRNAME', name: [], email: 'a@gov.la' },
      ]) {
        const res = await t.http().post('/api/agencies').set(auth(t.admin)).send(body);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain('name');
      }
      const list = await t.http().get('/api/agencies').set(auth(t.admin));
      const moj = list.body.items.find((a: { code: string }) => a.code === 'MOJ');
      for (const name of [[], null]) {
        const res = await t
          .http()
          .patch(`/api/agencies/${moj.id}`)
          .set(auth(t.admin))
          .send({ name });
        expect(res.status).toBe(400);
        expect(fields(res)).toContain('name');
      }
    });

    it('events: participants missing or [], institutions [[]]', async () => {
      const g = await guidelineIn('CONSULTATION');
      const base = {
        guidelineId: g,
        title: 'Workshop',
        date: localDay(-1),
        location: 'Vientiane Capital',
      };
      for (const [body, field] of [
        [base, 'participants'],
        [{ ...base, participants: [] }, 'participants'],
        [
          { ...base, participants: { female: 1, male: 1, other: 0 }, institutions: [[]] },
          'institutions',
        ],
      ] as const) {
        const res = await post('/api/events', body);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain(field);
      }
      const event = await post('/api/events', {
        ...base,
        participants: { female: 1, male: 1, other: 0 },
      });
      expect(event.status).toBe(201);
      for (const [body, field] of [
        [{ reason: 'fix', participants: [] }, 'participants'],
        [{ reason: 'fix', title: null }, 'title'],
        [{ reason: 'fix', institutions: [[]] }, 'institutions'],
      ] as const) {
        const res = await t
          .http()
          .patch(`/api/events/${event.body.id}`)
          .set(auth(secretariat))
          .send(body);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain(field);
      }
    });
  });
});
