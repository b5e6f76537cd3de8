import { JwtService } from '@nestjs/jwt';
import { Role } from '../src/court/roles';
import { PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

describe('auth and users', () => {
  let t: TestApp;
  let judge: TestUser;

  beforeAll(async () => {
    t = await startTestApp('auth');
    judge = await t.user(Role.JUDGE, { committees: [] });
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('answers 401 in the error shape without a token', async () => {
    const res = await t.http().get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
      details: [],
    });
  });

  it('answers 401 for a forged token (signed with another secret)', async () => {
    const forged = await new JwtService({ secret: 'not-the-server-secret-at-all' }).signAsync({
      sub: judge.id,
      role: 'ADMIN',
    });
    const res = await t.http().get('/api/me').set(bearer(forged));
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Invalid token');
  });

  it('answers 401 for an expired token', async () => {
    const expired = await new JwtService({ secret: t.env.JWT_SECRET }).signAsync(
      { sub: judge.id, role: 'JUDGE', iat: Math.floor(Date.now() / 1000) - 7200 },
      { expiresIn: 60 },
    );
    const res = await t.http().get('/api/me').set(bearer(expired));
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/expired/i);
  });

  it('refuses a token from its expiry on, though it was accepted (and its check kept) before', async () => {
    const jwt = new JwtService({ secret: t.env.JWT_SECRET });
    const { sid } = jwt.decode<{ sid: string }>(judge.token);
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await jwt.signAsync({ sub: judge.id, sid, role: 'JUDGE', exp });
    expect((await t.http().get('/api/me').set(bearer(token))).status).toBe(200);
    // The event waited for is the clock reaching the token's `exp` second.
    while (Date.now() < exp * 1000) await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await t.http().get('/api/me').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/expired/i);
  });

  it('returns the caller on /api/me', async () => {
    const res = await t.http().get('/api/me').set(bearer(judge.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: judge.id,
      role: 'JUDGE',
      locale: 'en',
      committees: [],
      agency: null,
    });
  });

  it('gives the same 401 message for a wrong password and an unknown e-mail', async () => {
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: judge.email, password: 'not-the-password' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@test.court.la', password: 'whatever-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('matches e-mail case-insensitively at login and refuses a duplicate in another case', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: judge.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    const dup = await t.http().post('/api/users').set(bearer(t.admin.token)).send({
      email: judge.email.toUpperCase(),
      name: 'Dup',
      password: PASSWORD,
      role: 'JUDGE',
      locale: 'lo',
    });
    expect(dup.status).toBe(409);
  });

  it.each([Role.SECRETARIAT, Role.JUDGE, Role.AGENCY_REVIEWER, Role.OBSERVER])(
    'answers 403 to %s on every admin route',
    async (role) => {
      const who = await t.user(role, role === Role.AGENCY_REVIEWER ? { agencyCode: 'MOJ' } : {});
      const calls = [
        t.http().post('/api/users').set(bearer(who.token)).send({}),
        t.http().get('/api/users').set(bearer(who.token)),
        t.http().patch(`/api/users/${judge.id}`).set(bearer(who.token)).send({ name: 'x' }),
        t.http().post('/api/agencies').set(bearer(who.token)).send({}),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.error).toBe('Forbidden');
      }
    },
  );

  it('lets any signed-in user list the four seeded agencies with Lao names', async () => {
    const res = await t.http().get('/api/agencies').set(bearer(judge.token));
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { code: string }) => a.code)).toEqual([
      'MOFA',
      'MOJ',
      'MPS',
      'OSPP',
    ]);
    expect(res.body.items.find((a: { code: string }) => a.code === 'MOJ').name.lo).toBe(
      'ກະຊວງຍຸຕິທຳ',
    );
  });

  it('lets an admin create an agency and refuses a duplicate code', async () => {
    const body = {
      code: 'LWU',
      name: { en: "Lao Women's Union", lo: 'ສູນກາງສະຫະພັນແມ່ຍິງລາວ' },
      email: 'lwu@example.la',
    };
    const first = await t.http().post('/api/agencies').set(bearer(t.admin.token)).send(body);
    expect(first.status).toBe(201);
    const again = await t.http().post('/api/agencies').set(bearer(t.admin.token)).send(body);
    expect(again.status).toBe(409);
  });

  it('requires an agency for a reviewer and committees only for judges', async () => {
    const noAgency = await t.http().post('/api/users').set(bearer(t.admin.token)).send({
      email: 'rev@x.la',
      name: 'R',
      password: PASSWORD,
      role: 'AGENCY_REVIEWER',
      locale: 'lo',
    });
    expect(noAgency.status).toBe(400);
    expect(noAgency.body.details[0].field).toBe('agencyCode');
    const secretaryOnTwg = await t
      .http()
      .post('/api/users')
      .set(bearer(t.admin.token))
      .send({
        email: 's@x.la',
        name: 'S',
        password: PASSWORD,
        role: 'SECRETARIAT',
        locale: 'lo',
        committees: ['TWG'],
      });
    expect(secretaryOnTwg.status).toBe(400);
    const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'OSPP' });
    const me = await t.http().get('/api/me').set(bearer(reviewer.token));
    expect(me.body.agency.code).toBe('OSPP');
  });

  it.each([
    ['aaaaaaaaaa', 'PASSWORD_REPETITIVE'],
    ['          ', 'PASSWORD_REPETITIVE'],
    ['password12', 'PASSWORD_COMMON'],
    ['short-pw', 'PASSWORD_TOO_SHORT'],
    ['weak.one@test.court.la', 'PASSWORD_PERSONAL'],
  ])(
    'refuses the weak password %j on create (%s), with the reason in Lao and English',
    async (password, code) => {
      const body = {
        email: 'weak.one@test.court.la',
        name: 'Weak One',
        password,
        role: 'JUDGE',
        locale: 'lo',
      };
      const lo = await t
        .http()
        .post('/api/users')
        .set(bearer(t.admin.token))
        .set('Accept-Language', 'lo')
        .send(body);
      const en = await t
        .http()
        .post('/api/users')
        .set(bearer(t.admin.token))
        .set('Accept-Language', 'en')
        .send(body);
      for (const res of [lo, en]) {
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([{ field: 'password', code, message: res.body.message }]);
      }
      expect(lo.body.message).toMatch(/[\u0E80-\u0EFF]/);
      expect(en.body.message).toMatch(/^The password /);
      const stored = await t.sql((c) =>
        c.query(`SELECT 1 FROM users WHERE lower(email) = 'weak.one@test.court.la'`),
      );
      expect(stored.rowCount).toBe(0);
    },
  );

  it("refuses a weak password on an admin's change and keeps the old one", async () => {
    const who = await t.user(Role.JUDGE, { name: 'Bounthavy Keomany' });
    const res = await t
      .http()
      .patch(`/api/users/${who.id}`)
      .set(bearer(t.admin.token))
      .send({ password: 'keomany2026' });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'password', code: 'PASSWORD_PERSONAL' });
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: who.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const fine = await t
      .http()
      .patch(`/api/users/${who.id}`)
      .set(bearer(t.admin.token))
      .send({ password: 'mango-season-in-vientiane' });
    expect(fine.status).toBe(200);
  });

  it('stops a deactivated user: login refused and existing tokens rejected', async () => {
    const who = await t.user(Role.JUDGE);
    expect((await t.http().get('/api/me').set(bearer(who.token))).status).toBe(200);
    const off = await t
      .http()
      .patch(`/api/users/${who.id}`)
      .set(bearer(t.admin.token))
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await t.http().get('/api/me').set(bearer(who.token))).status).toBe(401);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: who.email, password: PASSWORD });
    expect(login.status).toBe(401);
  });

  it('locks an e-mail after 5 failed attempts: the 6th is 429 with Retry-After, the right password too', async () => {
    const who = await t.user(Role.JUDGE);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: who.email, password: `wrong-${i}-pass` })
        ).status,
      );
    }
    expect(statuses).toEqual(Array(5).fill(401));
    const locked = await t
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'en')
      .send({ email: who.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(locked.body.details[0]).toMatchObject({ code: 'SIGN_IN_LOCKED' });
    expect(locked.body.message).toMatch(/locked for 15 minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
  });

  it('paginates the user list with a cursor', async () => {
    const first = await t.http().get('/api/users?limit=2').set(bearer(t.admin.token));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await t
      .http()
      .get(`/api/users?limit=2&cursor=${first.body.next}`)
      .set(bearer(t.admin.token));
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
  });
});
