import { startTestApp, TestApp } from './support/test-app';

describe('the HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('edge');
  });
  afterAll(() => t.close());

  const admin = () => ({ Authorization: `Bearer ${t.admin.token}` });
  const userCount = () =>
    t.sql(async (c) => Number((await c.query('SELECT count(*) FROM users')).rows[0].count));
  const validUser = {
    email: 'edge@test.court.la',
    name: 'Edge',
    password: 'long-enough-pass',
    role: 'JUDGE',
    locale: 'lo',
  };

  it('answers 400 with one detail per bad field for unknown fields and wrong types, writing nothing', async () => {
    const before = await userCount();
    const res = await t
      .http()
      .post('/api/users')
      .set(admin())
      .send({ ...validUser, role: 'KING', locale: 42, isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['role', 'locale', 'isAdmin']));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await userCount()).toBe(before);
  });

  it('answers 400 in the error shape for malformed JSON', async () => {
    const before = await userCount();
    const res = await t
      .http()
      .post('/api/users')
      .set(admin())
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/JSON/),
      details: [],
    });
    expect(await userCount()).toBe(before);
  });

  it('answers 413 in the error shape for a 2 MB body', async () => {
    const before = await userCount();
    const res = await t
      .http()
      .post('/api/users')
      .set(admin())
      .send({ ...validUser, name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.any(String),
      details: [],
    });
    expect(await userCount()).toBe(before);
  });

  it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
    const bad = await t.http().get('/api/users/not-a-uuid').set(admin());
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('Bad Request');
    const unknown = await t
      .http()
      .get('/api/users/5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11')
      .set(admin());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const res = await t.http().get('/api/nothing-here').set(admin());
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: [] });
  });

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    expect((await t.http().get('/health/live')).status).toBe(200);
  });

  it('serves the OpenAPI document with every route and the error shape', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/users',
        '/api/users/{id}',
        '/api/agencies',
        '/health/ready',
        '/metrics',
      ]),
    );
    expect(res.body.components.schemas.ErrorView).toBeDefined();
    const ui = await t.http().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('serves Prometheus metrics', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('sets helmet headers and a request id', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('trace-123');
    const fresh = await t.http().get('/health/live');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
