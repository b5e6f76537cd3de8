import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/court/roles';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  PASSWORD,
  startTestApp,
  TestApp,
  TestUser,
} from '../support/test-app';

/** The web interface's cookie session and its CSRF check, through HTTP (no browser needed). */
describe('web session (cookie + CSRF)', () => {
  let t: TestApp;
  let judge: TestUser;

  beforeAll(async () => {
    t = await startTestApp('session', { TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' });
    judge = await t.user(Role.JUDGE, { locale: 'lo' });
  });
  afterAll(() => t.close());

  const setCookies = (res: { headers: Record<string, unknown> }): string[] =>
    (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookieNamed = (res: { headers: Record<string, unknown> }, name: string) =>
    setCookies(res).find((c) => c.startsWith(`${name}=`));
  const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

  async function openSession(email: string, password: string) {
    const res = await t.http().post('/api/auth/session').send({ email, password });
    expect(res.status).toBe(200);
    const session = valueOf(cookieNamed(res, 'cg_session')!);
    return { res, session, csrf: res.body.csrfToken as string, cookie: `cg_session=${session}` };
  }

  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, no token in the body', async () => {
    const { res, csrf } = await openSession(judge.email, PASSWORD);
    expect(res.body).toMatchObject({
      csrfToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: judge.id, role: 'JUDGE', locale: 'lo' },
    });
    expect(res.body.accessToken).toBeUndefined();
    const session = cookieNamed(res, 'cg_session')!;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Strict/i);
    expect(session).toMatch(/; Path=\/api(;|$)/);
    expect(session).not.toMatch(/; Secure/i);
    const csrfCookie = cookieNamed(res, 'cg_csrf')!;
    expect(csrfCookie).not.toMatch(/HttpOnly/i);
    expect(csrfCookie).toMatch(/; SameSite=Strict/i);
    expect(valueOf(csrfCookie)).toBe(csrf);
  });

  it('marks both cookies Secure when the request came over https through the local proxy (TRUST_PROXY)', async () => {
    const res = await t
      .http()
      .post('/api/auth/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: judge.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(cookieNamed(res, 'cg_session')).toMatch(/; Secure/i);
    expect(cookieNamed(res, 'cg_csrf')).toMatch(/; Secure/i);
  });

  it('refuses wrong credentials with 401 in the error shape and sets no cookie', async () => {
    const res = await t
      .http()
      .post('/api/auth/session')
      .send({ email: judge.email, password: 'not-the-password' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(setCookies(res)).toEqual([]);
  });

  it('answers 400 for a malformed body', async () => {
    const res = await t.http().post('/api/auth/session').send({ email: 'not-an-email' });
    expect(res.status).toBe(400);
    const fields = new Set(res.body.details.map((d: { field: string }) => d.field));
    expect([...fields].sort()).toEqual(['email', 'password']);
  });

  it('authenticates safe requests with the cookie alone', async () => {
    const { cookie } = await openSession(judge.email, PASSWORD);
    const res = await t.http().get('/api/me').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(judge.id);
  });

  it('answers 401 for a forged session cookie', async () => {
    const res = await t.http().get('/api/me').set('Cookie', 'cg_session=not.a.jwt');
    expect(res.status).toBe(401);
  });

  describe('unsafe requests with the cookie', () => {
    let admin: { cookie: string; csrf: string };
    const agency = (code: string) => ({
      code,
      name: { en: `Agency ${code}`, lo: `ອົງການ ${code}` },
      email: `${code.toLowerCase()}@example.la`,
    });
    const agencyExists = async (code: string) => {
      const list = await t
        .http()
        .get('/api/agencies')
        .set('Authorization', `Bearer ${t.admin.token}`);
      return list.body.items.some((a: { code: string }) => a.code === code);
    };

    beforeAll(async () => {
      admin = await openSession(ADMIN_EMAIL, ADMIN_PASSWORD);
    });

    it('refuses a POST without the X-CSRF-Token header (403) and stores nothing', async () => {
      const res = await t
        .http()
        .post('/api/agencies')
        .set('Cookie', admin.cookie)
        .send(agency('CSA'));
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/CSRF/);
      expect(await agencyExists('CSA')).toBe(false);
    });

    it('refuses a wrong token and the token of another session (403)', async () => {
      const other = await openSession(judge.email, PASSWORD);
      for (const token of ['wrong', other.csrf]) {
        const res = await t
          .http()
          .post('/api/agencies')
          .set('Cookie', admin.cookie)
          .set('X-CSRF-Token', token)
          .send(agency('CSB'));
        expect(res.status).toBe(403);
      }
      expect(await agencyExists('CSB')).toBe(false);
    });

    it('refuses a PATCH without the header too', async () => {
      const patch = await t
        .http()
        .patch(`/api/users/${judge.id}`)
        .set('Cookie', admin.cookie)
        .send({ name: 'Changed' });
      expect(patch.status).toBe(403);
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${judge.token}`);
      expect(me.body.name).not.toBe('Changed');
    });

    it('accepts the matching header', async () => {
      const res = await t
        .http()
        .post('/api/agencies')
        .set('Cookie', admin.cookie)
        .set('X-CSRF-Token', admin.csrf)
        .send(agency('CSC'));
      expect(res.status).toBe(201);
      expect(await agencyExists('CSC')).toBe(true);
    });

    it('still checks roles after CSRF: a judge with a valid header gets 403 on an admin route', async () => {
      const mine = await openSession(judge.email, PASSWORD);
      const res = await t
        .http()
        .post('/api/agencies')
        .set('Cookie', mine.cookie)
        .set('X-CSRF-Token', mine.csrf)
        // The judge reads Lao; the refusal is asked for in English.
        .set('Accept-Language', 'en')
        .send(agency('CSD'));
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/role/);
    });
  });

  it('keeps bearer tokens working as before: no CSRF header needed, the cookie is ignored', async () => {
    const res = await t
      .http()
      .post('/api/agencies')
      .set('Authorization', `Bearer ${t.admin.token}`)
      .set('Cookie', 'cg_session=garbage')
      .send({ code: 'CSE', name: { en: 'E', lo: 'ອີ' }, email: 'cse@example.la' });
    expect(res.status).toBe(201);
  });

  it('clears both cookies on DELETE /api/auth/session', async () => {
    const { cookie } = await openSession(judge.email, PASSWORD);
    const res = await t.http().delete('/api/auth/session').set('Cookie', cookie);
    expect(res.status).toBe(204);
    for (const name of ['cg_session', 'cg_csrf']) {
      const cleared = cookieNamed(res, name)!;
      expect(cleared).toMatch(new RegExp(`^${name}=;`));
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    }
  });

  it('serves the web interface at / under the CSP, and still answers unknown API paths in JSON', async () => {
    const page = await t.http().get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.text).toContain('type="module"');
    const font = await t.http().get('/fonts/OFL.txt');
    expect(font.status).toBe(200);
    expect(font.text).toContain('SIL Open Font License');
    const lo = await t.http().get('/i18n/lo.json');
    expect(lo.status).toBe(200);
    expect(lo.body['login.title']).toMatch(/[\u0E80-\u0EFF]/);
    const unknown = await t.http().get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body.statusCode).toBe(404);
    const missing = await t.http().get('/no-such-file.js');
    expect(missing.status).toBe(404);
  });

  it('reads pasted Markdown into sections for the secretariat (cookie session), 422 with lines when it cannot', async () => {
    const secretariat = await t.user(Role.SECRETARIAT);
    const { cookie, csrf } = await openSession(secretariat.email, PASSWORD);
    const post = (markdown: string, who = { cookie, csrf }) =>
      t
        .http()
        .post('/api/web/markdown/sections')
        .set('Cookie', who.cookie)
        .set('X-CSRF-Token', who.csrf)
        .send({ markdown });
    const ok = await post(
      '## ຈຸດປະສົງ\n\nແນວທາງນີ້ກຳນົດວິທີປະຕິບັດຕໍ່ຜູ້ເຄາະຮ້າຍ.\n\n## [VSC-1] Privacy\n\nHearings protect the victim.\n',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.sections).toHaveLength(2);
    expect(ok.body.sections[0]).toMatchObject({
      heading: 'ຈຸດປະສົງ',
      body: 'ແນວທາງນີ້ກຳນົດວິທີປະຕິບັດຕໍ່ຜູ້ເຄາະຮ້າຍ.',
      kind: 'text',
    });
    expect(ok.body.sections[1]).toMatchObject({ kind: 'indicator', code: 'VSC-1' });
    const bad = await post('## A\n<!-- section {not json} -->\n\nB\n');
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].message).toMatch(/^line 2: /);
    const none = await post('only a paragraph, no section');
    expect(none.status).toBe(422);
    expect(none.body.details[0].code).toBe('MARKDOWN_NO_SECTION');
    const judgeSession = await openSession(judge.email, PASSWORD);
    expect((await post('## A\n\nB', judgeSession)).status).toBe(403);
    expect((await t.http().post('/api/web/markdown/sections').send({ markdown: 'x' })).status).toBe(
      401,
    );
  });

  it('has the same keys in the Lao and English dictionaries, and Lao words in the Lao one', () => {
    const read = (lang: string) =>
      JSON.parse(
        readFileSync(join(__dirname, '../../public/i18n', `${lang}.json`), 'utf8'),
      ) as Record<string, string>;
    const lo = read('lo');
    const en = read('en');
    expect(Object.keys(lo).sort()).toEqual(Object.keys(en).sort());
    const laoScript = /[\u0E80-\u0EFF]/;
    // A text made of placeholders and punctuation only ("{name} ({size})") has no words to translate.
    const wordsOf = (text: string) => text.replace(/\{[a-zA-Z]+\}/g, '').replace(/[\s\p{P}]/gu, '');
    const latinOnly = Object.entries(lo).filter(
      ([key, text]) =>
        wordsOf(text) !== '' && !laoScript.test(text) && !/^lang\.|^matrix\.(csv|docx)$/.test(key),
    );
    expect(latinOnly).toEqual([]);
  });

  it('redirects the page links of notifications and e-mails to the matching screen', async () => {
    const id = '0b7f6c1e-2a4d-4c55-9a51-2f7d6d1e9a10';
    const other = '5d1b8a3e-7c2f-4e9b-8d61-0a3c4b5e6f70';
    const cases: [string, string][] = [
      [`/guidelines/${id}`, `/#/g/${id}`],
      [`/guidelines/${id}/comments/${other}`, `/#/c/${other}`],
      [`/reviews/${id}`, `/#/reviews/${id}`],
    ];
    for (const [path, page] of cases) {
      const res = await t.http().get(path);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(page);
    }
    expect((await t.http().get('/guidelines/not-an-id')).status).toBe(404);
  });
});
