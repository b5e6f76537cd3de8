import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '../src/court/roles';
import { QueueRegistry } from '../src/queues/queue-registry';
import { JOB, QUEUE } from '../src/queues/queues';
import { OutboxRelay } from '../src/outbox/outbox.relay';
import {
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  openQueue,
  reminders,
  reviewRequests,
} from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

/**
 * A relay that counts what its passes report as published (a row published twice would make the
 * sum exceed the rows) and how many passes ran at once.
 */
class CountingRelay extends OutboxRelay {
  published = 0;
  inPass = 0;
  mostAtOnce = 0;

  override async publishBatch(): Promise<{ published: number; failed: number; error?: string }> {
    this.inPass += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.inPass);
    try {
      const pass = await super.publishBatch();
      this.published += pass.published;
      return pass;
    } finally {
      this.inPass -= 1;
    }
  }
}

/**
 * The outbox as the move into interagency review writes it, and the relay publishing a backlog
 * with its publish loops side by side. The API runs with WORKERS=off, so no relay but the test's
 * own touches the outbox; OUTBOX_POLL_MS is a minute, so only LISTEN/NOTIFY can wake it.
 */
describe('outbox: review jobs and the relay', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let reminderQueue: Queue;

  beforeAll(async () => {
    // This file looks at the jobs of reminders days ahead: a horizon of a year queues them at once.
    t = await startTestApp('outboxrelay', {
      WORKERS: 'off',
      REMINDER_HORIZON_HOURS: '8784',
      OUTBOX_POLL_MS: '60000',
    });
    secretariat = await t.user(Role.SECRETARIAT);
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
  });
  afterAll(async () => {
    await reminderQueue?.close();
    await t?.close();
  });

  it('writes one reminder job per reminder and one review-requested job for the move', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    const before = new Date();
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(20),
      agencies: ['MOJ', 'MPS', 'OSPP'],
    });
    const requests = await reviewRequests(t, id);
    expect(requests.map((r) => r.code)).toEqual(['MOJ', 'MPS', 'OSPP']);

    const [{ transition_id: transitionId }] = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT DISTINCT transition_id::text FROM review_requests WHERE guideline_id = $1`,
            [id],
          )
        ).rows,
    );
    const expected: { job_id: string; queue: string; job_name: string; payload: object }[] = [
      {
        job_id: `review-requested-${transitionId}`,
        queue: QUEUE.DOMAIN_EVENTS,
        job_name: JOB.REVIEW_REQUESTED,
        payload: {
          transitionId,
          reviewRequestIds: requests.map((r) => r.id).sort(),
        },
      },
    ];
    const runAt = new Map<string, Date>();
    for (const request of requests) {
      const planned = await reminders(t, request.id);
      expect(planned.map((r) => r.kind)).toEqual(['D-7', 'D-2', 'D', 'D+3']);
      for (const reminder of planned) {
        expected.push({
          job_id: `reminder-${reminder.id}`,
          queue: QUEUE.REMINDERS,
          job_name: JOB.REVIEW_REMINDER,
          payload: { reminderId: reminder.id },
        });
        runAt.set(`reminder-${reminder.id}`, reminder.planned_at);
      }
    }
    const rows: {
      job_id: string;
      queue: string;
      job_name: string;
      payload: object;
      run_at: Date;
      published_at: Date | null;
      attempts: number;
    }[] = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT job_id, queue, job_name, payload, run_at, published_at, attempts FROM outbox
             WHERE job_id = ANY($1::text[])`,
            [expected.map((e) => e.job_id)],
          )
        ).rows,
    );
    expect(
      rows.map(({ job_id, queue, job_name, payload }) => ({ job_id, queue, job_name, payload })),
    ).toEqual(expect.arrayContaining(expected));
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) {
      expect(row.job_id).not.toContain(':');
      expect(row.published_at).toBeNull();
      expect(row.attempts).toBe(0);
      const planned = runAt.get(row.job_id);
      if (planned) expect(row.run_at.getTime()).toBe(planned.getTime());
      else {
        expect(row.run_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
        expect(row.run_at.getTime()).toBeLessThanOrEqual(Date.now());
      }
    }
  });

  it('publishes a backlog with passes side by side, each row once, woken by NOTIFY', async () => {
    const relay = new CountingRelay(t.app.get(DataSource), t.app.get(QueueRegistry), t.env);
    relay.onApplicationBootstrap();
    try {
      // Whatever the first test left, then an idle relay: nothing more to publish until NOTIFY.
      await eventually(
        async () =>
          (await t.sql((c) => c.query(`SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1`)))
            .rowCount === 0,
        'the earlier jobs published',
      );
      const publishedBefore = relay.published;
      relay.mostAtOnce = relay.inPass;

      const backlog = 4_500;
      await t.sql((c) =>
        c.query(
          `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
           SELECT $1, $2, 'backlog-' || n, jsonb_build_object('reminderId', 'backlog-' || n),
                  now() + interval '30 days'
           FROM generate_series(1, $3::int) AS n`,
          [QUEUE.REMINDERS, JOB.REVIEW_REMINDER, backlog],
        ),
      );
      await eventually(
        async () =>
          (await t.sql((c) => c.query(`SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1`)))
            .rowCount === 0,
        'the backlog published (without waiting for the one-minute poll)',
      );

      // Each row once: the passes' published counts add up to the backlog, not more.
      expect(relay.published - publishedBefore).toBe(backlog);
      expect(relay.mostAtOnce).toBeGreaterThanOrEqual(2);
      const attempts = await t.sql(
        async (c) =>
          (
            await c.query(
              `SELECT count(*)::int AS n, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
                      coalesce(array_agg(DISTINCT last_error) FILTER (WHERE attempts > 0), '{}') AS errors
                 FROM outbox WHERE job_id LIKE 'backlog-%'`,
            )
          ).rows[0],
      );
      expect(attempts).toMatchObject({ n: backlog, unpublished: 0 });
      // A pass may be refused on a busy machine only by the relay's own Redis time limits (the
      // rows then go again in a later pass, counted once above); never by anything else.
      for (const error of attempts.errors as string[]) {
        expect(error).toMatch(/no answer from Redis in \d+ ms|^Redis unreachable$/);
      }
      const delayed = await reminderQueue.getJobs(['delayed'], 0, -1);
      const ids = delayed.map((j) => j.id).filter((jobId) => jobId?.startsWith('backlog-'));
      expect(new Set(ids).size).toBe(backlog);
      const one = delayed.find((j) => j.id === 'backlog-7');
      expect(one?.name).toBe(JOB.REVIEW_REMINDER);
      expect(one?.data).toEqual({ reminderId: 'backlog-7' });
    } finally {
      await relay.beforeApplicationShutdown();
    }
  });
});
