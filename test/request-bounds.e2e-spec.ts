import { Role } from '../src/court/roles';
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from '../src/common/request-bounds';
import { MAX_VALIDATION_DETAILS } from '../src/common/validation';
import { startTestApp, TestApp, TestUser } from './support/test-app';
import { UploadProbeModule } from './support/upload-probe';

/** The error shape of shared/API.md, and nothing else. */
function expectErrorShape(res: { body: unknown; text: string }, status: number, code?: string) {
  const body = res.body as { statusCode: number; details: { code?: string }[] };
  expect(Object.keys(body).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
  expect(body.statusCode).toBe(status);
  if (code) expect(body.details[0]?.code).toBe(code);
  // A small answer, however large the question.
  expect(res.text.length).toBeLessThan(4096);
}

/** `{"a":{"a":…}}` nested `depth` levels. */
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('bounds on the work of one request', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const guidelineCount = () =>
    t.sql(async (c) => Number((await c.query('SELECT count(*) FROM guidelines')).rows[0].count));

  beforeAll(async () => {
    t = await startTestApp('request_bounds', {}, { imports: [UploadProbeModule] });
    secretariat = await t.user(Role.SECRETARIAT);
    const created = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-BOUNDS', title: { en: 'Bounds', lo: 'ຂອບເຂດ' } });
    expect(created.status).toBe(201);
    guidelineId = created.body.id;
  });
  afterAll(() => t.close());

  it('refuses a sign-in body of 90,000 unknown keys before validation: 413 with one detail', async () => {
    const keys = Array.from({ length: 90_000 }, (_, i) => `"k${i}":0`).join(',');
    const body = `{"email":"someone@test.court.la","password":"whatever-it-is",${keys}}`;
    expect(body.length).toBeLessThan(1024 * 1024);
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(body);
    expectErrorShape(res, 413, 'JSON_TOO_MANY_MEMBERS');
    expect(res.body.details).toHaveLength(1);
  });

  it('lists at most 20 validation details and counts the rest', async () => {
    // Below the member bound, so validation runs: 5,000 unknown keys, each a fault.
    const extra = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 0]));
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'someone@test.court.la', password: 'whatever-it-is', ...extra });
    expectErrorShape(res, 400);
    const details = res.body.details as { code?: string; field?: string; count?: number }[];
    expect(details).toHaveLength(MAX_VALIDATION_DETAILS + 1);
    expect(details.slice(0, MAX_VALIDATION_DETAILS).every((d) => d.field?.startsWith('k'))).toBe(
      true,
    );
    expect(details[MAX_VALIDATION_DETAILS]).toEqual({
      code: 'MORE_DETAILS',
      count: 5_000 - MAX_VALIDATION_DETAILS,
      message: `${5_000 - MAX_VALIDATION_DETAILS} more not listed`,
    });
    expect(res.body.message).toBe('Invalid request: 5000 problems, the first 20 listed');
  });

  it('refuses 10,000-deep JSON with 400, on a public route and behind the guard', async () => {
    const anonymous = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email":"a@b.la","password":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expectErrorShape(anonymous, 400, 'JSON_TOO_DEEP');
    const before = await guidelineCount();
    const signedIn = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .set('Content-Type', 'application/json')
      .send(`{"code":"VSC-DEEP","title":${deepObject(10_000)}}`);
    expectErrorShape(signedIn, 400, 'JSON_TOO_DEEP');
    // Just past the bound is refused too; the nesting routes use is far below it.
    const justPast = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .set('Content-Type', 'application/json')
      .send(`{"code":"VSC-DEEP","title":${deepObject(MAX_JSON_DEPTH)}}`);
    expectErrorShape(justPast, 400, 'JSON_TOO_DEEP');
    expect(await guidelineCount()).toBe(before);
  });

  it('refuses a NUL character in a body string or key with 400 naming the field, writing nothing', async () => {
    const before = await guidelineCount();
    const inValue = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-NUL', title: { en: 'Victims\u0000', lo: 'ຜູ້ເຄາະຮ້າຍ' } });
    expectErrorShape(inValue, 400, 'NUL_CHARACTER');
    expect(inValue.body.details[0].field).toBe('title.en');
    const inKey = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-NUL', title: { en: 'Victims', lo: 'ຜູ້ເຄາະຮ້າຍ' }, ['x\u0000']: 1 });
    expectErrorShape(inKey, 400, 'NUL_CHARACTER');
    const published = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'NUL',
        sections: [{ key: 'a', heading: 'A', body: 'text\u0000more' }],
      });
    expectErrorShape(published, 400, 'NUL_CHARACTER');
    expect(published.body.details[0].field).toBe('sections.0.body');
    expect(await guidelineCount()).toBe(before);
  });

  it('refuses a NUL character in the text fields of a form with a file, as in a JSON body', async () => {
    const docx = Buffer.from('PK\u0003\u0004 not really a Word file');
    const refused = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(as(secretariat))
      .field('note', 'approved\u0000')
      .attach('file', docx, 'draft.docx');
    expectErrorShape(refused, 400, 'NUL_CHARACTER');
    expect(refused.body.details[0].field).toBe('note');
    const fine = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(as(secretariat))
      .field('note', 'approved')
      .attach('file', docx, 'draft.docx');
    expect(fine.status).toBe(201);
    expect(fine.body.note).toBe('approved');
  });

  it('refuses a NUL character in a query (q) or a path with 400, not a database error', async () => {
    const published = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'First', sections: [{ key: 'a', heading: 'A', body: 'Text' }] });
    expect(published.status).toBe(201);
    const comments = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/1/comments?q=ab%00cd`)
      .set(as(secretariat));
    expectErrorShape(comments, 400, 'NUL_CHARACTER');
    const search = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/search?q=%00`)
      .set(as(secretariat));
    expectErrorShape(search, 400, 'NUL_CHARACTER');
    const users = await t.http().get('/api/users?q=a%00').set(as(t.admin));
    expectErrorShape(users, 400, 'NUL_CHARACTER');
    const path = await t.http().get(`/api/guidelines/${guidelineId}%00`).set(as(secretariat));
    expectErrorShape(path, 400, 'NUL_CHARACTER');
    // Without NUL the same search works.
    const fine = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/1/comments?q=ab`)
      .set(as(secretariat));
    expect(fine.status).toBe(200);
  });

  it('refuses a sections array of 330,000 empty objects with 413, and a long invalid one with 20 details', async () => {
    const huge = `{"changeSummary":"x","sections":[${Array(330_000).fill('{}').join(',')}]}`;
    expect(huge.length).toBeLessThan(1024 * 1024);
    const refused = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .set('Content-Type', 'application/json')
      .send(huge);
    expectErrorShape(refused, 413, 'JSON_TOO_MANY_MEMBERS');
    const invalid = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'x', sections: Array(5_000).fill({}) });
    expectErrorShape(invalid, 400);
    expect(invalid.body.details).toHaveLength(MAX_VALIDATION_DETAILS + 1);
    expect(invalid.body.details[MAX_VALIDATION_DETAILS].code).toBe('MORE_DETAILS');
  });

  it('still takes the largest body a route reads: a version of 1,000 sections', async () => {
    const sections = Array.from({ length: 1_000 }, (_, i) =>
      i % 2
        ? {
            key: `ind-${i}`,
            kind: 'indicator',
            code: `VSC-${i}`,
            category: 'ສະພາບແວດລ້ອມຂອງສານ',
            heading: `Indicator ${i}`,
            body: 'ສານຈັດຫ້ອງລໍຖ້າແຍກຕ່າງຫາກ',
          }
        : { key: `art-${i}`, kind: 'text', heading: `Article ${i}`, body: 'Text of the article.' },
    );
    const members = 2 + 1_000 + sections.reduce((n, s) => n + Object.keys(s).length, 0);
    expect(members).toBeLessThan(MAX_JSON_MEMBERS);
    const res = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'Long', sections });
    expect(res.status).toBe(201);
    expect(res.body.sectionCount).toBe(1_000);
  });
});
