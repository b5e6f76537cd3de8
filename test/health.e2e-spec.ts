import { startTestApp, TestApp } from './support/test-app';

describe('readiness when Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the app must still start and say which dependency is missing.
    t = await startTestApp('health', { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('answers 503 in the error shape naming Redis, and stays live', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(res.body.message).toMatch(/redis/);
    expect(res.body.message).not.toMatch(/database/);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'redis' })]),
    );
    expect((await t.http().get('/health/live')).status).toBe(200);
  });
});
