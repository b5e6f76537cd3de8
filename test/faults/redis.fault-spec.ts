import { Role } from '../../src/court/roles';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  notifications,
  reminders,
  reviewersOf,
  reviewRequests,
} from '../support/review-road';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { startSmtp, TestSmtp } from '../support/smtp';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Redis taken away (a private redis-server, stopped: its data is gone) while the guideline moves
 * into interagency review. The move succeeds; the outbox keeps the jobs, counting failed
 * attempts; when Redis is back (empty) the relay schedules every reminder, and each is delivered
 * once. REMINDER_DELAY_DIVISOR=100000 lets a day pass in under a second.
 */
describe('Redis down during the move into interagency review', () => {
  let redis: PrivateRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let reviewers: Record<string, TestUser>;

  const unpublished = () =>
    t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT job_name, attempts, last_error FROM outbox WHERE published_at IS NULL`,
          )
        ).rows,
    );

  beforeAll(async () => {
    redis = await startPrivateRedis();
    smtp = await startSmtp();
    t = await startTestApp('redisdown', {
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      REMINDER_DELAY_DIVISOR: '100000',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    reviewers = await reviewersOf(t, { MOFA: 'lo', MOJ: 'en', OSPP: 'en', MPS: 'lo' });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await smtp?.close();
  });

  it('moves without Redis, then schedules and delivers every reminder once when Redis is back', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await eventually(async () => (await unpublished()).length === 0, 'earlier jobs published');

    await redis.stop();
    const moved = await t
      .http()
      .post(`/api/guidelines/${id}/transitions`)
      .set(auth(secretariat))
      .send({
        to: 'INTERAGENCY_REVIEW',
        reviewDueAt: localDay(8),
        agencies: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
      });
    expect(moved.status).toBe(200);
    const requests = await reviewRequests(t, id);
    expect(requests).toHaveLength(4);

    // The relay tries, fails, and keeps every job, with the attempt and the error recorded.
    const waiting = await eventually(async () => {
      const rows = await unpublished();
      return rows.length && rows.every((r) => r.attempts > 0 && r.last_error) ? rows : undefined;
    }, 'failed publish attempts recorded');
    const count = (name: string) => waiting.filter((r) => r.job_name === name).length;
    expect(count('review.reminder')).toBe(16);
    expect(count('review.requested')).toBe(1); // one for the move, telling the four agencies
    expect(count('guideline.stage-changed')).toBe(1);
    expect(await notifications(t, `kind = 'REVIEW_REQUESTED'`)).toEqual([]);

    // Readiness names the missing dependency; the API itself keeps answering.
    const notReady = await t.http().get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body.details.map((d: { code: string }) => d.code)).toEqual(['redis']);

    await redis.start();
    await eventually(
      async () => (await t.http().get('/health/ready')).status === 200,
      'ready again',
    );
    await eventually(
      async () => (await unpublished()).length === 0,
      'the outbox published after Redis is back',
      40_000,
    );

    // Every reminder of the schedule comes due (a day < 1 s): D-7, D-2, D and the first overdue one.
    await eventually(
      async () => {
        for (const request of requests) {
          const sent = (await reminders(t, request.id))
            .filter((r) => r.state === 'SENT')
            .map((r) => r.kind);
          if (!['D-7', 'D-2', 'D', 'D+3'].every((k) => sent.includes(k))) return false;
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
      // One notification per reminder sent, none twice, none for a reminder not sent.
      expect(got.map((n) => n.dedupe_key).sort()).toEqual(
        sent.map((r) => `reminder-${r.id}`).sort(),
      );
      const requested = await notifications(t, `user_id = $1 AND kind = 'REVIEW_REQUESTED'`, [
        reviewer.id,
      ]);
      expect(requested).toHaveLength(1);
    }
    // Every e-mail once: exactly one message per notification.
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
    expect(toPeople.map((m) => m.notificationId).sort()).toEqual(withMail.map((n) => n.id).sort());
  });
});
