import { spawnSync } from 'node:child_process';
import { Role } from '../src/court/roles';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  reminders,
  reviewRequests,
} from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';
import { spawnWorker, workerEnvOf, WorkerProcess } from './support/worker-process';

jest.setTimeout(90_000);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (the lines that are not comments). */
function samples(text: string): Sample[] {
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = line.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

const sum = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);

/**
 * /metrics after real work: a review opened (its e-mails sent through a real SMTP server), a
 * reviewer's comment, a reminder sent (time compressed as in the reminder tests), a request gone
 * overdue. The counters come from the rows the workers wrote, and the text passes promtool.
 */
describe('/metrics', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('metrics', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      REMINDER_DELAY_DIVISOR: '100000',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('counts e-mails, reminders, requests by route and overdue reviews, and passes promtool', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(8),
      agencies: ['MOJ'],
    });
    const [request] = await reviewRequests(t, id);
    const commented = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(auth(reviewer))
      .send({ sectionKey: 'art-1', body: 'The separate room needs a second exit.' });
    expect(commented.status).toBe(201);

    // The D-7 reminder is due a day from now: with the compressed time it goes out at once.
    await eventually(
      async () => (await reminders(t, request.id)).some((r) => r.state === 'SENT'),
      'a reminder sent',
    );
    // The request notice and the reminder, each by e-mail to the reviewer.
    await smtp.waitFor(2);
    await eventually(
      () =>
        t.sql(
          async (c) =>
            (await c.query(`SELECT 1 FROM notifications WHERE email_state = 'SENT'`)).rowCount! >=
            2,
        ),
      'the e-mails recorded as sent',
    );
    // Time passing: the due day is yesterday.
    await t.sql((c) =>
      c.query(`UPDATE review_requests SET due_date = $2::date WHERE id = $1`, [
        request.id,
        localDay(-1),
      ]),
    );
    const overdue = await t.http().get('/api/reviews?status=OVERDUE').set(auth(secretariat));
    expect(overdue.body.items).toHaveLength(1);

    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    const text = res.text;
    const all = samples(text);

    expect(sum(all, 'emails_sent_total')).toBeGreaterThanOrEqual(2);
    expect(sum(all, 'emails_sent_total', { kind: 'REVIEW_REMINDER' })).toBeGreaterThanOrEqual(1);
    // Every kind is there from the start, failures at 0 (an alert on increase() sees the first).
    const failed = all.filter((s) => s.name === 'emails_failed_total');
    expect(failed.map((s) => s.labels.kind)).toEqual(
      expect.arrayContaining(['REVIEW_REMINDER', 'REVIEW_OVERDUE', 'PASSWORD_RESET']),
    );
    expect(failed.every((s) => s.value === 0)).toBe(true);
    expect(sum(all, 'notifications_total', { kind: 'REVIEW_REQUESTED' })).toBeGreaterThanOrEqual(1);
    expect(sum(all, 'reminders_sent_total')).toBeGreaterThanOrEqual(1);
    expect(sum(all, 'reminders_planned_total')).toBe((await reminders(t, request.id)).length);
    expect(sum(all, 'review_requests_overdue')).toBe(1);
    expect(all.some((s) => s.name === 'outbox_waiting')).toBe(true);
    expect(all.some((s) => s.name === 'outbox_oldest_age_seconds')).toBe(true);
    for (const queue of ['domain-events', 'reminders', 'email']) {
      for (const state of ['waiting', 'delayed', 'failed']) {
        expect(
          all.filter(
            (s) => s.name === 'queue_jobs' && s.labels.queue === queue && s.labels.state === state,
          ),
        ).toHaveLength(1);
      }
    }

    // HTTP requests by route pattern, method and status; never the raw address.
    const route = '/api/guidelines/:id/versions/:number/comments';
    expect(sum(all, 'http_requests_total', { route, method: 'POST', status: '201' })).toBe(1);
    expect(
      sum(all, 'http_request_duration_seconds_count', { route, method: 'POST', status: '201' }),
    ).toBe(1);
    expect(
      sum(all, 'http_requests_total', { route: '/api/reviews', method: 'GET', status: '200' }),
    ).toBe(1);
    expect(sum(all, 'http_requests_total')).toBeGreaterThan(10);
    const routes = all.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route);
    expect(routes.filter((r) => r.includes(id) || r.includes('?'))).toEqual([]);

    // Prometheus' own linter: nothing to report.
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(promtool.error).toBeUndefined();
    expect({ status: promtool.status, output: promtool.stdout + promtool.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });

  it('counts an unknown address under one route label, not its URL', async () => {
    expect((await t.http().get('/api/no-such-thing/123')).status).toBe(404);
    const all = samples((await t.http().get('/metrics')).text);
    expect(
      sum(all, 'http_requests_total', { route: '(unmatched)', method: 'GET', status: '404' }),
    ).toBe(1);
    expect(all.some((s) => s.labels.route?.includes('no-such-thing'))).toBe(false);
  });
});

