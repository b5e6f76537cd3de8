import { Role } from '../src/auth/roles';
import { auth } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(60_000);

/** bull-board at /admin/queues: ADMIN only, outside the /api prefix; the token moves into a cookie. */
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
    expect(viaQuery.status).toBe(403);
    expect(viaQuery.headers['set-cookie']).toBeUndefined();
    expect(
      (await t.http().get('/admin/queues/api/queues').set('Cookie', 'cg_queues=forged')).status,
    ).toBe(401);
    expect((await t.http().get('/api/admin/queues').set(auth(t.admin))).status).toBe(404);
  });

  it('serves the dashboard and its API to an ADMIN, with a bearer token or the cookie set from ?token=', async () => {
    const page = await t.http().get('/admin/queues').set(auth(t.admin));
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);

    const first = await t.http().get(`/admin/queues?token=${t.admin.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/admin/queues');
    const cookie = first.headers['set-cookie'][0] as string;
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
