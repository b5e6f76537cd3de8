import { Role } from '../src/court/roles';
import { encodeCursor } from '../src/common/pagination';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const LAO = /[\u0E80-\u0EFF]/;

/** A Lao sentence: Lao script, and no English word beyond the codes and names it quotes. */
function expectLao(text: string, allowed: RegExp[] = []) {
  expect(text).toMatch(LAO);
  let rest = text;
  for (const a of allowed) rest = rest.replace(a, '');
  expect(rest).not.toMatch(/\b[a-z]{4,}\b/);
}

describe('error answers from one catalogue, in the language of the request', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judgeEn: TestUser;
  let judgeLo: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('messages');
    secretariat = await t.user(Role.SECRETARIAT);
    judgeEn = await t.user(Role.JUDGE, { locale: 'en' });
    judgeLo = await t.user(Role.JUDGE, { locale: 'lo' });
    const created = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-MSG', title: { en: 'Messages', lo: 'ຂໍ້ຄວາມ' } });
    expect(created.status).toBe(201);
    guidelineId = created.body.id;
    const version = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'First draft',
        sections: [{ key: 'hearing', heading: 'ການຮັບຟັງ', body: 'ຂໍ້ຄວາມ' }],
      });
    expect(version.status).toBe(201);
  });
  afterAll(() => t.close());

  describe('a refusal of a rule follows the request, not the stored locale', () => {
    const closed = (user: TestUser, language?: string) => {
      const req = t.http().post(`/api/guidelines/${guidelineId}/versions/1/comments`).set(as(user));
      if (language) req.set('Accept-Language', language);
      return req.send({ sectionKey: 'hearing', body: 'A comment while drafting' });
    };

    it('answers a judge stored as English in Lao when the screen asks for Lao', async () => {
      const res = await closed(judgeEn, 'lo');
      expect(res.status).toBe(422);
      expect(res.body.details[0].code).toBe('COMMENTS_CLOSED');
      expectLao(res.body.message);
      expect(res.body.details[0].message).toBe(res.body.message);
    });

    it('answers a judge stored as Lao in English when the request asks for English', async () => {
      const res = await closed(judgeLo, 'en');
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/^Comments are closed while the guideline is in drafting/);
    });

    it("falls back to the caller's stored locale without a header", async () => {
      expectLao((await closed(judgeLo)).body.message);
      expect((await closed(judgeEn)).body.message).toMatch(/^Comments are closed/);
    });
  });

  it('words the refusals that were English only in Lao too: role, duplicate, not found', async () => {
    const role = await t
      .http()
      .post('/api/guidelines')
      .set(as(judgeEn))
      .set('Accept-Language', 'lo')
      .send({ code: 'VSC-NO', title: { en: 'No', lo: 'ບໍ່' } });
    expect(role.status).toBe(403);
    expectLao(role.body.message, [/SECRETARIAT|JUDGE/g]);

    const duplicate = (language: string) =>
      t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .set('Accept-Language', language)
        .send({ code: 'VSC-MSG', title: { en: 'Again', lo: 'ອີກ' } });
    const lo = await duplicate('lo');
    expect(lo.status).toBe(409);
    expect(lo.body.details[0]).toMatchObject({ field: 'code', code: 'DUPLICATE_CODE' });
    expectLao(lo.body.message, [/VSC-MSG/g]);
    expectLao(lo.body.details[0].message, [/VSC-MSG/g]);
    const en = await duplicate('en');
    expect(en.body.message).toBe('A guideline with code VSC-MSG already exists');
    expect(en.body.details[0].message).toBe('code VSC-MSG is already used');

    const missing = await t
      .http()
      .get('/api/guidelines/00000000-0000-4000-8000-000000000000')
      .set(as(judgeLo));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('ບໍ່ພົບຂໍ້ແນະນຳ');

    const route = await t.http().get('/api/no-such-route').set('Accept-Language', 'lo');
    expect(route.status).toBe(404);
    expectLao(route.body.message, [/GET|\/api\/no-such-route/g]);
    const routeEn = await t.http().get('/api/no-such-route');
    expect(routeEn.body.message).toBe('Cannot GET /api/no-such-route');
  });

  it("gives validation messages in Lao, the validator's English unchanged", async () => {
    const long = (language: string) =>
      t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
        .set(as(judgeEn))
        .set('Accept-Language', language)
        .send({ sectionKey: 'not a key!', body: 'x'.repeat(20_001), colour: 'red' });
    const lo = await long('lo');
    expect(lo.status).toBe(400);
    const byField = (body: { details: { field: string; message: string }[] }, field: string) =>
      body.details.find((d) => d.field === field)?.message;
    expect(byField(lo.body, 'body')).toBe('body ຕ້ອງຍາວບໍ່ເກີນ 20000 ຕົວອັກສອນ');
    expect(byField(lo.body, 'sectionKey')).toBe('sectionKey ຕ້ອງເປັນລະຫັດຂອງພາກ');
    expect(byField(lo.body, 'colour')).toBe('ບໍ່ຮັບຊ່ອງ colour');
    expect(lo.body.message).toBe('ຄຳຮ້ອງບໍ່ຖືກຕ້ອງ');

    const en = await long('en');
    expect(byField(en.body, 'body')).toBe('body must be shorter than or equal to 20000 characters');
    expect(byField(en.body, 'sectionKey')).toBe('sectionKey must be a section key');
    expect(byField(en.body, 'colour')).toBe('property colour should not exist');
    expect(en.body.message).toBe('Invalid request');
  });

  it('answers an anonymous request in English unless it names a language', async () => {
    const plain = await t.http().get('/api/me');
    expect(plain.status).toBe(401);
    expect(plain.body.message).toBe('Sign in first: no bearer token was sent');
    const lao = await t.http().get('/api/me').set('Accept-Language', 'lo-LA,en;q=0.5');
    expectLao(lao.body.message, [/token/g]);
  });

  describe('one checked cursor for every list', () => {
    const lists = (): [string, TestUser][] => [
      ['/api/guidelines', secretariat],
      [`/api/guidelines/${guidelineId}/versions`, secretariat],
      [`/api/guidelines/${guidelineId}/versions/1/comments`, secretariat],
      [`/api/guidelines/${guidelineId}/transitions`, secretariat],
      [`/api/guidelines/${guidelineId}/search?q=x`, secretariat],
      ['/api/reviews', secretariat],
      ['/api/events', secretariat],
      ['/api/notifications', secretariat],
      ['/api/users', t.admin],
      ['/api/notifications/failed-emails', t.admin],
    ];
    const forged = [
      'not-base64-json!!',
      encodeCursor([]),
      encodeCursor(['a', 'b', 'c', 'd', 'e']),
      encodeCursor([{ sql: 'DROP TABLE users' }, null]),
      Buffer.from('{"not":"a list"}').toString('base64url'),
    ];

    it.each(forged)(
      'refuses the forged cursor %s on every list with 400 in the error shape',
      async (cursor) => {
        for (const [path, user] of lists()) {
          const join = path.includes('?') ? '&' : '?';
          const res = await t
            .http()
            .get(`${path}${join}cursor=${encodeURIComponent(cursor)}`)
            .set(as(user))
            .set('Accept-Language', 'lo');
          expect(`${path} ${res.status}`).toBe(`${path} 400`);
          expect(Object.keys(res.body).sort()).toEqual([
            'details',
            'error',
            'message',
            'statusCode',
          ]);
          expect(res.body.details).toEqual([
            { field: 'cursor', message: 'cursor ນີ້ບໍ່ແມ່ນອັນທີ່ລະບົບນີ້ໃຫ້' },
          ]);
          expectLao(res.body.message, [/cursor/g]);
        }
      },
    );

    it('follows the cursor a list gave to its next page', async () => {
      const first = await t.http().get('/api/users?limit=1').set(as(t.admin));
      expect(first.status).toBe(200);
      expect(first.body.next).toEqual(expect.any(String));
      const second = await t
        .http()
        .get(`/api/users?limit=1&cursor=${first.body.next}`)
        .set(as(t.admin));
      expect(second.status).toBe(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
  });
});
