import { Role } from '../src/court/roles';
import { ActiveUsers } from '../src/users/active-users';
import { eventually } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Callers are kept in memory by each API process (src/users/active-users.ts). These tests change
 * users behind the process's back, in SQL from another session as a second API replica or an
 * operator would, and show that every change is heard at once and that nothing is served from
 * memory while changes cannot be heard.
 */
describe('callers kept in memory', () => {
  let t: TestApp;
  let cache: ActiveUsers;

  beforeAll(async () => {
    t = await startTestApp('active_users');
    cache = t.app.get(ActiveUsers);
  });
  afterAll(() => t.close());

  const bearer = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const listUsers = (u: TestUser) => t.http().get('/api/users').set(bearer(u));
  const sqlAsOtherProcess = (text: string, values: unknown[]) =>
    t.sql((c) => c.query(text, values));

  async function listening(): Promise<void> {
    await t.http().get('/api/me').set(bearer(t.admin)).expect(200);
    await eventually(async () => cache.active, 'the cache to listen for user changes', 5_000);
  }

  it('serves a known caller from memory: a change made with the announcement off is not seen', async () => {
    const judge = await t.user(Role.JUDGE);
    await listening();
    expect((await listUsers(judge)).status).toBe(403);
    // Without the trigger no process hears of it: the process keeps the judge it knows.
    await t.sql(async (c) => {
      await c.query(`ALTER TABLE users DISABLE TRIGGER users_auth_changed`);
      try {
        await c.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [judge.id]);
      } finally {
        await c.query(`ALTER TABLE users ENABLE TRIGGER users_auth_changed`);
      }
    });
    expect((await listUsers(judge)).status).toBe(403);
    cache.forget(judge.id);
    expect((await listUsers(judge)).status).toBe(200);
  });

  it('hears a role change made elsewhere and applies it on the next requests', async () => {
    const judge = await t.user(Role.JUDGE);
    await listening();
    expect((await listUsers(judge)).status).toBe(403);
    const changed = Date.now();
    await sqlAsOtherProcess(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [judge.id]);
    await eventually(async () => (await listUsers(judge)).status === 200, 'the new role', 2_000);
    expect(Date.now() - changed).toBeLessThan(2_000);
  });

  it('refuses a user deactivated elsewhere within moments, with 401', async () => {
    const judge = await t.user(Role.JUDGE);
    await listening();
    await t.http().get('/api/me').set(bearer(judge)).expect(200);
    await sqlAsOtherProcess(`UPDATE users SET active = false WHERE id = $1`, [judge.id]);
    const res = await eventually(
      async () => {
        const r = await t.http().get('/api/guidelines').set(bearer(judge));
        return r.status === 401 && r;
      },
      'the deactivated user to be refused',
      2_000,
    );
    expect(res.body).toMatchObject({ statusCode: 401, message: 'Invalid token' });
  });

  it('refuses a user deactivated through this API on the very next request', async () => {
    const judge = await t.user(Role.JUDGE);
    await listening();
    await t.http().get('/api/guidelines').set(bearer(judge)).expect(200);
    await t.http().patch(`/api/users/${judge.id}`).set(bearer(t.admin)).send({ active: false });
    expect((await t.http().get('/api/guidelines').set(bearer(judge))).status).toBe(401);
  });

  it('reads every caller from the database while it cannot hear changes, then listens again', async () => {
    const judge = await t.user(Role.JUDGE);
    await listening();
    expect((await listUsers(judge)).status).toBe(403);
    const cut = await t.sql(
      (c) =>
        c.query(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE datname = current_database() AND query = 'LISTEN auth_users'`,
        ) as Promise<{ rows: { ok: boolean }[] }>,
    );
    expect(cut.rows).toEqual([{ ok: true }]);
    await eventually(async () => !cache.active, 'the cache to notice', 2_000);
    // Nobody hears this change, and yet the next request sees it.
    await sqlAsOtherProcess(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [judge.id]);
    expect((await listUsers(judge)).status).toBe(200);
    await eventually(async () => cache.active, 'the cache to listen again', 10_000);
    await sqlAsOtherProcess(`UPDATE users SET role = 'JUDGE' WHERE id = $1`, [judge.id]);
    await eventually(async () => (await listUsers(judge)).status === 403, 'the role back', 2_000);
  });
});
