import { Role } from '../../src/court/roles';
import { auth, eventually } from '../support/review-road';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Redis keeps the sign-in budgets. Without it, sign-in goes on and is limited in the process's
 * own memory (never unlimited, never a 500); once Redis is back (empty), the budgets are shared
 * through it again by themselves.
 */
describe('sign-in while Redis is down', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let judge: TestUser;

  const signIn = (email: string, password: string) =>
    t.http().post('/api/auth/login').set('Accept-Language', 'en').send({ email, password });

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp('signin_redis_down', { REDIS_URL: redis.url });
    judge = await t.user(Role.JUDGE, { locale: 'lo' });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('signs in and keeps the limits in the process meanwhile, then counts in Redis again', async () => {
    await redis.stop();
    expect((await signIn(judge.email, PASSWORD)).status).toBe(200);
    expect((await t.http().get('/api/me').set(auth(judge))).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await signIn(`down-${i}@test.court.la`, `wrong-password-${i}`)).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const refused = await signIn(judge.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.details[0].code).toBe('SIGN_IN_THROTTLED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    await redis.start();
    // Back in Redis (empty): the process's own count no longer applies.
    const again = await eventually(async () => {
      const answer = await signIn(judge.email, PASSWORD);
      return answer.status === 200 ? answer : undefined;
    }, 'a sign-in counted in Redis once it is back');
    expect(again.body.accessToken).toEqual(expect.any(String));
  });
});
