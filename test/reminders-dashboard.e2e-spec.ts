import { Role } from '../src/court/roles';
import { auth } from './support/review-road';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(60_000);

/**
 * bull-board at /admin/queues: ADMIN only, outside the /api prefix. A browser gets in with the cookie
 * set by POST /api/queue-dashboard/session; a token in the address is refused (it would be logged).
 */
describe('queue dashboard', () => {
  let t: TestApp;
  let secretariat: TestUser;
  beforeAll(async () => {
    t = await startTestApp('dashboard', { WORKERS: 'off' });
    secretariat = await t.user(Role.SECRETARIAT);
  });
  afterAll(() => t.close());

  it('refuses without a token (401) and to anyone but an ADMIN (403), in the error shape', async () => {
    const none = await t.http().get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const notAdmin = await t.http().get('/admin/queues').set(auth(secretariat));
    expect(notAdmin.status).toBe(403);
    const viaQuery = await t.http().get(`/admin/queues?token=${secretariat.token}`);
    expect(viaQuery.status).toBe(401);
    expect(viaQuery.headers['set-cookie']).toBeUndefined();
    expect(
      (await t.http().get('/admin/queues/api/queues').set('Cookie', 'cg_queues=forged')).status,
    ).toBe(401);
    expect((await t.http().get('/api/admin/queues').set(auth(t.admin))).status).toBe(404);
  });

  it('serves the dashboard and its API to an ADMIN, with a bearer token or the session cookie', async () => {
    const page = await t.http().get('/admin/queues').set(auth(t.admin));
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);

    const opened = await t.http().post('/api/queue-dashboard/session').set(auth(t.admin));
    const cookie = opened.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^cg_queues=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);

    const api = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'domain-events',
      'email',
      'reminders',
    ]);
  });

  it("refuses an ADMIN's token in the address (it would be written to request logs) and sets no cookie", async () => {
    for (const path of [
      `/admin/queues?token=${t.admin.token}`,
      `/admin/queues/api/queues?token=${t.admin.token}`,
    ]) {
      const res = await t.http().get(path);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('opens the dashboard from the web session cookie (with its CSRF token)', async () => {
    const signIn = await t
      .http()
      .post('/api/auth/session')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(signIn.status).toBe(200);
    const session = (signIn.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('cg_session='))!
      .split(';')[0];
    const opened = await t
      .http()
      .post('/api/queue-dashboard/session')
      .set('Cookie', session)
      .set('X-CSRF-Token', signIn.body.csrfToken);
    expect(opened.status).toBe(200);
    const cookie = (opened.headers['set-cookie'][0] as string).split(';')[0];
    expect(cookie).toMatch(/^cg_queues=/);
    expect((await t.http().get('/admin/queues').set('Cookie', cookie)).status).toBe(200);
  });

  it('documents the session route as the way in, without ?token=', async () => {
    const doc = await t.http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    const operation = doc.body.paths['/api/queue-dashboard/session'].post;
    expect(operation.description).toMatch(/only way/);
    expect(operation.description).toMatch(/not accepted/);
  });

  it('lets the web interface open the dashboard for a signed-in ADMIN', async () => {
    const res = await t.http().post('/api/queue-dashboard/session').set(auth(t.admin));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: '/admin/queues' });
    expect(res.headers['set-cookie'][0]).toMatch(/^cg_queues=.*HttpOnly/);
    expect(
      (await t.http().post('/api/queue-dashboard/session').set(auth(secretariat))).status,
    ).toBe(403);
  });
});
