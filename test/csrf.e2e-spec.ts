import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

/**
 * Cross-site request forgery, where cookies would carry it: the web sign-in (login CSRF: another
 * site signing the victim's browser into an account of its choosing) and the queue dashboard's
 * actions. Headers are set as a browser sets them for a page of another site.
 */
describe('cross-site requests', () => {
  let t: TestApp;
  const credentials = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD };

  beforeAll(async () => {
    t = await startTestApp('csrf', { PUBLIC_URL: 'https://guidelines.court.la' });
  });
  afterAll(() => t.close());

  const signIn = (headers: Record<string, string>) =>
    t.http().post('/api/auth/session').set(headers).send(credentials);

  it('refuses a sign-in that a browser marks as coming from another site, and sets no cookie', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.court.la' },
      { Origin: 'https://attacker.example' },
      { Origin: 'null' },
    ]) {
      const res = await signIn(headers);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
        details: [{ code: 'CROSS_SITE_REQUEST' }],
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses the forms another site can send without a script: only JSON is read', async () => {
    const form = await t
      .http()
      .post('/api/auth/session')
      .type('form')
      .send(`email=${encodeURIComponent(ADMIN_EMAIL)}&password=${ADMIN_PASSWORD}`);
    expect(form.status).toBe(415);
    const text = await t
      .http()
      .post('/api/auth/session')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(credentials));
    expect(text.status).toBe(415);
    for (const res of [form, text]) expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('signs in from the service’s own pages, and from clients that are not browsers', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://guidelines.court.la' },
      { Origin: 'https://guidelines.court.la' },
      {},
    ]) {
      const res = await signIn(headers);
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/cg_session=/);
    }
  });

  it("refuses the queue dashboard's actions from another site; its own pages may act", async () => {
    const opened = await t
      .http()
      .post('/api/queue-dashboard/session')
      .set('Authorization', `Bearer ${t.admin.token}`);
    const cookie = (opened.headers['set-cookie'][0] as string).split(';')[0];
    const act = (headers: Record<string, string>) =>
      t
        .http()
        .put('/admin/queues/api/queues/email/clean/completed')
        .set('Cookie', cookie)
        .set(headers);

    for (const headers of <Record<string, string>[]>[
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
      { Origin: 'https://attacker.example' },
    ]) {
      const res = await act(headers);
      expect(res.status).toBe(403);
      expect(res.body.details).toEqual([expect.objectContaining({ code: 'CROSS_SITE_REQUEST' })]);
    }
    // Reading is not an action.
    const read = await t
      .http()
      .get('/admin/queues/api/queues')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site');
    expect(read.status).toBe(200);
    const own = await act({
      'Sec-Fetch-Site': 'same-origin',
      Origin: 'https://guidelines.court.la',
    });
    expect(own.status).toBeLessThan(300);
  });
});
