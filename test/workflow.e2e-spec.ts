import { Committee, Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * The workflow through HTTP on a real database: the whole road, backward moves, withdrawal, final
 * stages, refusals in both languages, the move panel, a 20-way race and the append-only history.
 *
 * The consultation close-date gate is passed in two ways: on the main road the close date is set
 * in the past with SQL (time passing), and elsewhere an ADMIN override (with a reason) is used.
 * Agencies' answers are written with SQL: the response route belongs to the reviews issue.
 */
describe('workflow: stages, gates, history and concurrency', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let laoSecretariat: TestUser;
  let judge: TestUser;
  let twgJudge: TestUser;
  let observer: TestUser;
  let reviewer: TestUser;

  const LAO = /[\u0E80-\u0EFF]/;
  const DAY = 24 * 3600_000;
  const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
  const localDay = (offsetDays: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Vientiane' }).format(
      new Date(Date.now() + offsetDays * DAY),
    );
  const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('workflow');
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai Secretariat' });
    laoSecretariat = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ສົມພອນ ເລຂາ' });
    judge = await t.user(Role.JUDGE, { locale: 'en' });
    twgJudge = await t.user(Role.JUDGE, {
      committees: [Committee.TWG, Committee.COUNCIL],
      locale: 'en',
    });
    observer = await t.user(Role.OBSERVER);
    reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
  });
  afterAll(() => t.close());

  let codeCounter = 0;
  async function createGuideline(): Promise<string> {
    codeCounter += 1;
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(auth(secretariat))
      .send({
        code: `WF-${codeCounter}`,
        title: { en: `Workflow guideline ${codeCounter}`, lo: `ແນວທາງ ${codeCounter}` },
      });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function publish(id: string, body = 'Victims are heard in a separate room.') {
    const res = await t
      .http()
      .post(`/api/guidelines/${id}/versions`)
      .set(auth(secretariat))
      .send({
        changeSummary: 'Draft for the workflow test',
        sections: [
          { key: 'art-1', heading: 'Article 1', body },
          { key: 'art-2', heading: 'Article 2', body: 'Interpreters are provided.' },
        ],
      });
    expect(res.status).toBe(201);
    return res.body as { number: number; contentHash: string };
  }

  function move(id: string, body: Record<string, unknown>, who: TestUser = secretariat) {
    return t.http().post(`/api/guidelines/${id}/transitions`).set(auth(who)).send(body);
  }

  async function moveOk(id: string, body: Record<string, unknown>, who: TestUser = secretariat) {
    const res = await move(id, body, who);
    if (res.status !== 200)
      throw new Error(`move ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const closeConsultationNow = (id: string) =>
    t.sql((c) =>
      c.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [id],
      ),
    );

  const codes = (body: { details: { code: string }[] }) => body.details.map((d) => d.code);

  const historyCount = (id: string) =>
    t.sql(async (c) =>
      Number(
        (await c.query(`SELECT count(*) FROM stage_transitions WHERE guideline_id = $1`, [id]))
          .rows[0].count,
      ),
    );

  const stageChangedJobs = (id: string) =>
    t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT job_id, queue, payload FROM outbox
              WHERE job_name = 'guideline.stage-changed' AND payload->>'guidelineId' = $1 ORDER BY id`,
            [id],
          )
        ).rows as { job_id: string; queue: string; payload: Record<string, unknown> }[],
    );

  const reviewRequests = (id: string) =>
    t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT r.id, a.code, r.status, r.due_date::text AS due_date, r.transition_id::text AS transition_id,
                    r.version_number, r.withdrawn_reason
               FROM review_requests r JOIN agencies a ON a.id = r.agency_id
              WHERE r.guideline_id = $1 ORDER BY a.code`,
            [id],
          )
        ).rows,
    );

  const answerReviews = (id: string, decisions: Record<string, string>) =>
    t.sql(async (c) => {
      for (const [code, decision] of Object.entries(decisions)) {
        await c.query(
          `UPDATE review_requests r SET status = 'ANSWERED', decision = $3, answered_at = now(),
                  signatory_name = 'Signatory', signatory_title = 'Director'
             FROM agencies a
            WHERE a.id = r.agency_id AND r.guideline_id = $1 AND a.code = $2 AND r.status = 'PENDING'`,
          [id, code, decision],
        );
      }
    });

  /** Drives a new guideline to COUNCIL_OF_JUDGES by the ordinary road. */
  async function guidelineInCouncil(): Promise<string> {
    const id = await createGuideline();
    await publish(id);
    await moveOk(id, { to: 'CONSULTATION', consultationClosesAt: inDays(10) });
    await closeConsultationNow(id);
    await moveOk(id, { to: 'TECHNICAL_WORKING_GROUP' });
    await moveOk(id, { to: 'COUNCIL_OF_JUDGES' });
    return id;
  }

  describe('the whole road, DRAFTING to ADOPTED', () => {
    let id: string;
    let version: { number: number; contentHash: string };
    let revised: { number: number; contentHash: string };
    const commentIds: string[] = [];

    it('starts in DRAFTING, and refuses CONSULTATION with every unmet gate at once, in English and in Lao', async () => {
      id = await createGuideline();
      const g = await t.http().get(`/api/guidelines/${id}`).set(auth(observer));
      expect(g.body).toMatchObject({ stage: 'DRAFTING', currentVersion: null, openReviewCount: 0 });

      const en = await move(id, { to: 'CONSULTATION' });
      expect(en.status).toBe(422);
      expect(en.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(en.body.details).toEqual([
        { code: 'NO_PUBLISHED_VERSION', message: 'No draft version has been published yet' },
        {
          code: 'CONSULTATION_CLOSE_DATE_REQUIRED',
          message: 'Give the date the consultation closes (consultationClosesAt)',
        },
      ]);
      expect(en.body.message).toMatch(/2 gates are unmet/);

      const lo = await move(id, { to: 'CONSULTATION' }, laoSecretariat);
      expect(lo.status).toBe(422);
      expect(codes(lo.body)).toEqual(['NO_PUBLISHED_VERSION', 'CONSULTATION_CLOSE_DATE_REQUIRED']);
      for (const d of lo.body.details) expect(d.message).toMatch(LAO);
      expect(lo.body.message).toMatch(LAO);

      // The header wins over the stored locale, both ways.
      const asked = await move(id, { to: 'CONSULTATION' }).set('Accept-Language', 'lo');
      expect(asked.body.details[0].message).toBe(lo.body.details[0].message);
      const english = await move(id, { to: 'CONSULTATION' }, laoSecretariat).set(
        'Accept-Language',
        'en',
      );
      expect(english.body.details).toEqual(en.body.details);

      // A past close date is its own unmet gate.
      await publish(id);
      const past = await move(id, { to: 'CONSULTATION', consultationClosesAt: inDays(-1) });
      expect(past.status).toBe(422);
      expect(codes(past.body)).toEqual(['CONSULTATION_CLOSE_DATE_NOT_FUTURE']);
      expect(await historyCount(id)).toBe(1);
    });

    it('moves to CONSULTATION with a close date; only judges comment there', async () => {
      version = await publish(id, 'Victims are heard in a separate room, with a support person.');
      expect(version.number).toBe(2);
      const closesAt = inDays(7);
      const res = await moveOk(id, {
        to: 'CONSULTATION',
        expectedStage: 'DRAFTING',
        consultationClosesAt: closesAt,
      });
      expect(res).toMatchObject({
        stage: 'CONSULTATION',
        transition: {
          from: 'DRAFTING',
          to: 'CONSULTATION',
          actor: { id: secretariat.id, name: 'Somchai Secretariat' },
          versionNumber: 2,
          reason: null,
          override: false,
          overriddenGates: [],
        },
        reviewRequestIds: [],
        withdrawnReviewRequestIds: [],
      });
      const g = await t.http().get(`/api/guidelines/${id}`).set(auth(observer));
      expect(g.body).toMatchObject({ stage: 'CONSULTATION', currentVersion: 2 });
      expect(new Date(g.body.consultationClosesAt).getTime()).toBe(new Date(closesAt).getTime());

      for (const [who, sectionKey] of [
        [judge, 'art-1'],
        [twgJudge, 'art-2'],
      ] as const) {
        const c = await t
          .http()
          .post(`/api/guidelines/${id}/versions/2/comments`)
          .set(auth(who))
          .send({ sectionKey, body: 'Please name the support person.' });
        expect(c.status).toBe(201);
        commentIds.push(c.body.id);
      }
      const reply = await t
        .http()
        .post(`/api/guidelines/${id}/versions/2/comments`)
        .set(auth(twgJudge))
        .send({ sectionKey: 'art-1', body: 'Agreed.', parentId: commentIds[0] });
      expect(reply.status).toBe(201);
    });

    it('keeps the consultation open until its close date (the secretariat waits; SQL moves the clock)', async () => {
      const early = await move(id, { to: 'TECHNICAL_WORKING_GROUP' });
      expect(early.status).toBe(422);
      expect(codes(early.body)).toEqual(['CONSULTATION_STILL_OPEN']);
      await closeConsultationNow(id);
      const res = await moveOk(id, {
        to: 'TECHNICAL_WORKING_GROUP',
        expectedStage: 'CONSULTATION',
      });
      expect(res.stage).toBe('TECHNICAL_WORKING_GROUP');
    });

    it('refuses the Council of Judges while top-level comments lack a disposition, saying how many', async () => {
      const refused = await move(id, { to: 'COUNCIL_OF_JUDGES' });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([
        {
          code: 'COMMENTS_WITHOUT_DISPOSITION',
          message: '2 comments still have no disposition from the secretariat',
        },
      ]);
      const put = await t
        .http()
        .put(`/api/comments/${commentIds[0]}/disposition`)
        .set(auth(secretariat))
        .send({ status: 'ACCEPTED', response: 'Added to article 1.' });
      expect(put.status).toBe(200);
      const lo = await move(id, { to: 'COUNCIL_OF_JUDGES' }, laoSecretariat);
      expect(lo.status).toBe(422);
      expect(lo.body.details[0].code).toBe('COMMENTS_WITHOUT_DISPOSITION');
      expect(lo.body.details[0].message).toContain('1');
      expect(lo.body.details[0].message).toMatch(LAO);

      await t
        .http()
        .put(`/api/comments/${commentIds[1]}/disposition`)
        .set(auth(secretariat))
        .send({ status: 'NOTED', response: 'Thank you.' })
        .expect(200);
      const res = await moveOk(id, { to: 'COUNCIL_OF_JUDGES' });
      expect(res.stage).toBe('COUNCIL_OF_JUDGES');
    });

    it('opens one review request per default agency on entering INTERAGENCY_REVIEW, after refusing bad inputs', async () => {
      const bad = await move(id, {
        to: 'INTERAGENCY_REVIEW',
        agencies: ['MOJ', 'NOPE'],
        reviewDueAt: localDay(0),
      });
      expect(bad.status).toBe(422);
      expect(codes(bad.body)).toEqual(['UNKNOWN_AGENCY', 'REVIEW_DUE_DATE_NOT_FUTURE']);
      expect(bad.body.details[0].message).toContain('NOPE');
      const noDate = await move(id, { to: 'INTERAGENCY_REVIEW' });
      expect(codes(noDate.body)).toEqual(['REVIEW_DUE_DATE_REQUIRED']);

      const due = localDay(21);
      const res = await moveOk(id, { to: 'INTERAGENCY_REVIEW', reviewDueAt: due });
      expect(res.reviewRequestIds).toHaveLength(4);
      const requests = await reviewRequests(id);
      expect(requests.map((r) => r.code)).toEqual(['MOFA', 'MOJ', 'MPS', 'OSPP']);
      for (const r of requests) {
        expect(r).toMatchObject({
          status: 'PENDING',
          due_date: due,
          transition_id: res.transition.id,
          version_number: 2,
        });
      }
      expect(new Set(requests.map((r) => r.id))).toEqual(new Set(res.reviewRequestIds));
      const g = await t.http().get(`/api/guidelines/${id}`).set(auth(observer));
      expect(g.body).toMatchObject({ stage: 'INTERAGENCY_REVIEW', openReviewCount: 4 });
    });

    it('adopts only when every request of the latest round is answered and none objects', async () => {
      await answerReviews(id, { MOFA: 'APPROVE', MOJ: 'OBJECT' });
      const refused = await move(id, { to: 'ADOPTED' });
      expect(refused.status).toBe(422);
      expect(codes(refused.body)).toEqual(['REVIEWS_UNANSWERED', 'REVIEW_OBJECTION']);
      expect(refused.body.details[0].message).toBe(
        '2 review requests have no answer yet: MPS, OSPP',
      );
      expect(refused.body.details[1].message).toContain('MOJ');

      // Objections need a revision: back to the working group, a new version, a new round.
      const back = await moveOk(id, {
        to: 'TECHNICAL_WORKING_GROUP',
        reason: 'MOJ objects to article 1',
      });
      expect(back.withdrawnReviewRequestIds).toHaveLength(2);
      revised = await publish(id, 'Victims are heard in a separate room; MOJ wording adopted.');
      expect(revised.number).toBe(3);
      await moveOk(id, { to: 'COUNCIL_OF_JUDGES' });
      const round2 = await moveOk(id, { to: 'INTERAGENCY_REVIEW', reviewDueAt: localDay(10) });
      expect(round2.reviewRequestIds).toHaveLength(4);
      expect((await reviewRequests(id)).filter((r) => r.status === 'PENDING')).toHaveLength(4);

      // The old round's objection no longer counts: only the latest round is read.
      await answerReviews(id, { MOFA: 'APPROVE', MOJ: 'APPROVE_WITH_COMMENTS', MPS: 'APPROVE' });
      const waiting = await move(id, { to: 'ADOPTED' });
      expect(waiting.body.details).toEqual([
        { code: 'REVIEWS_UNANSWERED', message: '1 review request has no answer yet: OSPP' },
      ]);
      await answerReviews(id, { OSPP: 'APPROVE' });
      const res = await moveOk(id, { to: 'ADOPTED', expectedStage: 'INTERAGENCY_REVIEW' });
      expect(res).toMatchObject({ stage: 'ADOPTED', withdrawnReviewRequestIds: [] });
      const g = await t.http().get(`/api/guidelines/${id}`).set(auth(observer));
      expect(g.body).toMatchObject({
        stage: 'ADOPTED',
        currentVersion: 3,
        openReviewCount: 0,
        adopted: { versionNumber: 3, contentHash: revised.contentHash },
      });
      expect(g.body.adopted.contentHash).not.toBe(version.contentHash);
      expect(new Date(g.body.adopted.at).getTime()).toBe(new Date(res.transition.at).getTime());
    });

    it('freezes the adopted guideline: no new version, no comment, no move', async () => {
      const v = await t
        .http()
        .post(`/api/guidelines/${id}/versions`)
        .set(auth(secretariat))
        .send({ changeSummary: 'late', sections: [{ key: 'a', heading: 'A', body: 'B' }] });
      expect(v.status).toBe(422);
      expect(codes(v.body)).toEqual(['GUIDELINE_FROZEN']);
      const c = await t
        .http()
        .post(`/api/guidelines/${id}/versions/3/comments`)
        .set(auth(judge))
        .send({ sectionKey: 'art-1', body: 'Too late?' });
      expect(c.status).toBe(422);
      expect(codes(c.body)).toEqual(['COMMENTS_CLOSED']);

      const final = await move(
        id,
        { to: 'WITHDRAWN', reason: 'no', expectedStage: 'ADOPTED' },
        t.admin,
      );
      expect(final.status).toBe(422);
      expect(codes(final.body)).toEqual(['STAGE_FINAL']);
      const raced = await move(id, { to: 'TECHNICAL_WORKING_GROUP', reason: 'late objection' });
      expect(raced.status).toBe(409);
      expect(codes(raced.body)).toEqual(['ANOTHER_MOVE_WON']);
      const available = await t
        .http()
        .get(`/api/guidelines/${id}/transitions/available`)
        .set(auth(secretariat));
      expect(available.body).toEqual({ stage: 'ADOPTED', items: [] });
    });

    it('lists the history oldest first, page by page, with actors, versions and reasons', async () => {
      const all = await t.http().get(`/api/guidelines/${id}/transitions`).set(auth(observer));
      expect(all.status).toBe(200);
      expect(all.body.next).toBeNull();
      const summary = all.body.items.map(
        (i: {
          from: string | null;
          to: string;
          versionNumber: number | null;
          reason: string | null;
        }) => [`${i.from}->${i.to}`, i.versionNumber, i.reason],
      );
      expect(summary).toEqual([
        ['null->DRAFTING', null, 'created'],
        ['DRAFTING->CONSULTATION', 2, null],
        ['CONSULTATION->TECHNICAL_WORKING_GROUP', 2, null],
        ['TECHNICAL_WORKING_GROUP->COUNCIL_OF_JUDGES', 2, null],
        ['COUNCIL_OF_JUDGES->INTERAGENCY_REVIEW', 2, null],
        ['INTERAGENCY_REVIEW->TECHNICAL_WORKING_GROUP', 2, 'MOJ objects to article 1'],
        ['TECHNICAL_WORKING_GROUP->COUNCIL_OF_JUDGES', 3, null],
        ['COUNCIL_OF_JUDGES->INTERAGENCY_REVIEW', 3, null],
        ['INTERAGENCY_REVIEW->ADOPTED', 3, null],
      ]);
      for (const item of all.body.items.slice(1)) {
        expect(item).toMatchObject({
          actor: { id: secretariat.id, name: 'Somchai Secretariat' },
          override: false,
        });
        expect(new Date(item.at).toISOString()).toBe(item.at);
      }

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; next: string | null } } =
          await t
            .http()
            .get(`/api/guidelines/${id}/transitions`)
            .query(cursor ? { limit: 4, cursor } : { limit: 4 })
            .set(auth(reviewer));
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items.map((i) => i.id));
        cursor = page.body.next;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));

      const jobs = await stageChangedJobs(id);
      expect(jobs).toHaveLength(8);
      const moves = all.body.items.slice(1);
      jobs.forEach((job, i) => {
        expect(job.job_id).toBe(`stage-${moves[i].id}`);
        expect(job.queue).toBe('domain-events');
        expect(job.payload).toMatchObject({
          guidelineId: id,
          transitionId: moves[i].id,
          from: moves[i].from,
          to: moves[i].to,
          actorId: secretariat.id,
          versionNumber: moves[i].versionNumber,
        });
      });
      expect(jobs.map((j) => (j.payload.reviewRequestIds as string[]).length)).toEqual([
        0, 0, 0, 4, 0, 0, 4, 0,
      ]);
      expect(jobs.map((j) => (j.payload.withdrawnReviewRequestIds as string[]).length)).toEqual([
        0, 0, 0, 0, 2, 0, 0, 0,
      ]);

      const adopted = await t
        .http()
        .get('/api/guidelines')
        .query({ stage: 'ADOPTED' })
        .set(auth(observer));
      expect(adopted.body.items.map((g: { id: string }) => g.id)).toEqual([id]);
    });
  });

  describe('backward moves, overrides and withdrawal', () => {
    let id: string;

    it('CONSULTATION -> DRAFTING needs a reason', async () => {
      id = await createGuideline();
      await publish(id);
      await moveOk(id, { to: 'CONSULTATION', consultationClosesAt: localDay(5) });
      const without = await move(id, { to: 'DRAFTING', reason: '   ' });
      expect(without.status).toBe(422);
      expect(without.body.details).toEqual([
        { code: 'REASON_REQUIRED', message: 'This move needs a written reason (reason)' },
      ]);
      const res = await moveOk(id, { to: 'DRAFTING', reason: 'Article 2 must be redrafted first' });
      expect(res.transition).toMatchObject({
        from: 'CONSULTATION',
        reason: 'Article 2 must be redrafted first',
      });
    });

    it('a day given as the close date keeps the consultation open through that local day', async () => {
      const day = localDay(3);
      await moveOk(id, { to: 'CONSULTATION', consultationClosesAt: day });
      const g = await t.http().get(`/api/guidelines/${id}`).set(auth(observer));
      // Midnight at the start of the next day in Vientiane (UTC+7) is 17:00 UTC of the day given.
      expect(g.body.consultationClosesAt).toBe(`${day}T17:00:00.000Z`);
    });

    it('CONSULTATION -> TWG before the close date: refused to the secretariat, overridden by an ADMIN with a reason', async () => {
      const admin = t.admin;
      const plain = await move(id, { to: 'TECHNICAL_WORKING_GROUP' }, admin);
      expect(plain.status).toBe(403);
      expect(codes(plain.body)).toEqual(['OVERRIDE_REQUIRED']);
      const bySecretariat = await move(id, {
        to: 'TECHNICAL_WORKING_GROUP',
        override: true,
        reason: 'x',
      });
      expect(bySecretariat.status).toBe(403);
      expect(codes(bySecretariat.body)).toEqual(['OVERRIDE_ADMIN_ONLY']);
      const noReason = await move(id, { to: 'TECHNICAL_WORKING_GROUP', override: true }, admin);
      expect(noReason.status).toBe(422);
      expect(codes(noReason.body)).toEqual(['REASON_REQUIRED']);

      const res = await moveOk(
        id,
        {
          to: 'TECHNICAL_WORKING_GROUP',
          override: true,
          reason: 'Workshop held early; all judges answered',
        },
        admin,
      );
      expect(res.transition).toMatchObject({
        from: 'CONSULTATION',
        to: 'TECHNICAL_WORKING_GROUP',
        override: true,
        overriddenGates: ['consultationClosed'],
        reason: 'Workshop held early; all judges answered',
      });
      const [row] = await t.sql(
        async (c) =>
          (
            await c.query(`SELECT override, details FROM stage_transitions WHERE id = $1`, [
              res.transition.id,
            ])
          ).rows,
      );
      expect(row.override).toBe(true);
      expect(row.details.overridden).toEqual([
        {
          gate: 'consultationClosed',
          reasons: [
            expect.objectContaining({
              code: 'CONSULTATION_STILL_OPEN',
              lo: expect.stringMatching(LAO),
            }),
          ],
        },
      ]);
    });

    it('TWG -> CONSULTATION (another round) needs a reason and a new future close date', async () => {
      const refused = await move(id, { to: 'CONSULTATION' });
      expect(refused.status).toBe(422);
      expect(codes(refused.body)).toEqual(['REASON_REQUIRED', 'CONSULTATION_CLOSE_DATE_REQUIRED']);
      await moveOk(id, {
        to: 'CONSULTATION',
        reason: 'A second workshop in Luang Prabang',
        consultationClosesAt: inDays(2),
      });
      await closeConsultationNow(id);
      await moveOk(id, { to: 'TECHNICAL_WORKING_GROUP' });
      await moveOk(id, { to: 'COUNCIL_OF_JUDGES' });
    });

    it('COUNCIL -> TWG needs a reason', async () => {
      const refused = await move(id, { to: 'TECHNICAL_WORKING_GROUP' });
      expect(codes(refused.body)).toEqual(['REASON_REQUIRED']);
      await moveOk(id, {
        to: 'TECHNICAL_WORKING_GROUP',
        reason: 'Returned for revision by the Council',
      });
      await moveOk(id, { to: 'COUNCIL_OF_JUDGES' });
    });

    it('INTERAGENCY_REVIEW -> TWG needs a reason and withdraws the open requests', async () => {
      const opened = await moveOk(id, {
        to: 'INTERAGENCY_REVIEW',
        agencies: ['moj', 'MOFA', 'MOJ'],
        reviewDueAt: `${localDay(30)}T10:00:00+07:00`,
      });
      expect(opened.reviewRequestIds).toHaveLength(2);
      await answerReviews(id, { MOFA: 'OBJECT' });

      const refused = await move(id, { to: 'TECHNICAL_WORKING_GROUP' });
      expect(codes(refused.body)).toEqual(['REASON_REQUIRED']);
      const res = await moveOk(id, {
        to: 'TECHNICAL_WORKING_GROUP',
        reason: 'MOFA objects to article 2',
      });
      const requests = await reviewRequests(id);
      expect(requests.map((r) => [r.code, r.status, r.due_date])).toEqual([
        ['MOFA', 'ANSWERED', localDay(30)],
        ['MOJ', 'WITHDRAWN', localDay(30)],
      ]);
      expect(requests[1].withdrawn_reason).toBe('MOFA objects to article 2');
      expect(res.withdrawnReviewRequestIds).toEqual([requests[1].id]);
      const jobs = await stageChangedJobs(id);
      expect(jobs[jobs.length - 1].payload).toMatchObject({
        from: 'INTERAGENCY_REVIEW',
        to: 'TECHNICAL_WORKING_GROUP',
        withdrawnReviewRequestIds: [requests[1].id],
        reviewRequestIds: [],
      });
    });

    it('WITHDRAWN needs a reason, may be made by an ADMIN, and is final', async () => {
      const refused = await move(id, { to: 'WITHDRAWN' }, t.admin);
      expect(refused.status).toBe(422);
      expect(codes(refused.body)).toEqual(['REASON_REQUIRED']);
      const res = await moveOk(id, { to: 'WITHDRAWN', reason: 'Superseded by a new law' }, t.admin);
      expect(res.transition).toMatchObject({ actor: { id: t.admin.id }, override: false });

      const again = await move(id, { to: 'WITHDRAWN', reason: 'again' });
      expect(again.status).toBe(409);
      const back = await move(id, { to: 'DRAFTING', reason: 'revive', expectedStage: 'WITHDRAWN' });
      expect(back.status).toBe(422);
      expect(codes(back.body)).toEqual(['STAGE_FINAL']);
      const history = await t
        .http()
        .get(`/api/guidelines/${id}/transitions`)
        .set(auth(secretariat));
      expect(history.body.items.map((i: { to: string }) => i.to)).toEqual([
        'DRAFTING',
        'CONSULTATION',
        'DRAFTING',
        'CONSULTATION',
        'TECHNICAL_WORKING_GROUP',
        'CONSULTATION',
        'TECHNICAL_WORKING_GROUP',
        'COUNCIL_OF_JUDGES',
        'TECHNICAL_WORKING_GROUP',
        'COUNCIL_OF_JUDGES',
        'INTERAGENCY_REVIEW',
        'TECHNICAL_WORKING_GROUP',
        'WITHDRAWN',
      ]);
    });

    it('an ADMIN adopts over an objection with a reason; the override and the gates it set aside are recorded', async () => {
      const other = await guidelineInCouncil();
      await moveOk(other, {
        to: 'INTERAGENCY_REVIEW',
        reviewDueAt: localDay(10),
        agencies: ['MOJ', 'MPS'],
      });
      await answerReviews(other, { MOJ: 'OBJECT' });
      const res = await moveOk(
        other,
        { to: 'ADOPTED', override: true, reason: 'The President of the Court decided' },
        t.admin,
      );
      expect(res.transition).toMatchObject({
        override: true,
        overriddenGates: ['everyReviewAnswered', 'noReviewObjects'],
      });
      // Nobody waits for the request left unanswered any more.
      expect(res.withdrawnReviewRequestIds).toHaveLength(1);
      expect((await reviewRequests(other)).map((r) => [r.code, r.status])).toEqual([
        ['MOJ', 'ANSWERED'],
        ['MPS', 'WITHDRAWN'],
      ]);
    });
  });

  describe('refusals', () => {
    let id: string;
    beforeAll(async () => {
      id = await createGuideline();
    });

    it('403 for roles that never move', async () => {
      for (const who of [judge, twgJudge, observer, reviewer]) {
        const res = await move(id, { to: 'WITHDRAWN', reason: 'x' }, who);
        expect(res.status).toBe(403);
      }
    });

    it('403 for an ADMIN making an ordinary forward move', async () => {
      await publish(id);
      const res = await move(id, { to: 'CONSULTATION', consultationClosesAt: inDays(3) }, t.admin);
      expect(res.status).toBe(403);
      expect(codes(res.body)).toEqual(['ROLE_MAY_NOT_MOVE']);
    });

    it('422 for an override on a move whose gates cannot be overridden', async () => {
      const res = await move(id, { to: 'WITHDRAWN', override: true, reason: 'x' }, t.admin);
      expect(res.status).toBe(422);
      expect(codes(res.body)).toEqual(['OVERRIDE_NOT_AVAILABLE']);
    });

    it('422 for a move the table does not have, naming the reachable stages', async () => {
      const res = await move(id, { to: 'COUNCIL_OF_JUDGES' });
      expect(res.status).toBe(422);
      expect(codes(res.body)).toEqual(['MOVE_NOT_ALLOWED']);
      expect(res.body.details[0].message).toContain('consultation, withdrawn');
    });

    it('409 when expectedStage is stale, in the caller language', async () => {
      const res = await move(
        id,
        { to: 'TECHNICAL_WORKING_GROUP', expectedStage: 'CONSULTATION' },
        laoSecretariat,
      );
      expect(res.status).toBe(409);
      expect(codes(res.body)).toEqual(['STAGE_CHANGED']);
      expect(res.body.message).toMatch(LAO);
    });

    it('400 for malformed input, naming each field, and nothing written', async () => {
      const before = await historyCount(id);
      const res = await move(id, {
        to: 'KING',
        expectedStage: 'NOWHERE',
        reason: 42,
        consultationClosesAt: '2026-02-30',
        reviewDueAt: 'next week',
        agencies: ['not a code'],
        override: 'yes',
        extra: 1,
      });
      expect(res.status).toBe(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(
        [
          'agencies',
          'consultationClosesAt',
          'expectedStage',
          'extra',
          'override',
          'reason',
          'reviewDueAt',
          'to',
        ].sort(),
      );
      const misplaced = await move(id, {
        to: 'CONSULTATION',
        consultationClosesAt: inDays(3),
        agencies: ['MOJ'],
      });
      expect(misplaced.status).toBe(400);
      expect(misplaced.body.details).toEqual([
        { field: 'agencies', message: 'agencies is sent only with a move to INTERAGENCY_REVIEW' },
      ]);
      const timestampWithoutOffset = await move(id, {
        to: 'CONSULTATION',
        consultationClosesAt: '2030-01-01T10:00:00',
      });
      expect(timestampWithoutOffset.status).toBe(400);
      expect(await historyCount(id)).toBe(before);
    });

    it('404 for an unknown guideline, 400 for an id that is not a UUID', async () => {
      const unknown = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';
      expect((await move(unknown, { to: 'CONSULTATION' })).status).toBe(404);
      expect(
        (await t.http().get(`/api/guidelines/${unknown}/transitions`).set(auth(observer))).status,
      ).toBe(404);
      expect(
        (await t.http().get(`/api/guidelines/${unknown}/transitions/available`).set(auth(observer)))
          .status,
      ).toBe(404);
      expect((await move('nope', { to: 'CONSULTATION' })).status).toBe(400);
      expect(
        (await t.http().get(`/api/guidelines/${id}/transitions?cursor=zzz`).set(auth(observer)))
          .status,
      ).toBe(400);
    });
  });

  describe('what is possible now', () => {
    it('shows each caller the moves from CONSULTATION with the unmet gates in their language', async () => {
      const id = await createGuideline();
      await publish(id);
      await moveOk(id, { to: 'CONSULTATION', consultationClosesAt: inDays(4) });
      const url = `/api/guidelines/${id}/transitions/available`;

      const sec = await t.http().get(url).set(auth(secretariat));
      expect(sec.status).toBe(200);
      expect(sec.body.stage).toBe('CONSULTATION');
      expect(sec.body.items).toEqual([
        {
          to: 'TECHNICAL_WORKING_GROUP',
          kind: 'FORWARD',
          allowedForYou: true,
          asOverride: false,
          needsReason: false,
          overridable: true,
          inputs: [],
          unmetGates: [
            {
              code: 'CONSULTATION_STILL_OPEN',
              message: expect.stringMatching(/^The consultation is open until/),
              overridable: true,
            },
          ],
        },
        {
          to: 'DRAFTING',
          kind: 'BACKWARD',
          allowedForYou: true,
          asOverride: false,
          needsReason: true,
          overridable: false,
          inputs: ['reason'],
          unmetGates: [],
        },
        {
          to: 'WITHDRAWN',
          kind: 'WITHDRAW',
          allowedForYou: true,
          asOverride: false,
          needsReason: true,
          overridable: false,
          inputs: ['reason'],
          unmetGates: [],
        },
      ]);

      const lo = await t.http().get(url).set(auth(laoSecretariat));
      expect(lo.body.items[0].unmetGates[0].message).toMatch(LAO);

      const admin = await t.http().get(url).set(auth(t.admin));
      expect(
        admin.body.items.map((m: { to: string; allowedForYou: boolean; asOverride: boolean }) => [
          m.to,
          m.allowedForYou,
          m.asOverride,
        ]),
      ).toEqual([
        ['TECHNICAL_WORKING_GROUP', true, true],
        ['DRAFTING', false, false],
        ['WITHDRAWN', true, false],
      ]);
      expect(admin.body.items[0]).toMatchObject({ needsReason: true, inputs: ['reason'] });

      // Judges never move: the move list, whose gates speak of agencies' answers, is not theirs.
      expect((await t.http().get(url).set(auth(twgJudge))).status).toBe(403);
    });
  });

  describe('concurrency', () => {
    it('20 identical moves COUNCIL -> INTERAGENCY_REVIEW at once: one 200, nineteen 409, one history row, requests opened once', async () => {
      const id = await guidelineInCouncil();
      const historyBefore = await historyCount(id);
      const jobsBefore = (await stageChangedJobs(id)).length;
      const body = { to: 'INTERAGENCY_REVIEW', reviewDueAt: localDay(14) };
      const results = await Promise.all(Array.from({ length: 20 }, () => move(id, body)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.status === 409)) {
        expect(codes(r.body)).toEqual(['ANOTHER_MOVE_WON']);
      }
      expect(await historyCount(id)).toBe(historyBefore + 1);
      expect(await reviewRequests(id)).toHaveLength(4);
      expect((await stageChangedJobs(id)).length).toBe(jobsBefore + 1);
    });

    it('20 identical withdrawals stating the expected stage: one 200, nineteen 409 STAGE_CHANGED', async () => {
      const id = await createGuideline();
      const historyBefore = await historyCount(id);
      const body = { to: 'WITHDRAWN', expectedStage: 'DRAFTING', reason: 'Duplicate of WF-1' };
      const results = await Promise.all(Array.from({ length: 20 }, () => move(id, body)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const lost = results.filter((r) => r.status === 409);
      expect(lost).toHaveLength(19);
      for (const r of lost) expect(codes(r.body)).toEqual(['STAGE_CHANGED']);
      expect(await historyCount(id)).toBe(historyBefore + 1);
    });
  });

  describe('the history is append-only in the database itself', () => {
    it('refuses UPDATE, DELETE and TRUNCATE on stage_transitions', async () => {
      const id = await createGuideline();
      const attempt = (sql: string) =>
        t.sql(async (c) => {
          try {
            await c.query(sql, sql.includes('$1') ? [id] : []);
            return null;
          } catch (error) {
            return error as { code: string; message: string };
          }
        });
      const update = await attempt(
        `UPDATE stage_transitions SET reason = 'rewritten' WHERE guideline_id = $1`,
      );
      expect(update).toMatchObject({
        code: '55000',
        message: expect.stringMatching(/immutable: UPDATE refused/),
      });
      const del = await attempt(`DELETE FROM stage_transitions WHERE guideline_id = $1`);
      expect(del).toMatchObject({
        code: '55000',
        message: expect.stringMatching(/immutable: DELETE refused/),
      });
      const truncate = await attempt(`TRUNCATE stage_transitions CASCADE`);
      expect(truncate).toMatchObject({ code: '55000' });
      const rows = await t.sql(
        async (c) =>
          (await c.query(`SELECT reason FROM stage_transitions WHERE guideline_id = $1`, [id]))
            .rows,
      );
      expect(rows).toEqual([{ reason: 'created' }]);
    });
  });
});
