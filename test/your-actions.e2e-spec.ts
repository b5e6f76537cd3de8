import { Committee, Role } from '../src/court/roles';
import { guidelineAtCouncil, move } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

/**
 * The answers say what the caller may do (`yourActions`), from the server's own rules, and the
 * server then accepts exactly that: the screens hold no copy of a rule.
 */
describe('what the caller may do, in the answers', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let twgJudge: TestUser;
  let observer: TestUser;
  let mojReviewer: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('your_actions', { APP_TIMEZONE: 'Asia/Bangkok' });
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    twgJudge = await t.user(Role.JUDGE, { committees: [Committee.TWG] });
    observer = await t.user(Role.OBSERVER);
    mojReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
  });
  afterAll(() => t?.close());

  const guideline = (id: string, u: TestUser) => t.http().get(`/api/guidelines/${id}`).set(as(u));
  const newGuideline = async () => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: `YA-${Date.now().toString(36)}`, title: { en: 'G', lo: 'ຂ' } });
    const v = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'v1',
        sections: [{ key: 'art-1', heading: 'Article 1', body: 'Victims are heard apart.' }],
      });
    expect(v.status).toBe(201);
    return g.body.id as string;
  };

  it('tells the court’s time zone with the caller', async () => {
    const me = await t.http().get('/api/me').set(as(judge));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: judge.id, timeZone: 'Asia/Bangkok' });
  });

  it('offers each role what the rules give it in consultation, counts open comments, and the server accepts exactly that', async () => {
    const id = await newGuideline();
    await move(t, secretariat, id, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const actions = async (u: TestUser) => (await guideline(id, u)).body.yourActions;
    expect(await actions(judge)).toEqual({
      comment: true,
      reply: true,
      commentOnBehalf: false,
      publishVersion: false,
      move: false,
      decideComments: false,
      recordEvent: false,
      readDraft: false,
      editDraft: false,
    });
    expect(await actions(observer)).toMatchObject({
      comment: false,
      reply: false,
      move: false,
      readDraft: true,
      editDraft: false,
    });
    // The working draft opens to exactly those offered it.
    for (const u of [judge, observer, secretariat, t.admin]) {
      const offered = (await actions(u)).readDraft as boolean;
      const draft = await t.http().get(`/api/guidelines/${id}/draft`).set(as(u));
      expect([u.role, draft.status]).toEqual([u.role, offered ? 200 : 403]);
    }
    expect(await actions(secretariat)).toMatchObject({
      comment: false,
      commentOnBehalf: true,
      publishVersion: false,
      move: true,
      decideComments: true,
      recordEvent: true,
    });
    expect(await actions(t.admin)).toMatchObject({ move: true, decideComments: false });

    const top = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(judge))
      .send({ sectionKey: 'art-1', body: 'Say where.' });
    expect(top.status).toBe(201);
    expect(top.body.yourActions).toEqual({ reply: true, edit: true, delete: true, decide: false });
    const refused = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(observer))
      .send({ sectionKey: 'art-1', body: 'Me too.' });
    expect(refused.status).toBe(403);
    expect((await guideline(id, secretariat)).body.openCommentCount).toBe(1);
    const list = await t.http().get(`/api/guidelines?limit=200`).set(as(judge));
    expect(list.body.items.find((g: { id: string }) => g.id === id)).toMatchObject({
      openCommentCount: 1,
      yourActions: { comment: true },
    });

    // Another judge may reply but not edit; the secretariat decides; after that nobody edits.
    const asOther = await t.http().get(`/api/comments/${top.body.id}`).set(as(twgJudge));
    expect(asOther.body.yourActions).toEqual({
      reply: true,
      edit: false,
      delete: false,
      decide: false,
    });
    const asSecretariat = await t.http().get(`/api/comments/${top.body.id}`).set(as(secretariat));
    expect(asSecretariat.body.yourActions).toEqual({
      reply: false,
      edit: false,
      delete: false,
      decide: true,
    });
    const decided = await t
      .http()
      .put(`/api/comments/${top.body.id}/disposition`)
      .set(as(secretariat))
      .send({ status: 'NOTED' });
    expect(decided.body.yourActions.decide).toBe(true);
    const mine = await t.http().get(`/api/comments/${top.body.id}`).set(as(judge));
    expect(mine.body.yourActions).toMatchObject({ reply: true, edit: false, delete: false });
    const edit = await t
      .http()
      .patch(`/api/comments/${top.body.id}`)
      .set(as(judge))
      .send({ body: 'Changed' });
    expect(edit.status).toBe(422);
    expect((await guideline(id, secretariat)).body.openCommentCount).toBe(0);
  });

  it('offers replies in the threads of an older version, which the server accepts', async () => {
    const id = await newGuideline();
    await move(t, secretariat, id, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const top = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(twgJudge))
      .send({ sectionKey: 'art-1', body: 'On version 1.' });
    await t.sql((c) =>
      c.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [id],
      ),
    );
    await move(t, secretariat, id, { to: 'TECHNICAL_WORKING_GROUP' });
    const v2 = await t
      .http()
      .post(`/api/guidelines/${id}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'v2',
        sections: [
          { key: 'art-1', heading: 'Article 1', body: 'Victims are heard apart, always.' },
        ],
      });
    expect(v2.status).toBe(201);
    const g = await guideline(id, twgJudge);
    expect(g.body).toMatchObject({
      currentVersion: 2,
      yourActions: { comment: true, reply: true },
    });
    const thread = await t
      .http()
      .get(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(twgJudge));
    expect(thread.body.items[0].yourActions.reply).toBe(true);
    const reply = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(twgJudge))
      .send({ parentId: top.body.id, body: 'Still true in version 2.' });
    expect(reply.status).toBe(201);
    // A judge outside the working group may no longer reply, and is told so.
    expect((await guideline(id, judge)).body.yourActions).toMatchObject({ reply: false });
    const notYou = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(as(judge))
      .send({ parentId: top.body.id, body: 'Me too.' });
    expect(notYou.status).toBe(403);
  });

  it('offers a reviewer comments and an answer only where their agency was asked', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOFA'],
      reviewDueAt: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    });
    // MOJ was not asked: the guideline does not exist for its reviewer.
    expect((await guideline(id, mojReviewer)).status).toBe(404);
    const mofaReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA' });
    expect((await guideline(id, mofaReviewer)).body.yourActions.comment).toBe(true);
    const listed = await t.http().get('/api/guidelines').set(as(mofaReviewer));
    expect(listed.body.items.find((g: { id: string }) => g.id === id).yourActions.comment).toBe(
      true,
    );

    const reviews = await t.http().get(`/api/reviews?guidelineId=${id}`).set(as(mofaReviewer));
    expect(reviews.body.items).toHaveLength(1);
    expect(reviews.body.items[0].yourActions).toEqual({
      respond: true,
      changeDueDate: false,
      downloadLetter: false,
    });
    const reviewId = reviews.body.items[0].id;
    const bySecretariat = await t.http().get(`/api/reviews/${reviewId}`).set(as(secretariat));
    expect(bySecretariat.body.yourActions).toEqual({
      respond: false,
      changeDueDate: true,
      downloadLetter: false,
    });
    const byObserver = await t.http().get(`/api/reviews/${reviewId}`).set(as(observer));
    expect(byObserver.body.yourActions).toEqual({
      respond: false,
      changeDueDate: false,
      downloadLetter: false,
    });
    const answered = await t
      .http()
      .post(`/api/reviews/${reviewId}/response`)
      .set(as(mofaReviewer))
      .send({ decision: 'APPROVE', comments: '', signatory: { name: 'A', title: 'B' } });
    expect(answered.status).toBe(200);
    expect(answered.body.yourActions).toEqual({
      respond: false,
      changeDueDate: false,
      downloadLetter: false,
    });
  });
});
