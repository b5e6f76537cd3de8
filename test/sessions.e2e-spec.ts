import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type TestAgent from 'supertest/lib/agent';
import { Role } from '../src/court/roles';
import { ApiProcess, spawnApi } from './support/api-process';
import { eventually } from './support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

const NEW_PASSWORD = 'lantern-river-morning-42';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * Sessions are records: every sign-in is a row the token names, and a token is good only while
 * its row is open. Two API processes (this test's app and a child process running src/main.ts on
 * the same database) keep their callers in memory; ending a session must reach both.
 */
describe('sessions that end', () => {
  let t: TestApp;
  let b: ApiProcess;
  /** An end announced by the database reaches the other process within this (measured below). */
  const HEARD_WITHIN_MS = 2_000;

  beforeAll(async () => {
    t = await startTestApp('sessions', { JWT_SECRET: randomBytes(24).toString('hex') });
    b = await spawnApi(t.env);
    // Both processes serve callers from memory only while they hear the announcements.
    await t.http().get('/api/me').set(bearer(t.admin.token)).expect(200);
    await b.http().get('/api/me').set(bearer(t.admin.token)).expect(200);
    await eventually(
      () =>
        t.sql(async (c) => {
          const { rows } = await c.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND query = 'LISTEN auth_users'`,
          );
          return rows[0].n >= 2;
        }),
      'both API processes to listen for ended sessions',
      30_000,
    );
  }, 120_000);
  afterAll(async () => {
    await b?.stop();
    await t?.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const apis = (): [string, () => TestAgent][] => [
    ['this process', t.http],
    ['the other process', b.http],
  ];

  async function login(
    http: () => TestAgent,
    email: string,
    password = PASSWORD,
    userAgent?: string,
  ): Promise<string> {
    const req = http().post('/api/auth/login');
    if (userAgent) req.set('User-Agent', userAgent);
    const res = await req.send({ email, password });
    expect(res.status).toBe(200);
    return res.body.accessToken;
  }

  /** Signs in the browser's way: the session cookie and the CSRF token. */
  async function browserSignIn(http: () => TestAgent, email: string, password = PASSWORD) {
    const res = await http().post('/api/auth/session').send({ email, password });
    expect(res.status).toBe(200);
    return {
      cookie: sessionCookies(res.headers['set-cookie']),
      csrf: res.body.csrfToken as string,
    };
  }

  function sessionCookies(setCookie: string[] | string | undefined): string {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    return list.map((c) => c.split(';')[0]).join('; ');
  }

  /** Waits until every process refuses the request with 401, and says how long it took. */
  async function refusedEverywhere(
    what: string,
    send: (http: () => TestAgent) => Promise<{ status: number }>,
  ): Promise<number> {
    const since = Date.now();
    for (const [name, http] of apis()) {
      await eventually(
        async () => (await send(http)).status === 401,
        `${what} to be refused by ${name}`,
        HEARD_WITHIN_MS,
      );
    }
    return Date.now() - since;
  }

  async function acceptedEverywhere(send: (http: () => TestAgent) => Promise<{ status: number }>) {
    for (const [, http] of apis()) expect((await send(http)).status).toBe(200);
  }

  it('after sign-out the old cookie is 401 in both processes', async () => {
    const judge = await t.user(Role.JUDGE);
    const { cookie, csrf } = await browserSignIn(t.http, judge.email);
    const me = (http: () => TestAgent) => http().get('/api/me').set('Cookie', cookie);
    await acceptedEverywhere(me);

    const out = await b.http().delete('/api/auth/session').set('Cookie', cookie);
    expect(out.status).toBe(204);
    const took = await refusedEverywhere('the signed-out cookie', me);
    expect(took).toBeLessThan(HEARD_WITHIN_MS);
    // Nor can it change anything: a comment, a password.
    const post = await t
      .http()
      .post('/api/me/password')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(post.status).toBe(401);
    const reasons = await t.sql(
      async (c) =>
        (
          await c.query(`SELECT end_reason FROM sessions WHERE user_id = $1 ORDER BY created_at`, [
            judge.id,
          ])
        ).rows,
    );
    // The sign-in made by t.user() is still open.
    expect(reasons).toEqual([{ end_reason: null }, { end_reason: 'SIGNED_OUT' }]);
  });

  it('signs out a bearer token the same way, and ignores what is not a token of ours', async () => {
    const judge = await t.user(Role.JUDGE);
    const token = await login(b.http, judge.email);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(token)));
    await t.http().delete('/api/auth/session').set(bearer(token)).expect(204);
    await refusedEverywhere('the signed-out token', (http) =>
      http().get('/api/me').set(bearer(token)),
    );
    await t.http().delete('/api/auth/session').set(bearer('not-a-token')).expect(204);
    await t.http().delete('/api/auth/session').expect(204);
  });

  it('after a password change every old token is 401; the browser that changed it stays signed in', async () => {
    const judge = await t.user(Role.JUDGE);
    const tokens = [await login(t.http, judge.email), await login(b.http, judge.email)];
    const browser = await browserSignIn(b.http, judge.email);
    for (const token of tokens) {
      await acceptedEverywhere((http) => http().get('/api/me').set(bearer(token)));
    }
    const changed = await t
      .http()
      .post('/api/me/password')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', browser.csrf)
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    for (const token of [judge.token, ...tokens]) {
      await refusedEverywhere('a token from before the change', (http) =>
        http().get('/api/me').set(bearer(token)),
      );
    }
    await refusedEverywhere('the cookie from before the change', (http) =>
      http().get('/api/me').set('Cookie', browser.cookie),
    );
    // The answer carried a new session for the browser that made the change.
    const renewed = sessionCookies(changed.headers['set-cookie']);
    expect(renewed).toMatch(/cg_session=/);
    await acceptedEverywhere((http) => http().get('/api/me').set('Cookie', renewed));
    expect(await login(b.http, judge.email, NEW_PASSWORD)).toBeTruthy();
  });

  it("a password an administrator sets, or one changed in SQL, ends the user's sessions", async () => {
    const judge = await t.user(Role.JUDGE);
    const viaB = await login(b.http, judge.email);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(viaB)));
    await t
      .http()
      .patch(`/api/users/${judge.id}`)
      .set(bearer(t.admin.token))
      .send({ password: NEW_PASSWORD })
      .expect(200);
    for (const token of [judge.token, viaB]) {
      await refusedEverywhere('a token from before the new password', (http) =>
        http().get('/api/me').set(bearer(token)),
      );
    }

    const again = await login(t.http, judge.email, NEW_PASSWORD);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(again)));
    await t.sql((c) =>
      c.query(`UPDATE users SET password_hash = password_hash || 'x' WHERE id = $1`, [judge.id]),
    );
    await refusedEverywhere('a token after an operator changed the hash', (http) =>
      http().get('/api/me').set(bearer(again)),
    );
  });

  it('a deactivated user stays signed out after reactivation', async () => {
    const judge = await t.user(Role.JUDGE);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(judge.token)));
    const patch = (active: boolean) =>
      t
        .http()
        .patch(`/api/users/${judge.id}`)
        .set(bearer(t.admin.token))
        .send({ active })
        .expect(200);
    await patch(false);
    await refusedEverywhere('a deactivated user', (http) =>
      http().get('/api/me').set(bearer(judge.token)),
    );
    await patch(true);
    for (const [, http] of apis()) {
      expect((await http().get('/api/me').set(bearer(judge.token))).status).toBe(401);
    }
  });

  it('lists one’s sessions with the current one marked; a listed session can be ended and its token is then 401', async () => {
    const judge = await t.user(Role.JUDGE);
    const here = await login(t.http, judge.email);
    const elsewhere = await login(b.http, judge.email, PASSWORD, FIREFOX);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(elsewhere)));

    const list = await b.http().get('/api/me/sessions').set(bearer(here));
    expect(list.status).toBe(200);
    // The test user's own sign-in (t.user), this one and the Firefox one.
    expect(list.body.items).toHaveLength(3);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const firefox = list.body.items.find(
      (s: { device: string }) => s.device === 'Firefox on Linux',
    );
    expect(firefox).toMatchObject({
      current: false,
      address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(Date.parse(firefox.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(firefox.signedInAt));
    for (const item of list.body.items) {
      expect(Object.keys(item).sort()).toEqual(
        ['address', 'current', 'device', 'id', 'lastSeenAt', 'signedInAt'].sort(),
      );
    }

    await t.http().delete(`/api/me/sessions/${firefox.id}`).set(bearer(here)).expect(204);
    await refusedEverywhere('the ended session', (http) =>
      http().get('/api/me').set(bearer(elsewhere)),
    );
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(here)));
    const after = await t.http().get('/api/me/sessions').set(bearer(here));
    expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(firefox.id);

    // Ended already, someone else's, unknown, malformed.
    await t.http().delete(`/api/me/sessions/${firefox.id}`).set(bearer(here)).expect(404);
    const other = await t.user(Role.JUDGE);
    const [theirs] = (await t.http().get('/api/me/sessions').set(bearer(other.token))).body.items;
    const foreign = await t.http().delete(`/api/me/sessions/${theirs.id}`).set(bearer(here));
    expect(foreign.status).toBe(404);
    expect((await t.http().get('/api/me').set(bearer(other.token))).status).toBe(200);
    const bad = await t.http().delete('/api/me/sessions/nope').set(bearer(here));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('an administrator signs a user out everywhere; nobody else may', async () => {
    const judge = await t.user(Role.JUDGE);
    const viaB = await login(b.http, judge.email);
    await acceptedEverywhere((http) => http().get('/api/me').set(bearer(viaB)));
    const endAll = (caller: TestUser | { token: string }, id: string) =>
      t.http().post(`/api/users/${id}/sessions/end`).set(bearer(caller.token));

    expect((await endAll(judge, judge.id)).status).toBe(403);
    const ended = await endAll(t.admin, judge.id);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 2 });
    for (const token of [judge.token, viaB]) {
      await refusedEverywhere('a session ended by the administrator', (http) =>
        http().get('/api/me').set(bearer(token)),
      );
    }
    expect(await login(t.http, judge.email)).toBeTruthy();
    expect((await endAll(t.admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('records the TCP peer as the address: X-Forwarded-For is not believed without TRUST_PROXY', async () => {
    const judge = await t.user(Role.JUDGE);
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ email: judge.email, password: PASSWORD });
    expect(res.status).toBe(200);
    const list = await t.http().get('/api/me/sessions').set(bearer(res.body.accessToken));
    const addresses = list.body.items.map((s: { address: string }) => s.address);
    expect(addresses).not.toContain('203.0.113.9');
    expect(addresses.every((a: string) => /127\.0\.0\.1|::1/.test(a))).toBe(true);
  });

  it('refuses a genuine token that names no session (issued before sessions were recorded)', async () => {
    const judge = await t.user(Role.JUDGE);
    const jwt = new JwtService({ secret: t.env.JWT_SECRET });
    const bare = await jwt.signAsync({ sub: judge.id, role: 'JUDGE' }, { expiresIn: 600 });
    const [session] = (await t.http().get('/api/me/sessions').set(bearer(judge.token))).body.items;
    // A session's id under another user's name is no better.
    const borrowed = await jwt.signAsync(
      { sub: t.admin.id, sid: session.id, role: 'ADMIN' },
      { expiresIn: 600 },
    );
    for (const token of [bare, borrowed]) {
      const res = await t.http().get('/api/me').set(bearer(token));
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Invalid token');
    }
  });
});
