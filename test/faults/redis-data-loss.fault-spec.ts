import { Role } from '../../src/court/roles';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  reminders,
  reviewersOf,
  reviewRequests,
} from '../support/review-road';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { startSmtp, TestSmtp } from '../support/smtp';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(150_000);

const KINDS = ['D-7', 'D-2', 'D', 'D+3'];

/**
 * Redis restarted without persistence in the middle of a review's reminder schedule: every
 * delayed job is gone. The outbox relay notices the missing epoch key by itself and publishes the
 * planned reminders again from the database; each reminder is delivered exactly once, with no
 * manual step. REMINDER_DELAY_DIVISOR=50000 lets a day pass in under two seconds.
 */
describe('Redis loses its data mid-schedule', () => {
  let redis: PrivateRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let reviewers: Record<string, TestUser>;

  const ready = async () => {
    const res = await t.http().get('/health/ready');
    return res.status === 200
      ? (res.body.details.redis as { dataSince: string | null; republished: number | null })
      : undefined;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    smtp = await startSmtp();
    t = await startTestApp('redisloss', {
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      REMINDER_DELAY_DIVISOR: '50000',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    reviewers = await reviewersOf(t, { MOFA: 'lo', MOJ: 'en', OSPP: 'en', MPS: 'lo' });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await smtp?.close();
  });

  it('publishes every planned reminder again by itself and delivers each once', async () => {
    const first = await eventually(async () => (await ready())?.dataSince ?? undefined, 'an epoch');
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(8),
      agencies: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
    });
    const requests = await reviewRequests(t, id);
    expect(requests).toHaveLength(4);

    // Mid-schedule: the first reminder of every request is sent, the others wait in Redis.
    const states = async () =>
      (await Promise.all(requests.map((r) => reminders(t, r.id)))).flat();
    await eventually(
      async () => {
        const all = await states();
        const firstSent = requests.every((r) =>
          all.some((m) => m.review_request_id === r.id && m.kind === 'D-7' && m.state === 'SENT'),
        );
        return firstSent && all.some((m) => m.state === 'PLANNED');
      },
      'the first reminders sent',
      30_000,
    );
    const plannedBefore = (await states()).filter((m) => m.state === 'PLANNED').length;
    expect(plannedBefore).toBeGreaterThanOrEqual(requests.length * 2);

    await redis.stop();
    await redis.start();

    // The relay finds Redis empty and plans again from the database: readiness tells it.
    const after = await eventually(
      async () => {
        const redisState = await ready();
        return redisState?.dataSince && redisState.dataSince !== first ? redisState : undefined;
      },
      'the jobs published again',
      20_000,
    );
    expect(after.republished).toBeGreaterThanOrEqual(1);

    await eventually(
      async () => {
        for (const request of requests) {
          const sent = (await reminders(t, request.id))
            .filter((r) => r.state === 'SENT')
            .map((r) => r.kind);
          if (!KINDS.every((k) => sent.includes(k))) return false;
        }
        return true;
      },
      'every reminder sent',
      60_000,
    );
    for (const request of requests) {
      const res = await t
        .http()
        .post(`/api/reviews/${request.id}/response`)
        .set(auth(reviewers[request.code]))
        .send({ decision: 'APPROVE', comments: '', signatory: { name: 'N', title: 'T' } });
      expect(res.status).toBe(200);
    }

    for (const request of requests) {
      const reviewer = reviewers[request.code];
      const sent = (await reminders(t, request.id)).filter((r) => r.state === 'SENT');
      const got = await notifications(t, `user_id = $1 AND dedupe_key LIKE 'reminder-%'`, [
        reviewer.id,
      ]);
      // One notification per reminder sent, none twice.
      expect(got.map((n) => n.dedupe_key).sort()).toEqual(
        sent.map((r) => `reminder-${r.id}`).sort(),
      );
    }
    // Every e-mail once: exactly one message per notification that has one.
    const withMail = await eventually(
      async () => {
        const rows = await notifications(t, `email_state <> 'SKIPPED'`);
        return rows.every((n) => n.email_state === 'SENT') ? rows : undefined;
      },
      'every e-mail sent',
      30_000,
    );
    // The people's e-mails (the agencies' contact addresses get copies of their own, with a link).
    const toPeople = smtp.messages.filter((m) => !m.agencyMessageId);
    expect(toPeople.map((m) => m.notificationId).sort()).toEqual(
      withMail.map((n) => n.id).sort(),
    );
  });
});
