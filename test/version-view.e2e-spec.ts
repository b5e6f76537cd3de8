import { Role } from '../src/court/roles';
import { move } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

/**
 * A version's view: its sections' JSON is made once per process and kept (versions never
 * change), its record and comment counts are read each time. What the reader gets is the same
 * whether the sections were kept or not, and the counts are never stale.
 */
describe('a version read', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let otherJudge: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const sections = [
    { key: 'art-1', heading: 'ມາດຕາ 1: ການຮັບຟັງ', body: 'ຜູ້ເສຍຫາຍໄດ້ຮັບການຮັບຟັງໃນຫ້ອງແຍກ "ຕ່າງຫາກ".\n' },
    { key: 'art-2', heading: 'Article 2', body: 'Victims are heard apart, with a support person.' },
    {
      key: 'ind-1',
      kind: 'indicator',
      heading: 'Indicator 1',
      body: 'Share of hearings held in a separate room',
      code: 'VSC-1',
      category: 'Court process',
    },
  ];

  beforeAll(async () => {
    t = await startTestApp('version_view');
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    otherJudge = await t.user(Role.JUDGE);
  });
  afterAll(() => t?.close());

  it('answers the published view, then the same sections with counts that follow every comment', async () => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: `VV-${Date.now().toString(36)}`, title: { en: 'G', lo: 'ຂ' } });
    const published = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'ສະບັບທຳອິດ', sections });
    expect(g.body).toMatchObject({ id: expect.any(String) });
    expect(published.status).toBe(201);
    await move(t, secretariat, g.body.id, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const read = () => t.http().get(`/api/guidelines/${g.body.id}/versions/1`).set(as(judge));

    const first = await read();
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const { yourActions, ...view } = first.body;
    expect(view).toEqual(published.body);
    expect(yourActions).toEqual({ comment: true, reply: true, commentOnBehalf: false });
    expect(view.sections).toEqual([
      { ...sections[0], position: 0, kind: 'text', commentCount: 0, openCommentCount: 0 },
      { ...sections[1], position: 1, kind: 'text', commentCount: 0, openCommentCount: 0 },
      { ...sections[2], position: 2, commentCount: 0, openCommentCount: 0 },
    ]);

    // The sections are kept now; a comment and a reply change only the counts.
    const comment = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions/1/comments`)
      .set(as(judge))
      .send({ sectionKey: 'art-1', body: 'ຄວນເພີ່ມຜູ້ໃຫ້ການຊ່ວຍເຫຼືອ' });
    expect(comment.status).toBe(201);
    const reply = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions/1/comments`)
      .set(as(otherJudge))
      .send({ parentId: comment.body.id, body: 'Agreed.' });
    expect(reply.status).toBe(201);

    const second = await read();
    expect(second.status).toBe(200);
    expect(second.body.sections.map((s: { commentCount: number }) => s.commentCount)).toEqual([
      2, 0, 0,
    ]);
    expect(second.body.sections[0].openCommentCount).toBe(1);
    // Everything else is what the first read said, byte for byte in the sections' text.
    const withoutCounts = (body: { sections: object[] }) =>
      body.sections.map((s) => ({ ...s, commentCount: 0, openCommentCount: 0 }));
    expect(withoutCounts(second.body)).toEqual(withoutCounts(first.body));
    expect(Buffer.byteLength(second.text)).toBe(Buffer.byteLength(first.text));
  });

  it('counts sections whatever their keys: constructor, __proto__, toString', async () => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: `VV-${Date.now().toString(36)}-k`, title: { en: 'G', lo: 'ຂ' } });
    const keys = ['constructor', '__proto__', 'toString'];
    const published = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'v1',
        sections: keys.map((key) => ({ key, heading: key, body: `The ${key} section.` })),
      });
    expect(published.status).toBe(201);
    await move(t, secretariat, g.body.id, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const comment = await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions/1/comments`)
      .set(as(judge))
      .send({ sectionKey: '__proto__', body: 'On the second section.' });
    expect(comment.status).toBe(201);
    const read = await t.http().get(`/api/guidelines/${g.body.id}/versions/1`).set(as(judge));
    expect(read.status).toBe(200);
    expect(
      read.body.sections.map((s: { key: string; commentCount: number }) => [s.key, s.commentCount]),
    ).toEqual([
      ['constructor', 0],
      ['__proto__', 1],
      ['toString', 0],
    ]);
  });

  it('answers 404 for a version the guideline does not have, and for a guideline that does not exist', async () => {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: `VV-${Date.now().toString(36)}-2`, title: { en: 'G', lo: 'ຂ' } });
    await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'v1', sections: sections.slice(1, 2) });
    const missingVersion = await t
      .http()
      .get(`/api/guidelines/${g.body.id}/versions/2`)
      .set(as(judge));
    expect(missingVersion.status).toBe(404);
    expect(missingVersion.body).toMatchObject({ statusCode: 404, message: 'Version not found' });
    const missingGuideline = await t
      .http()
      .get(`/api/guidelines/00000000-0000-4000-8000-000000000000/versions/1`)
      .set(as(judge));
    expect(missingGuideline.status).toBe(404);
    expect(missingGuideline.body).toMatchObject({
      statusCode: 404,
      message: 'Guideline not found',
    });
  });
});