describe('/metrics with METRICS_TOKEN set', () => {
  const token = 'scrape-7f3c9a1e5b2d8046c1e9a4d0b6f2';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('metrics-token', { METRICS_TOKEN: token });
  });
  afterAll(() => t?.close());

  it('answers only its bearer token: 401 in the error shape without it or with another', async () => {
    const admin = await t.user(Role.ADMIN);
    for (const header of [undefined, `Bearer ${token}x`, `Bearer ${admin.token}`, token]) {
      const request = t.http().get('/metrics').set('Accept-Language', 'lo');
      const res = await (header ? request.set('Authorization', header) : request);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'ຕົວຊີ້ວັດຕອບສະເພາະ token ຂອງມັນ: ກະລຸນາສົ່ງ Authorization: Bearer <METRICS_TOKEN>',
        details: [],
      });
      expect(res.text).not.toContain('process_cpu');
    }
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(samples(res.text).some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    // The scheme in any case (RFC 7235).
    expect((await t.http().get('/metrics').set('Authorization', `bearer ${token}`)).status).toBe(
      200,
    );
    // The rest of the service is not behind it.
    expect((await t.http().get('/health/live')).status).toBe(200);
  });
});

describe('/metrics when Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the queues cannot be counted, everything else still is.
    t = await startTestApp('metrics-no-redis', { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t?.close());

  it('answers with the database and HTTP metrics, and no queue counts', async () => {
    const started = Date.now();
    const res = await t.http().get('/metrics');
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    const all = samples(res.text);
    expect(all.some((s) => s.name === 'queue_jobs')).toBe(false);
    expect(all.some((s) => s.name === 'emails_sent_total')).toBe(true);
    expect(all.some((s) => s.name === 'review_requests_overdue')).toBe(true);
    expect(sum(all, 'http_requests_total', { route: '/api/auth/login' })).toBeGreaterThanOrEqual(1);
    // Bounded by the 2-second wait for Redis, not by its retries.
    expect(took).toBeLessThan(10_000);
  });
});

/**
 * The e-mails are sent by a worker process of its own (`npm run start:worker`), which serves no
 * HTTP: the API's /metrics still counts them, from the notifications' rows.
 */
describe('/metrics of an API whose workers run elsewhere', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('metrics-split', {
      SMTP_URL: smtp.url,
      WORKERS: 'off',
      OUTBOX_POLL_MS: '100',
      EMAIL_ATTEMPTS: '1',
    });
    worker = spawnWorker(workerEnvOf(t.env));
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await t?.close();
    await smtp?.close();
  });

  const resetEmail = async (email: string, state: string) => {
    const asked = await t.http().post('/api/auth/password-reset').send({ email });
    expect(asked.status).toBe(202);
    await eventually(
      () =>
        t.sql(
          async (c) =>
            (
              await c.query(
                `SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id
                 WHERE u.email = $1 AND n.kind = 'PASSWORD_RESET' AND n.email_state = $2`,
                [email, state],
              )
            ).rowCount === 1,
        ),
      `the reset e-mail ${state}`,
      40_000,
    );
  };
  const count = async (name: string) =>
    sum(samples((await t.http().get('/metrics')).text), name, { kind: 'PASSWORD_RESET' });

  it('counts an e-mail the SMTP server refused as failed, and one it took as sent', async () => {
    const first = await t.user(Role.SECRETARIAT, { locale: 'en' });
    const second = await t.user(Role.SECRETARIAT, { locale: 'lo' });

    smtp.setMode('reject');
    await resetEmail(first.email, 'FAILED');
    expect(await count('emails_failed_total')).toBe(1);
    expect(await count('emails_sent_total')).toBe(0);

    smtp.setMode('accept');
    await resetEmail(second.email, 'SENT');
    expect(await count('emails_sent_total')).toBe(1);
    expect(await count('emails_failed_total')).toBe(1);
    expect(await count('notifications_total')).toBe(2);
  });
});
