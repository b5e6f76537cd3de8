import { Committee, Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';
import { eventually } from './support/review-road';
import { lockWaiters, lockWaitSeen } from './support/lock-waits';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';
const LAO_BODY = 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.';

// The e2e project's testTimeout is not applied per project by Jest 30: boot + seeding can exceed 5 s on a busy machine.
jest.setTimeout(60_000);

describe('comments, replies, edits and dispositions', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let judgeLo: TestUser;
  let twgJudge: TestUser;
  let councilJudge: TestUser;
  let observer: TestUser;
  let mojReviewer: TestUser;
  let mofaReviewer: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('comments');
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Secretariat' });
    judge = await t.user(Role.JUDGE, { name: 'Judge Khamphone' });
    judgeLo = await t.user(Role.JUDGE, { locale: 'lo' });
    twgJudge = await t.user(Role.JUDGE, { committees: [Committee.TWG], name: 'TWG Judge' });
    councilJudge = await t.user(Role.JUDGE, { committees: [Committee.COUNCIL] });
    observer = await t.user(Role.OBSERVER);
    mojReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
    mofaReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA' });
  });
  afterAll(() => t.close());

  const v1Sections = [
    { key: 'hearing', heading: 'ມາດຕາ 1: ການຮັບຟັງ', body: LAO_BODY },
    {
      key: 'privacy',
      heading: 'Privacy',
      body: 'Hearings with child victims may be closed to the public.',
    },
    { key: 'waiting', heading: 'Waiting rooms', body: 'Victims wait apart from the accused.' },
    { key: 'old', heading: 'Old rule', body: 'A rule to be dropped in version 2.' },
  ];
  let seq = 0;
  const setStage = (id: string, stage: string) =>
    t.sql((c) => c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [id, stage]));
  const newGuideline = async (stage = 'CONSULTATION', sections: object[] = v1Sections) => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({
        code: `C-${++seq}-${Date.now().toString(36)}`,
        title: { en: 'Guideline', lo: 'ຂໍ້ແນະນຳ' },
      });
    expect(g.status).toBe(201);
    const v = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'First draft', sections });
    expect(v.status).toBe(201);
    await setStage(g.body.id, stage);
    return g.body.id as string;
  };
  const comment = (guidelineId: string, user: TestUser, body: object, version = 1) =>
    t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/${version}/comments`)
      .set(as(user))
      .send(body);
  const outbox = (jobId: string) =>
    t.sql(
      async (c) =>
        (await c.query(`SELECT queue, job_name, payload FROM outbox WHERE job_id = $1`, [jobId]))
          .rows,
    );

  describe('writing', () => {
    let g: string;
    beforeAll(async () => {
      g = await newGuideline();
    });

    it('lets a judge comment in consultation, anchored to a quoted Lao passage', async () => {
      const res = await comment(g, judge, {
        sectionKey: 'hearing',
        body: 'Say who must listen.',
        quote: 'ຕ້ອງຮັບຟັງ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        guidelineId: g,
        versionNumber: 1,
        sectionKey: 'hearing',
        parentId: null,
        inReplyToId: null,
        author: { id: judge.id, name: 'Judge Khamphone', institution: null },
        spokenBy: null,
        eventId: null,
        body: 'Say who must listen.',
        quote: 'ຕ້ອງຮັບຟັງ',
        suggestion: null,
        stage: 'CONSULTATION',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        editedAt: null,
        replyCount: 0,
        disposition: null,
        yourActions: { reply: true, edit: true, delete: true, decide: false },
      });
    });

    it('matches a quote after NFC normalisation and refuses one that is not in the section (422)', async () => {
      const nfd = await comment(g, judge, {
        sectionKey: 'privacy',
        body: 'ok',
        quote: 'child victims'.normalize('NFD'),
      });
      expect(nfd.status).toBe(201);
      const missing = await comment(g, judgeLo, {
        sectionKey: 'privacy',
        body: 'x',
        quote: 'ຕ້ອງຮັບຟັງ',
      });
      expect(missing.status).toBe(422);
      expect(missing.body.details).toEqual([
        {
          code: 'QUOTE_NOT_FOUND',
          field: 'quote',
          message: expect.stringMatching(/[\u0E80-\u0EFF]/),
        },
      ]);
      const enMissing = await comment(g, judge, {
        sectionKey: 'privacy',
        body: 'x',
        quote: 'Hearings with adult',
      });
      expect(enMissing.status).toBe(422);
      expect(enMissing.body.message).toMatch(/does not occur in section "privacy"/);
    });

    it('answers 4xx, never 500, for bad input', async () => {
      const cases: [object, number, string?][] = [
        [{ body: 'no section' }, 400, 'sectionKey'],
        [{ sectionKey: 'privacy' }, 400, 'body'],
        [{ sectionKey: 'privacy', body: '   ' }, 400, 'body'],
        [{ sectionKey: 'privacy', body: 'x'.repeat(20_001) }, 400, 'body'],
        [{ sectionKey: 'privacy', body: 'x', quote: '' }, 400, 'quote'],
        [{ sectionKey: 'privacy', body: 'x', parentId: 'nope' }, 400, 'parentId'],
        [{ sectionKey: 'privacy', body: 'x', eventId: UNKNOWN_ID }, 400, 'eventId'],
        [{ sectionKey: 'privacy', body: 'x', admin: true }, 400, 'admin'],
        [{ sectionKey: 'bad key!', body: 'x' }, 400, 'sectionKey'],
        [{ sectionKey: 'nope', body: 'x' }, 422, 'sectionKey'],
        [{ sectionKey: 'privacy', body: 'x', parentId: UNKNOWN_ID }, 422, 'parentId'],
      ];
      for (const [body, status, field] of cases) {
        const res = await comment(g, judge, body);
        expect({ body, status: res.status }).toEqual({ body, status });
        if (field) expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await comment(g, judge, { sectionKey: 'privacy', body: 'x' }, 2)).status).toBe(404);
      expect((await comment(UNKNOWN_ID, judge, { sectionKey: 'privacy', body: 'x' })).status).toBe(
        404,
      );
      const badId = await t
        .http()
        .post(`/api/guidelines/x/versions/1/comments`)
        .set(as(judge))
        .send({ sectionKey: 'privacy', body: 'x' });
      expect(badId.status).toBe(400);
      const badNumber = await t
        .http()
        .post(`/api/guidelines/${g}/versions/0/comments`)
        .set(as(judge))
        .send({ sectionKey: 'privacy', body: 'x' });
      expect(badNumber.status).toBe(400);
      const big = await comment(g, judge, {
        sectionKey: 'privacy',
        body: 'x'.repeat(5 * 1024 * 1024),
      });
      expect(big.status).toBe(413);
    });

    it('records a comment spoken at a workshop: the secretariat types it, the participant said it', async () => {
      const event = await t.sql((c) =>
        c.query(
          `INSERT INTO consultation_events (guideline_id, title, event_date, location, stage, female, male, other, created_by)
           VALUES ($1, 'Workshop', '2025-03-01', 'Vientiane', 'CONSULTATION', 10, 12, 0, $2) RETURNING id`,
          [g, secretariat.id],
        ),
      );
      const eventId = event.rows[0].id;
      const res = await comment(g, secretariat, {
        sectionKey: 'waiting',
        body: 'Separate entrances too.',
        onBehalfOf: { name: 'Ms Vanh', institution: 'Vientiane Women’s Union' },
        eventId,
      });
      expect(res.status).toBe(201);
      expect(res.body.author).toEqual({
        id: secretariat.id,
        name: 'Secretariat',
        institution: null,
      });
      expect(res.body.spokenBy).toEqual({
        name: 'Ms Vanh',
        institution: 'Vientiane Women’s Union',
      });
      expect(res.body.eventId).toBe(eventId);
      const noEvent = await comment(g, secretariat, {
        sectionKey: 'waiting',
        body: 'Said in a meeting.',
        onBehalfOf: { name: 'Mr Somsak' },
      });
      expect(noEvent.status).toBe(201);
      expect(noEvent.body).toMatchObject({
        spokenBy: { name: 'Mr Somsak', institution: null },
        eventId: null,
      });
      const unknownEvent = await comment(g, secretariat, {
        sectionKey: 'waiting',
        body: 'x',
        onBehalfOf: { name: 'Someone' },
        eventId: UNKNOWN_ID,
      });
      expect(unknownEvent.status).toBe(422);
      expect(unknownEvent.body.details[0]).toMatchObject({
        code: 'UNKNOWN_EVENT',
        field: 'eventId',
      });
      const byJudge = await comment(g, judge, {
        sectionKey: 'waiting',
        body: 'x',
        onBehalfOf: { name: 'Someone' },
      });
      expect(byJudge.status).toBe(403);
      const selfBySecretariat = await comment(g, secretariat, { sectionKey: 'waiting', body: 'x' });
      expect(selfBySecretariat.status).toBe(403);
    });
  });

  describe('a top-level comment in one statement', () => {
    const accented = [
      {
        key: 'cafe',
        heading: 'Caf\u00e9 rule',
        body: 'Victims may wait at the caf\u00e9 of the court.',
      },
      {
        key: 'decomposed',
        heading: 'Decomposed',
        body: 'A r\u00e9sum\u00e9 written decomposed'.normalize('NFD'),
      },
    ];

    it('anchors a quote whichever Unicode form the section and the quote are in', async () => {
      const g = await newGuideline('CONSULTATION', accented);
      const nfdQuote = 'caf\u00e9 of'.normalize('NFD');
      const a = await comment(g, judge, { sectionKey: 'cafe', body: 'a', quote: nfdQuote });
      expect(a.status).toBe(201);
      expect(a.body.quote).toBe(nfdQuote);
      const b = await comment(g, judge, {
        sectionKey: 'decomposed',
        body: 'b',
        quote: 'r\u00e9sum\u00e9',
      });
      expect(b.status).toBe(201);
      const c = await comment(g, judge, { sectionKey: 'decomposed', body: 'c', quote: 'resume' });
      expect(c.status).toBe(422);
      expect(c.body.details[0].code).toBe('QUOTE_NOT_FOUND');
    });

    it('waits for a stage move holding the guideline and applies the rules of the new stage', async () => {
      const g = await newGuideline('CONSULTATION');
      const count = async () =>
        t.sql(
          async (c) =>
            (await c.query(`SELECT count(*)::int AS n FROM comments WHERE guideline_id = $1`, [g]))
              .rows[0].n,
        );
      // A move in progress elsewhere: the guideline row is locked and its stage changed, not yet committed.
      const moved = await t.sql(async (c) => {
        await c.query('BEGIN');
        await c.query(`SELECT id FROM guidelines WHERE id = $1 FOR UPDATE`, [g]);
        await c.query(`UPDATE guidelines SET stage = 'TECHNICAL_WORKING_GROUP' WHERE id = $1`, [g]);
        const plain = comment(g, judge, { sectionKey: 'waiting', body: 'too late' }).then((r) => r);
        const twg = comment(g, twgJudge, { sectionKey: 'waiting', body: 'in time' }).then((r) => r);
        // Both requests reach the database and wait there for the move's lock on the guideline
        // (the one-statement insert joins `guidelines g`; the full check reads `FROM guidelines g`).
        await eventually(
          async () => (await lockWaiters(t.sql, 'guidelines g')) === 2,
          'both comments to wait for the guideline lock',
          15_000,
        );
        const storedWhileWaiting = await count();
        await c.query('COMMIT');
        return { storedWhileWaiting, plain: await plain, twg: await twg };
      });
      expect(moved.storedWhileWaiting).toBe(0);
      expect(moved.plain.status).toBe(403);
      expect(moved.plain.body.details[0].code).toBe('NOT_A_COMMENTER');
      expect(moved.twg.status).toBe(201);
      expect(moved.twg.body.stage).toBe('TECHNICAL_WORKING_GROUP');
      expect(await count()).toBe(1);
    });

    it('refuses a comment on a version that stopped being current while it waited', async () => {
      const g = await newGuideline('CONSULTATION');
      const countOnV1 = async () =>
        t.sql(
          async (c) =>
            (await c.query(`SELECT count(*)::int AS n FROM comments WHERE guideline_id = $1`, [g]))
              .rows[0].n as number,
        );
      // Another transaction makes version 2 current (the guideline row locked), then ends so.
      const whileVersionChanges = (end: 'COMMIT' | 'ROLLBACK') =>
        t.sql(async (c) => {
          await c.query('BEGIN');
          await c.query(`UPDATE guidelines SET current_version_number = 2 WHERE id = $1`, [g]);
          const before = await countOnV1();
          const pending = comment(g, judge, { sectionKey: 'waiting', body: 'on version 1' }).then(
            (r) => r,
          );
          // The comment reaches the database and waits there for the version change's lock.
          await lockWaitSeen(t.sql, 'guidelines g');
          const waited = (await countOnV1()) === before;
          await c.query(end);
          return { waited, res: await pending };
        });

      const rolledBack = await whileVersionChanges('ROLLBACK');
      expect(rolledBack.waited).toBe(true);
      expect(rolledBack.res.status).toBe(201);
      const committed = await whileVersionChanges('COMMIT');
      expect(committed.waited).toBe(true);
      expect(committed.res.status).toBe(422);
      expect(committed.res.body.details[0].code).toBe('VERSION_NOT_CURRENT');
      expect(await countOnV1()).toBe(1);
    });
  });

  describe('who may comment in which stage', () => {
    it('closes comments in drafting and after adoption (422, in the caller’s language)', async () => {
      const g = await newGuideline('DRAFTING');
      const lo = await comment(g, judgeLo, { sectionKey: 'privacy', body: 'x' });
      expect(lo.status).toBe(422);
      expect(lo.body.details).toEqual([
        { code: 'COMMENTS_CLOSED', message: expect.stringMatching(/^ປິດການໃຫ້ຄຳເຫັນ/) },
      ]);
      expect(lo.body.message).toBe(lo.body.details[0].message);
      await setStage(g, 'ADOPTED');
      const en = await comment(g, judge, { sectionKey: 'privacy', body: 'x' });
      expect(en.status).toBe(422);
      expect(en.body.message).toMatch(/Comments are closed while the guideline is in adopted/);
    });

    it('lets only the roles of each open stage comment (403 otherwise, with the reason)', async () => {
      const g = await newGuideline('CONSULTATION');
      const observerRes = await comment(g, observer, { sectionKey: 'privacy', body: 'x' });
      expect(observerRes.status).toBe(403);
      expect(observerRes.body.details[0]).toEqual({
        code: 'NOT_A_COMMENTER',
        message: 'In consultation only any judge may comment',
      });
      // A guideline no review asked its agency about does not exist for an agency reviewer.
      expect((await comment(g, mojReviewer, { sectionKey: 'privacy', body: 'x' })).status).toBe(
        404,
      );

      await setStage(g, 'TECHNICAL_WORKING_GROUP');
      expect((await comment(g, judge, { sectionKey: 'privacy', body: 'x' })).status).toBe(403);
      expect((await comment(g, twgJudge, { sectionKey: 'privacy', body: 'twg' })).status).toBe(201);

      await setStage(g, 'COUNCIL_OF_JUDGES');
      expect((await comment(g, twgJudge, { sectionKey: 'privacy', body: 'x' })).status).toBe(403);
      expect(
        (await comment(g, councilJudge, { sectionKey: 'privacy', body: 'council' })).status,
      ).toBe(201);

      await setStage(g, 'INTERAGENCY_REVIEW');
      // As the workflow does: the move into review is recorded and the request belongs to it.
      await t.sql((c) =>
        c.query(
          `WITH move AS (
             INSERT INTO stage_transitions (guideline_id, from_stage, to_stage, actor_id, version_number)
             VALUES ($1, 'COUNCIL_OF_JUDGES', 'INTERAGENCY_REVIEW', $2, 1) RETURNING id)
           INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, transition_id, due_date, requested_by)
           SELECT $1, v.id, 1, a.id, move.id, '2030-01-01', $2 FROM guideline_versions v, agencies a, move
            WHERE v.guideline_id = $1 AND v.number = 1 AND a.code = 'MOJ'`,
          [g, secretariat.id],
        ),
      );
      expect((await comment(g, mojReviewer, { sectionKey: 'privacy', body: 'moj' })).status).toBe(
        201,
      );
      // MOFA was never asked: for its reviewer the guideline does not exist.
      const mofa = await comment(g, mofaReviewer, { sectionKey: 'privacy', body: 'x' });
      expect(mofa.status).toBe(404);
      expect((await comment(g, councilJudge, { sectionKey: 'privacy', body: 'x' })).status).toBe(
        403,
      );
    });

    it('takes new top-level comments on the current version only; replies on any version', async () => {
      const g = await newGuideline('CONSULTATION');
      const first = await comment(g, judge, { sectionKey: 'privacy', body: 'On v1' });
      expect(first.status).toBe(201);
      await setStage(g, 'TECHNICAL_WORKING_GROUP');
      const v2 = await t
        .http()
        .post(`/api/guidelines/${g}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: 'v2', sections: v1Sections });
      expect(v2.status).toBe(201);
      const old = await comment(g, twgJudge, { sectionKey: 'privacy', body: 'late' });
      expect(old.status).toBe(422);
      expect(old.body.details[0].code).toBe('VERSION_NOT_CURRENT');
      const reply = await comment(g, twgJudge, {
        parentId: first.body.id,
        body: 'Answering on v1',
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        versionNumber: 1,
        sectionKey: 'privacy',
        parentId: first.body.id,
      });
      const onV1FromV2 = await comment(g, twgJudge, { parentId: first.body.id, body: 'x' }, 2);
      expect(onV1FromV2.status).toBe(422);
      expect(onV1FromV2.body.details[0].code).toBe('PARENT_ON_OTHER_VERSION');
      expect(
        (await comment(g, twgJudge, { sectionKey: 'privacy', body: 'current' }, 2)).status,
      ).toBe(201);
    });
  });

  describe('threads', () => {
    it('stores replies in the thread of the top-level comment and records who to tell', async () => {
      const g = await newGuideline();
      const top = await comment(g, judge, { sectionKey: 'privacy', body: 'Top' });
      const reply = await comment(g, judgeLo, { parentId: top.body.id, body: 'ຕອບ' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        parentId: top.body.id,
        inReplyToId: null,
        sectionKey: 'privacy',
        replyCount: 0,
      });
      const nested = await comment(g, judge, {
        parentId: reply.body.id,
        body: 'Reply to the reply',
        sectionKey: 'privacy',
      });
      expect(nested.status).toBe(201);
      expect(nested.body).toMatchObject({ parentId: top.body.id, inReplyToId: reply.body.id });

      expect(await outbox(`reply-${reply.body.id}`)).toEqual([
        {
          queue: 'domain-events',
          job_name: 'comment.replied',
          payload: {
            guidelineId: g,
            commentId: reply.body.id,
            parentId: top.body.id,
            parentAuthorId: judge.id,
            replyAuthorId: judgeLo.id,
          },
        },
      ]);
      expect((await outbox(`reply-${nested.body.id}`))[0].payload).toMatchObject({
        parentId: reply.body.id,
        parentAuthorId: judgeLo.id,
      });
      expect(await outbox(`reply-${top.body.id}`)).toEqual([]);

      const wrongSection = await comment(g, judge, {
        parentId: top.body.id,
        body: 'x',
        sectionKey: 'waiting',
      });
      expect(wrongSection.status).toBe(422);
      expect(wrongSection.body.details[0].code).toBe('SECTION_MISMATCH');

      const detail = await t.http().get(`/api/comments/${top.body.id}`).set(as(observer));
      expect(detail.status).toBe(200);
      expect(detail.body.replyCount).toBe(2);
      expect(detail.body.replies.map((r: { id: string }) => r.id)).toEqual([
        reply.body.id,
        nested.body.id,
      ]);

      const list = await t.http().get(`/api/guidelines/${g}/versions/1/comments`).set(as(observer));
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id: top.body.id, replyCount: 2 });

      expect((await t.http().delete(`/api/comments/${top.body.id}`).set(as(judge))).status).toBe(
        204,
      );
      const toDeleted = await comment(g, judge, { parentId: top.body.id, body: 'x' });
      expect(toDeleted.status).toBe(422);
      expect(toDeleted.body.details[0].code).toBe('PARENT_DELETED');
    });
  });

  describe('edits and deletions', () => {
    it('lets the author edit, keeping the earlier text; others get 403', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, {
        sectionKey: 'privacy',
        body: 'First text',
        quote: 'child victims',
      });
      const other = await t
        .http()
        .patch(`/api/comments/${c.body.id}`)
        .set(as(judgeLo))
        .send({ body: 'hijack' });
      expect(other.status).toBe(403);
      expect(other.body.details[0]).toEqual({
        code: 'NOT_THE_AUTHOR',
        message: expect.stringMatching(/[\u0E80-\u0EFF]/),
      });
      const badQuote = await t
        .http()
        .patch(`/api/comments/${c.body.id}`)
        .set(as(judge))
        .send({ quote: 'not there' });
      expect(badQuote.status).toBe(422);
      expect(
        (await t.http().patch(`/api/comments/${c.body.id}`).set(as(judge)).send({})).status,
      ).toBe(400);

      const edited = await t
        .http()
        .patch(`/api/comments/${c.body.id}`)
        .set(as(judge))
        .send({ body: 'Second text', quote: null });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        body: 'Second text',
        quote: null,
        editedAt: expect.any(String),
      });
      await t
        .http()
        .patch(`/api/comments/${c.body.id}`)
        .set(as(judge))
        .send({ body: 'Third text' });
      const detail = await t.http().get(`/api/comments/${c.body.id}`).set(as(judge));
      expect(detail.body.body).toBe('Third text');
      expect(detail.body.revisions).toEqual([
        {
          body: 'First text',
          quote: 'child victims',
          editedBy: { id: judge.id, name: 'Judge Khamphone' },
          editedAt: expect.any(String),
        },
        {
          body: 'Second text',
          quote: null,
          editedBy: { id: judge.id, name: 'Judge Khamphone' },
          editedAt: expect.any(String),
        },
      ]);
      await expect(
        t.sql((q) => q.query(`UPDATE comment_revisions SET body = 'forged'`)),
      ).rejects.toThrow(/immutable/);
    });

    it('refuses edits and deletions once a disposition exists, or once comments are closed', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, { sectionKey: 'privacy', body: 'Text' });
      const d = await comment(g, judge, { sectionKey: 'privacy', body: 'Will close' });
      await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'NOTED' });
      const edit = await t
        .http()
        .patch(`/api/comments/${c.body.id}`)
        .set(as(judge))
        .send({ body: 'Changed' });
      expect(edit.status).toBe(422);
      expect(edit.body.details[0].code).toBe('HAS_DISPOSITION');
      expect((await t.http().delete(`/api/comments/${c.body.id}`).set(as(judge))).status).toBe(422);
      await setStage(g, 'COUNCIL_OF_JUDGES');
      const closed = await t
        .http()
        .patch(`/api/comments/${d.body.id}`)
        .set(as(judge))
        .send({ body: 'Changed' });
      expect(closed.status).toBe(403);
      await setStage(g, 'ADOPTED');
      expect((await t.http().delete(`/api/comments/${d.body.id}`).set(as(judge))).status).toBe(422);
    });

    it('soft-deletes for the author only: gone from reads, kept in the database', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, { sectionKey: 'privacy', body: 'Delete me' });
      expect((await t.http().delete(`/api/comments/${c.body.id}`).set(as(judgeLo))).status).toBe(
        403,
      );
      expect((await t.http().delete(`/api/comments/${c.body.id}`).set(as(judge))).status).toBe(204);
      expect((await t.http().get(`/api/comments/${c.body.id}`).set(as(judge))).status).toBe(404);
      expect((await t.http().delete(`/api/comments/${c.body.id}`).set(as(judge))).status).toBe(404);
      expect(
        (await t.http().patch(`/api/comments/${c.body.id}`).set(as(judge)).send({ body: 'x' }))
          .status,
      ).toBe(404);
      const list = await t.http().get(`/api/guidelines/${g}/versions/1/comments`).set(as(judge));
      expect(list.body.items).toEqual([]);
      const stored = await t.sql((q) =>
        q.query(`SELECT body, deleted_at FROM comments WHERE id = $1`, [c.body.id]),
      );
      expect(stored.rows[0]).toEqual({ body: 'Delete me', deleted_at: expect.any(Date) });
      for (const url of [`/api/comments/not-a-uuid`, `/api/comments/${UNKNOWN_ID}`]) {
        const expected = url.includes(UNKNOWN_ID) ? 404 : 400;
        expect((await t.http().get(url).set(as(judge))).status).toBe(expected);
        expect((await t.http().delete(url).set(as(judge))).status).toBe(expected);
        expect((await t.http().patch(url).set(as(judge)).send({ body: 'x' })).status).toBe(
          expected,
        );
        expect(
          (await t.http().put(`${url}/disposition`).set(as(secretariat)).send({ status: 'NOTED' }))
            .status,
        ).toBe(expected);
      }
    });
  });

  describe('dispositions', () => {
    it('records, revises and keeps the history of dispositions, and tells the author through the outbox', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, { sectionKey: 'hearing', body: 'Please say "should".' });
      expect(
        (
          await t
            .http()
            .put(`/api/comments/${c.body.id}/disposition`)
            .set(as(judge))
            .send({ status: 'NOTED' })
        ).status,
      ).toBe(403);
      const noResponse = await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'ACCEPTED' });
      expect(noResponse.status).toBe(400);
      expect(noResponse.body.details.map((d: { field: string }) => d.field)).toContain('response');
      const badStatus = await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'MAYBE', response: 'x' });
      expect(badStatus.status).toBe(400);

      const first = await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'PARTIALLY_ACCEPTED', response: 'ປ່ຽນເປັນ "ຄວນ" ໃນບາງກໍລະນີ' });
      expect(first.status).toBe(200);
      expect(first.body.disposition).toEqual({
        status: 'PARTIALLY_ACCEPTED',
        response: 'ປ່ຽນເປັນ "ຄວນ" ໃນບາງກໍລະນີ',
        by: { id: secretariat.id, name: 'Secretariat' },
        at: expect.any(String),
        versionNumber: 1,
      });
      await setStage(g, 'TECHNICAL_WORKING_GROUP');
      await t
        .http()
        .post(`/api/guidelines/${g}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: 'v2', sections: v1Sections });
      const second = await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'ACCEPTED', response: 'Done in v2', expectedStatus: 'PARTIALLY_ACCEPTED' });
      expect(second.status).toBe(200);
      expect(second.body.disposition).toMatchObject({
        status: 'ACCEPTED',
        response: 'Done in v2',
        versionNumber: 2,
      });
      expect(second.body.dispositions).toEqual([
        expect.objectContaining({
          status: 'PARTIALLY_ACCEPTED',
          versionNumber: 1,
          by: { id: secretariat.id, name: 'Secretariat' },
        }),
        expect.objectContaining({ status: 'ACCEPTED', response: 'Done in v2', versionNumber: 2 }),
      ]);
      const stored = await t.sql((q) =>
        q.query(
          `SELECT disposition_status, disposition_response, disposition_by, disposition_version_number FROM comments WHERE id = $1`,
          [c.body.id],
        ),
      );
      expect(stored.rows[0]).toEqual({
        disposition_status: 'ACCEPTED',
        disposition_response: 'Done in v2',
        disposition_by: secretariat.id,
        disposition_version_number: 2,
      });
      const jobs = await t.sql((q) =>
        q.query(
          `SELECT job_id, job_name, payload FROM outbox WHERE job_name = 'comment.disposition-given' AND payload->>'commentId' = $1 ORDER BY id`,
          [c.body.id],
        ),
      );
      expect(jobs.rows).toEqual(
        second.body.dispositions.map((d: { id: string; status: string }) => ({
          job_id: `disposition-${d.id}`,
          job_name: 'comment.disposition-given',
          payload: {
            guidelineId: g,
            commentId: c.body.id,
            dispositionId: d.id,
            authorId: judge.id,
            status: d.status,
          },
        })),
      );
      await expect(t.sql((q) => q.query(`DELETE FROM comment_dispositions`))).rejects.toThrow(
        /immutable/,
      );
      const noted = await t
        .http()
        .put(`/api/comments/${c.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'NOTED', expectedStatus: 'ACCEPTED' });
      expect(noted.status).toBe(200);
      expect(noted.body.disposition).toMatchObject({ status: 'NOTED', response: null });
    });

    it('refuses a blind overwrite (409 with the status as it is), records and tells nothing for the same decision again, and tells the author once per change', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, { sectionKey: 'waiting', body: 'Add a play corner.' });
      const url = `/api/comments/${c.body.id}/disposition`;
      const put = (body: object, user = secretariat) => t.http().put(url).set(as(user)).send(body);
      const history = () =>
        t.sql(
          async (q) =>
            (
              await q.query(
                `SELECT d.status, d.response, (SELECT count(*)::int FROM outbox o
                          WHERE o.job_id = 'disposition-' || d.id) AS told
                   FROM comment_dispositions d WHERE d.comment_id = $1 ORDER BY d.id`,
                [c.body.id],
              )
            ).rows,
        );

      const wrongFirst = await put({ status: 'NOTED', expectedStatus: 'ACCEPTED' });
      expect(wrongFirst.status).toBe(409);
      expect(wrongFirst.body.details).toEqual([
        {
          code: 'DISPOSITION_CHANGED',
          field: 'expectedStatus',
          currentStatus: null,
          message:
            'The decision is now "Awaiting disposition", not "Accepted" as you saw it: read it again before changing it',
        },
      ]);
      const badExpected = await put({ status: 'NOTED', expectedStatus: 'MAYBE' });
      expect(badExpected.status).toBe(400);
      expect(badExpected.body.details[0].field).toBe('expectedStatus');

      const first = await put({ status: 'ACCEPTED', response: 'Yes', expectedStatus: null });
      expect(first.status).toBe(200);
      // Omitted counts as "none seen": an existing decision is not overwritten so.
      for (const blind of [
        { status: 'REJECTED', response: 'No' },
        { status: 'REJECTED', response: 'No', expectedStatus: null },
        { status: 'REJECTED', response: 'No', expectedStatus: 'NOTED' },
      ]) {
        const res = await put(blind);
        expect(res.status).toBe(409);
        expect(res.body.details[0]).toMatchObject({
          code: 'DISPOSITION_CHANGED',
          currentStatus: 'ACCEPTED',
        });
      }
      const lo = await put(
        { status: 'REJECTED', response: 'No' },
        await t.user(Role.SECRETARIAT, { locale: 'lo' }),
      );
      expect(lo.status).toBe(409);
      expect(lo.body.details[0].message).toBe(
        'ການຕັດສິນຕອນນີ້ແມ່ນ "ຮັບເອົາ", ບໍ່ແມ່ນ "ລໍຖ້າການຕັດສິນ" ຕາມທີ່ທ່ານເຫັນ: ກະລຸນາອ່ານຄືນກ່ອນປ່ຽນ',
      );

      // The same decision saved again: answered as it stands, nothing recorded, nobody told.
      const same = await put({ status: 'ACCEPTED', response: 'Yes', expectedStatus: 'ACCEPTED' });
      expect(same.status).toBe(200);
      expect(same.body.disposition).toMatchObject({ status: 'ACCEPTED', response: 'Yes' });
      expect(same.body.dispositions).toHaveLength(1);

      // A deliberate change: recorded and told once; a new response alone is a change too.
      const changed = await put({ status: 'REJECTED', response: 'No', expectedStatus: 'ACCEPTED' });
      expect(changed.status).toBe(200);
      expect(changed.body.disposition).toMatchObject({ status: 'REJECTED', response: 'No' });
      const reworded = await put({
        status: 'REJECTED',
        response: 'No: out of scope',
        expectedStatus: 'REJECTED',
      });
      expect(reworded.status).toBe(200);
      expect(await history()).toEqual([
        { status: 'ACCEPTED', response: 'Yes', told: 1 },
        { status: 'REJECTED', response: 'No', told: 1 },
        { status: 'REJECTED', response: 'No: out of scope', told: 1 },
      ]);
    });

    it('lets one of two decisions made at once from the same view through: the other is 409 (checked under the row lock)', async () => {
      const g = await newGuideline();
      const c = await comment(g, judge, { sectionKey: 'privacy', body: 'Name the judge too.' });
      const url = `/api/comments/${c.body.id}/disposition`;
      const raced = await t.sql(async (q) => {
        // Hold the comment's row so both requests are inside their transactions before either decides.
        await q.query('BEGIN');
        await q.query(`SELECT id FROM comments WHERE id = $1 FOR UPDATE`, [c.body.id]);
        const send = (status: string) =>
          t
            .http()
            .put(url)
            .set(as(secretariat))
            .send({ status, response: status, expectedStatus: null })
            .then((r) => r);
        const a = send('ACCEPTED');
        const b = send('REJECTED');
        for (;;) {
          const waiting = await q.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          if (waiting.rows[0].n >= 2) break;
          await new Promise((r) => setImmediate(r));
        }
        await q.query('COMMIT');
        return [await a, await b];
      });
      expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = raced.find((r) => r.status === 200)!;
      const loser = raced.find((r) => r.status === 409)!;
      expect(loser.body.details[0].currentStatus).toBe(winner.body.disposition.status);
      const stored = await t.sql((q) =>
        q.query(`SELECT count(*)::int AS n FROM comment_dispositions WHERE comment_id = $1`, [
          c.body.id,
        ]),
      );
      expect(stored.rows[0].n).toBe(1);
    });

    it('gives dispositions to live top-level comments only, and not after adoption', async () => {
      const g = await newGuideline();
      const top = await comment(g, judge, { sectionKey: 'privacy', body: 'Top' });
      const reply = await comment(g, judgeLo, { parentId: top.body.id, body: 'Reply' });
      const toReply = await t
        .http()
        .put(`/api/comments/${reply.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'NOTED' });
      expect(toReply.status).toBe(422);
      expect(toReply.body.details[0].code).toBe('NOT_TOP_LEVEL');
      const gone = await comment(g, judge, { sectionKey: 'privacy', body: 'Gone' });
      await t.http().delete(`/api/comments/${gone.body.id}`).set(as(judge));
      const toDeleted = await t
        .http()
        .put(`/api/comments/${gone.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'NOTED' });
      expect(toDeleted.status).toBe(422);
      expect(toDeleted.body.details[0].code).toBe('COMMENT_DELETED');
      await setStage(g, 'ADOPTED');
      const frozen = await t
        .http()
        .put(`/api/comments/${top.body.id}/disposition`)
        .set(as(secretariat))
        .send({ status: 'NOTED' });
      expect(frozen.status).toBe(422);
      expect(frozen.body.details[0].code).toBe('DISPOSITIONS_FROZEN');
    });
  });

  describe('reading and searching', () => {
    let g: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      g = await newGuideline();
      const add = async (name: string, user: TestUser, body: object) => {
        const res = await comment(g, user, body);
        expect(res.status).toBe(201);
        ids[name] = res.body.id;
      };
      await add('hearing', judge, {
        sectionKey: 'hearing',
        body: 'ຄວນໃຊ້ຄຳວ່າ ຄວນ ແທນ ຕ້ອງ',
        quote: 'ຕ້ອງຮັບຟັງ',
      });
      await add('hearing2', judgeLo, { sectionKey: 'hearing', body: 'Keep it', quote: 'ຢ່າງອົດທົນ' });
      await add('privacy', judgeLo, {
        sectionKey: 'privacy',
        body: 'Add 100% of cases_here',
        quote: 'child victims',
      });
      await add('waiting', judge, { sectionKey: 'waiting', body: 'Good rule' });
      await add('old', judge, { sectionKey: 'old', body: 'Drop it', quote: 'A rule' });
      await comment(g, judgeLo, { parentId: ids.hearing, body: 'ເຫັນດີ ກັບ ຄຳເຫັນນີ້' });
      await t
        .http()
        .put(`/api/comments/${ids.waiting}/disposition`)
        .set(as(secretariat))
        .send({ status: 'ACCEPTED', response: 'Kept' });
    });

    it('counts comments per section when reading the version', async () => {
      const v = await t.http().get(`/api/guidelines/${g}/versions/1`).set(as(observer));
      const counts = Object.fromEntries(
        v.body.sections.map(
          (s: { key: string; commentCount: number; openCommentCount: number }) => [
            s.key,
            [s.commentCount, s.openCommentCount],
          ],
        ),
      );
      expect(counts).toEqual({ hearing: [3, 2], privacy: [1, 1], waiting: [1, 0], old: [1, 1] });
    });

    it('lists top-level comments in reading order with filters and cursor pages', async () => {
      const all = await t.http().get(`/api/guidelines/${g}/versions/1/comments`).set(as(observer));
      expect(all.status).toBe(200);
      expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([
        ids.hearing,
        ids.hearing2,
        ids.privacy,
        ids.waiting,
        ids.old,
      ]);
      expect(all.body.items[0]).toMatchObject({ replyCount: 1 });
      expect(all.body.items[0].carryOver).toBeUndefined();
      const pick = async (query: string) =>
        (
          await t.http().get(`/api/guidelines/${g}/versions/1/comments?${query}`).set(as(observer))
        ).body.items.map((c: { id: string }) => c.id);
      expect(await pick('sectionKey=hearing')).toEqual([ids.hearing, ids.hearing2]);
      expect(await pick('status=ACCEPTED')).toEqual([ids.waiting]);
      expect(await pick('status=DISPOSED')).toEqual([ids.waiting]);
      expect(await pick('status=OPEN')).toEqual([ids.hearing, ids.hearing2, ids.privacy, ids.old]);
      expect(await pick(`authorId=${judgeLo.id}`)).toEqual([ids.hearing2, ids.privacy]);
      expect(await pick(`q=${encodeURIComponent('ແທນ')}`)).toEqual([ids.hearing]);
      expect(await pick(`q=${encodeURIComponent('100%')}`)).toEqual([ids.privacy]);
      expect(await pick(`q=${encodeURIComponent('0%')}`)).toEqual([ids.privacy]);
      expect(await pick(`q=${encodeURIComponent('s_h')}`)).toEqual([ids.privacy]);
      expect(await pick(`q=${encodeURIComponent('_')}`)).toEqual([ids.privacy]);

      const seen: string[] = [];
      let next: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; next: string | null } } = await t
          .http()
          .get(`/api/guidelines/${g}/versions/1/comments?limit=2${next ? `&cursor=${next}` : ''}`)
          .set(as(observer));
        seen.push(...page.body.items.map((c) => c.id));
        next = page.body.next;
      } while (next);
      expect(seen).toEqual([ids.hearing, ids.hearing2, ids.privacy, ids.waiting, ids.old]);

      for (const query of [
        'status=NOPE',
        'limit=0',
        'limit=500',
        'authorId=x',
        'cursor=abc',
        `cursor=${Buffer.from('[1,"x","y"]').toString('base64url')}`,
        'q=',
        'sectionKey=a%20b',
      ]) {
        const res = await t
          .http()
          .get(`/api/guidelines/${g}/versions/1/comments?${query}`)
          .set(as(observer));
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      expect(
        (await t.http().get(`/api/guidelines/${g}/versions/9/comments`).set(as(observer))).status,
      ).toBe(404);
      expect(
        (await t.http().get(`/api/guidelines/${UNKNOWN_ID}/versions/1/comments`).set(as(observer)))
          .status,
      ).toBe(404);
    });

    it('tells each comment of an older version what became of its section and quote', async () => {
      await setStage(g, 'TECHNICAL_WORKING_GROUP');
      const v2 = await t
        .http()
        .post(`/api/guidelines/${g}/versions`)
        .set(as(secretariat))
        .send({
          changeSummary: 'v2',
          sections: [
            {
              key: 'waiting',
              heading: 'Waiting rooms',
              body: 'Victims wait apart from the accused.',
            },
            { key: 'hearing', heading: 'ມາດຕາ 1: ການຮັບຟັງ', body: 'ຜູ້ພິພາກສາຄວນຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.' },
            {
              key: 'privacy',
              heading: 'Privacy',
              body: 'Hearings with child victims may be closed to the public.',
            },
          ],
        });
      expect(v2.status).toBe(201);
      const list = await t.http().get(`/api/guidelines/${g}/versions/1/comments`).set(as(observer));
      const carry = Object.fromEntries(
        list.body.items.map((c: { id: string; carryOver: unknown }) => [c.id, c.carryOver]),
      );
      expect(carry).toEqual({
        [ids.hearing]: { latestVersion: 2, sectionStatus: 'changed', quoteStillPresent: false },
        [ids.hearing2]: { latestVersion: 2, sectionStatus: 'changed', quoteStillPresent: true },
        [ids.privacy]: { latestVersion: 2, sectionStatus: 'unchanged', quoteStillPresent: true },
        [ids.waiting]: { latestVersion: 2, sectionStatus: 'moved', quoteStillPresent: null },
        [ids.old]: { latestVersion: 2, sectionStatus: 'removed', quoteStillPresent: null },
      });
      const current = await t
        .http()
        .get(`/api/guidelines/${g}/versions/2/comments`)
        .set(as(observer));
      expect(current.body.items).toEqual([]);
    });

    it('searches sections of every version and comments for a Lao substring', async () => {
      const res = await t
        .http()
        .get(`/api/guidelines/${g}/search?q=${encodeURIComponent('ຮັບຟັງ')}`)
        .set(as(observer));
      expect(res.status).toBe(200);
      const hits = res.body.items.map(
        (h: { type: string; versionNumber: number; sectionKey: string }) => [
          h.type,
          h.versionNumber,
          h.sectionKey,
        ],
      );
      expect(hits).toEqual([
        ['section', 2, 'hearing'],
        ['section', 1, 'hearing'],
      ]);
      const words = await t
        .http()
        .get(`/api/guidelines/${g}/search?q=${encodeURIComponent('ເຫັນດີ')}`)
        .set(as(observer));
      expect(words.body.items).toEqual([
        expect.objectContaining({
          type: 'comment',
          sectionKey: 'hearing',
          parentId: ids.hearing,
          snippet: 'ເຫັນດີ ກັບ ຄຳເຫັນນີ້',
          author: { id: judgeLo.id, name: expect.any(String) },
        }),
      ]);
      const both = await t
        .http()
        .get(`/api/guidelines/${g}/search?q=${encodeURIComponent('ຄວນ')}&limit=1`)
        .set(as(observer));
      expect(both.body.items).toHaveLength(1);
      const rest = await t
        .http()
        .get(
          `/api/guidelines/${g}/search?q=${encodeURIComponent('ຄວນ')}&limit=10&cursor=${both.body.next}`,
        )
        .set(as(observer));
      expect([...both.body.items, ...rest.body.items].map((h: { type: string }) => h.type)).toEqual(
        ['section', 'comment'],
      );
      expect((await t.http().get(`/api/guidelines/${g}/search`).set(as(observer))).status).toBe(
        400,
      );
      expect(
        (await t.http().get(`/api/guidelines/${g}/search?q=x&cursor=bad`).set(as(observer))).status,
      ).toBe(400);
      expect(
        (await t.http().get(`/api/guidelines/${UNKNOWN_ID}/search?q=x`).set(as(observer))).status,
      ).toBe(404);
      expect((await t.http().get(`/api/guidelines/nope/search?q=x`).set(as(observer))).status).toBe(
        400,
      );
    });
  });
});
