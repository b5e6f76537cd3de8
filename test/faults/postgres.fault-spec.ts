import { Role } from '../../src/court/roles';
import { TcpProxy } from '../support/tcp-proxy';
import { PASSWORD, startTestApp, TestApp } from '../support/test-app';

/** PostgreSQL connections cut and restored under a running service: 503 while down, no restart needed. */
describe('fault: PostgreSQL connections cut', () => {
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    proxy = await new TcpProxy('127.0.0.1', 5432).start();
    t = await startTestApp(
      'fault_pg',
      {},
      {
        mapDatabaseUrl: (url) => {
          const viaProxy = new URL(url);
          viaProxy.port = String(proxy.port);
          return viaProxy.toString();
        },
      },
    );
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.stop();
  });

  const admin = () => ({ Authorization: `Bearer ${t.admin.token}` });
  const newUser = (email: string) => ({
    email,
    name: 'Fault Test',
    password: PASSWORD,
    role: Role.JUDGE,
    locale: 'lo',
  });

  async function until(check: () => Promise<boolean>, ms = 15000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('condition not met in time');
  }

  it('answers 503 in the error shape while the database is unreachable, and recovers by itself', async () => {
    const before = await t
      .http()
      .post('/api/users')
      .set(admin())
      .send(newUser('before.cut@test.court.la'));
    expect(before.status).toBe(201);

    proxy.cut();

    const duringRead = await t.http().get('/api/me').set(admin());
    expect(duringRead.status).toBe(503);
    expect(duringRead.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.any(String),
      details: [],
    });

    const duringWrite = await t
      .http()
      .post('/api/users')
      .set(admin())
      .send(newUser('during.cut@test.court.la'));
    expect(duringWrite.status).toBe(503);
    expect(JSON.stringify(duringWrite.body)).not.toMatch(/\n\s+at /);

    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.map((d: { code: string }) => d.code)).toContain('database');

    proxy.restore();
    await until(async () => (await t.http().get('/health/ready')).status === 200);

    const after = await t
      .http()
      .post('/api/users')
      .set(admin())
      .send(newUser('after.cut@test.court.la'));
    expect(after.status).toBe(201);

    // Accepted writes are all there, once; the refused one is not.
    const stored = await t.sql(async (c) =>
      (
        await c.query(
          `SELECT email FROM users WHERE email LIKE '%.cut@test.court.la' ORDER BY email`,
        )
      ).rows.map((r) => r.email),
    );
    expect(stored).toEqual(['after.cut@test.court.la', 'before.cut@test.court.la']);
  });
});
