import { Client } from 'pg';
import { Role } from '../src/court/roles';
import { eventually } from './support/review-road';
import { lockWaiters } from './support/lock-waits';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Two administrators at work at the same moment. Each test holds, from another session, the row
 * lock the service takes, sends both requests, waits until both are seen waiting for that lock in
 * pg_stat_activity, and only then lets them go: so the requests really run at once, and each test
 * fails when the service stops taking its lock (the requests then never wait).
 */
describe('administrators at the same moment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('admin_races');
  });
  afterAll(() => t.close());

  const bearer = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  /** Runs `send` while `lockSql` is held in another transaction, until `waiters` requests wait. */
  async function whileLocked<T>(
    lockSql: string,
    params: unknown[],
    waitingOn: string,
    waiters: number,
    send: () => Promise<T>[],
  ): Promise<T[]> {
    return t.sql(async (c: Client) => {
      await c.query('BEGIN');
      await c.query(lockSql, params);
      const pending = send();
      await eventually(
        async () => (await lockWaiters(t.sql, waitingOn)) === waiters,
        `${waiters} requests to wait on "${waitingOn}"`,
        15_000,
      );
      await c.query('COMMIT');
      return Promise.all(pending);
    });
  }

  /**
   * The file's own admin steps aside while two others race (deactivated in SQL), then comes back;
   * a deactivation ends its sessions, so it signs in again.
   */
  async function restoreFileAdmin(): Promise<void> {
    await t.sql((c) => c.query(`UPDATE users SET active = true WHERE id = $1`, [t.admin.id]));
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
      .expect(200);
    t.admin.token = res.body.accessToken;
  }

  const activeAdmins = () =>
    t.sql(
      async (c) =>
        (await c.query(`SELECT id FROM users WHERE role = 'ADMIN' AND active`)).rows.map(
          (r: { id: string }) => r.id,
        ) as string[],
    );

  it('two admins deactivating each other: one succeeds, the other is 409 and one admin remains', async () => {
    const a = await t.user(Role.ADMIN);
    const b = await t.user(Role.ADMIN);
    // Only a and b are active administrators during the race (the file's own admin steps aside).
    const setActive = (id: string, active: boolean) =>
      t.sql((c) => c.query(`UPDATE users SET active = $2 WHERE id = $1`, [id, active]));
    await setActive(t.admin.id, false);
    try {
      expect((await activeAdmins()).sort()).toEqual([a.id, b.id].sort());
      const [aToB, bToA] = await whileLocked(
        `SELECT id FROM users WHERE role = 'ADMIN' AND active FOR UPDATE`,
        [],
        `role = 'ADMIN' AND active ORDER BY id FOR UPDATE`,
        2,
        () => [
          t
            .http()
            .patch(`/api/users/${b.id}`)
            .set(bearer(a))
            .send({ active: false })
            .then((r) => r),
          t
            .http()
            .patch(`/api/users/${a.id}`)
            .set(bearer(b))
            .set('Accept-Language', 'lo')
            .send({ active: false })
            .then((r) => r),
        ],
      );

      expect([aToB.status, bToA.status].sort()).toEqual([200, 409]);
      const refused = aToB.status === 409 ? aToB : bToA;
      expect(refused.body.details).toEqual([
        { code: 'LAST_ACTIVE_ADMIN', message: expect.any(String) },
      ]);
      expect(refused.body.message).toBe(
        refused === bToA
          ? 'ຕ້ອງມີຜູ້ບໍລິຫານລະບົບທີ່ໃຊ້ງານຢູ່ຢ່າງໜ້ອຍໜຶ່ງຄົນ: ໃຫ້ຜູ້ໃຊ້ອື່ນເປັນຜູ້ບໍລິຫານລະບົບກ່ອນ'
          : 'At least one active administrator must remain: make another user an administrator first',
      );
      // The one who remains is the target of the refused change.
      expect(await activeAdmins()).toEqual([aToB.status === 200 ? a.id : b.id]);
    } finally {
      await restoreFileAdmin();
    }
  });

  it('an admin demoting another while being demoted: the same one-admin-remains rule', async () => {
    const a = await t.user(Role.ADMIN);
    const b = await t.user(Role.ADMIN);
    await t.sql((c) =>
      c.query(`UPDATE users SET active = false WHERE role = 'ADMIN' AND id <> ALL($1)`, [
        [a.id, b.id],
      ]),
    );
    try {
      const [aToB, bToA] = await whileLocked(
        `SELECT id FROM users WHERE role = 'ADMIN' AND active FOR UPDATE`,
        [],
        `role = 'ADMIN' AND active ORDER BY id FOR UPDATE`,
        2,
        () => [
          t
            .http()
            .patch(`/api/users/${b.id}`)
            .set(bearer(a))
            .send({ role: Role.OBSERVER })
            .then((r) => r),
          t
            .http()
            .patch(`/api/users/${a.id}`)
            .set(bearer(b))
            .send({ active: false })
            .then((r) => r),
        ],
      );
      expect([aToB.status, bToA.status].sort()).toEqual([200, 409]);
      expect(await activeAdmins()).toHaveLength(1);
    } finally {
      await restoreFileAdmin();
    }
  });

  it('two admins editing different fields of one user at once: both edits are kept', async () => {
    const first = t.admin;
    const second = await t.user(Role.ADMIN);
    const judge = await t.user(Role.JUDGE, { name: 'Judge before' });

    const results = await whileLocked(
      `SELECT id FROM users WHERE id = $1 FOR UPDATE`,
      [judge.id],
      `SELECT id FROM users WHERE id = $1 FOR UPDATE`,
      2,
      () => [
        t
          .http()
          .patch(`/api/users/${judge.id}`)
          .set(bearer(first))
          .send({ name: 'Judge renamed' })
          .then((r) => r),
        t
          .http()
          .patch(`/api/users/${judge.id}`)
          .set(bearer(second))
          .send({ locale: 'lo' })
          .then((r) => r),
      ],
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const stored = await t.sql(
      async (c) =>
        (await c.query(`SELECT name, locale FROM users WHERE id = $1`, [judge.id])).rows[0],
    );
    expect(stored).toEqual({ name: 'Judge renamed', locale: 'lo' });
  });

  it('two admins editing one agency at once: the name and the contact address are both kept', async () => {
    const created = await t
      .http()
      .post('/api/agencies')
      .set(bearer(t.admin))
      .send({ code: 'RACE', name: { en: 'Race agency', lo: 'ອົງການ' }, email: 'before@race.gov.la' })
      .expect(201);
    const id: string = created.body.id;
    const other = await t.user(Role.ADMIN);

    const results = await whileLocked(
      `SELECT id FROM agencies WHERE id = $1 FOR UPDATE`,
      [id],
      `FROM "agencies"`,
      2,
      () => [
        t
          .http()
          .patch(`/api/agencies/${id}`)
          .set(bearer(t.admin))
          .send({ name: { en: 'Renamed', lo: 'ປ່ຽນຊື່' } })
          .then((r) => r),
        t
          .http()
          .patch(`/api/agencies/${id}`)
          .set(bearer(other))
          .send({ email: 'after@race.gov.la' })
          .then((r) => r),
      ],
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const stored = await t.sql(
      async (c) =>
        (await c.query(`SELECT name_en, name_lo, email FROM agencies WHERE id = $1`, [id])).rows[0],
    );
    expect(stored).toEqual({ name_en: 'Renamed', name_lo: 'ປ່ຽນຊື່', email: 'after@race.gov.la' });
  });
});
