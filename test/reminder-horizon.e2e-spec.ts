import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '../src/court/roles';
import { QUEUE } from '../src/queues/queues';
import { ReminderSweep } from '../src/workers/reminder-sweep';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  openQueue,
  reviewRequests,
} from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

interface HorizonRow {
  id: string;
  kind: string;
  planned_at: Date;
  state: string;
  queued: boolean;
  job_id: string | null;
}

/**
 * Reminders reach the queue only within the horizon (here 5 days; 24 hours by default): a move
 * into review writes every reminder row, the jobs of those due within the horizon to the outbox,
 * and the sweep of the workers queues the others as they come within it. Real time (no divisor):
 * a 10-day review has D-7 three days ahead (within 5 days whatever the hour), D-2 eight days
 * ahead, D and D+3 later.
 */
describe('reminders within the horizon', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let reminderQueue: Queue;
  let sweep: ReminderSweep;

  const rowsOf = (guidelineId: string): Promise<HorizonRow[]> =>
    t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT r.id, r.kind, r.planned_at, r.state, r.queued_at IS NOT NULL AS queued, o.job_id
               FROM reminders r JOIN review_requests q ON q.id = r.review_request_id
               LEFT JOIN outbox o ON o.job_id = 'reminder-' || r.id
              WHERE q.guideline_id = $1 ORDER BY r.planned_at, r.id`,
            [guidelineId],
          )
        ).rows,
    );

  const openReview = async (agencies: string[]) => {
    const guidelineId = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies,
    });
    return guidelineId;
  };

  beforeAll(async () => {
    t = await startTestApp('horizon', {
      REMINDER_HORIZON_HOURS: '120',
      REMINDER_SWEEP_MS: '100',
      OUTBOX_POLL_MS: '100',
    });
    secretariat = await t.user(Role.SECRETARIAT);
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
    sweep = t.app.get(ReminderSweep);
  });
  afterAll(async () => {
    await reminderQueue?.close();
    await t?.close();
  });

  it('writes every reminder of a move into review, and the job of only the one within the horizon', async () => {
    const guidelineId = await openReview(['MOJ']);
    const rows = await rowsOf(guidelineId);
    expect(rows.map((r) => [r.kind, r.state, r.queued, r.job_id !== null])).toEqual([
      ['D-7', 'PLANNED', true, true],
      ['D-2', 'PLANNED', false, false],
      ['D', 'PLANNED', false, false],
      ['D+3', 'PLANNED', false, false],
    ]);
    const job = await eventually(
      async () => (await reminderQueue.getJob(`reminder-${rows[0].id}`)) ?? undefined,
      'the delayed job of D-7',
    );
    expect(await job.getState()).toBe('delayed');
    for (const later of rows.slice(1)) {
      expect(await reminderQueue.getJob(`reminder-${later.id}`)).toBeUndefined();
    }
  });

  it('queues a reminder as it comes within the horizon (the sweep at work), with its delay to the planned time', async () => {
    const guidelineId = await openReview(['MPS']);
    const [, d2] = await rowsOf(guidelineId);
    expect(d2.queued).toBe(false);
    // Time passing, as far as D-2 is concerned: it is now due within the hour.
    const soon = new Date(Date.now() + 3_600_000);
    await t.sql((c) =>
      c.query(`UPDATE reminders SET planned_at = $2 WHERE id = $1`, [d2.id, soon]),
    );
    const job = await eventually(
      async () => (await reminderQueue.getJob(`reminder-${d2.id}`)) ?? undefined,
      'the swept reminder in Redis',
    );
    expect(await job.getState()).toBe('delayed');
    expect(job.data).toEqual({ reminderId: d2.id });
    expect(Math.abs(job.timestamp + job.delay - soon.getTime())).toBeLessThan(1_000);
    const after = (await rowsOf(guidelineId)).find((r) => r.id === d2.id)!;
    expect([after.queued, after.job_id]).toEqual([true, `reminder-${d2.id}`]);
  });

  it('never queues a reminder cancelled before it came within the horizon (a new due date)', async () => {
    const guidelineId = await openReview(['OSPP']);
    const [request] = await reviewRequests(t, guidelineId);
    const res = await t
      .http()
      .put(`/api/reviews/${request.id}/due-date`)
      .set(auth(secretariat))
      .send({ dueAt: localDay(30), reason: 'More time asked' });
    expect(res.status).toBe(200);
    // The new schedule (D-7 on day 23 and later) is planned beyond the horizon: rows only.
    const replanned = (await rowsOf(guidelineId)).filter((r) => r.state === 'PLANNED');
    expect(replanned.map((r) => [r.kind, r.queued, r.job_id])).toEqual([
      ['D-7', false, null],
      ['D-2', false, null],
      ['D', false, null],
      ['D+3', false, null],
    ]);
    // Every reminder of both schedules within a horizon of 40 days.
    await sweep.sweep(new Date(Date.now() + 40 * DAY_MS));
    const rows = await rowsOf(guidelineId);
    const cancelled = rows.filter((r) => r.state === 'CANCELLED');
    const planned = rows.filter((r) => r.state === 'PLANNED');
    // D-7 of the first schedule was queued when planned (its job dropped from the outbox if
    // still there, or removed from Redis before the answer); the other three never were.
    expect(cancelled.map((r) => [r.kind, r.queued])).toEqual([
      ['D-7', true],
      ['D-2', false],
      ['D', false],
      ['D+3', false],
    ]);
    expect(cancelled.slice(1).map((r) => r.job_id)).toEqual([null, null, null]);
    expect(planned).toHaveLength(4);
    expect(planned.every((r) => r.queued && r.job_id === `reminder-${r.id}`)).toBe(true);
    for (const r of cancelled)
      expect(await reminderQueue.getJob(`reminder-${r.id}`)).toBeUndefined();
  });

  it('skips the reminders another sweep holds, and queues them once they are free', async () => {
    const guidelineId = await openReview(['MOFA', 'MOJ', 'OSPP', 'MPS']);
    const waiting = (await rowsOf(guidelineId)).filter((r) => !r.queued);
    expect(waiting).toHaveLength(4 * 3);
    const held = waiting.slice(0, 5).map((r) => r.id);
    const horizonEnd = new Date(Date.now() + 40 * DAY_MS);
    // Another sweep in the middle of its statement: these five rows are locked.
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM reminders WHERE id = ANY($1::uuid[]) FOR UPDATE`, [held]);
      await sweep.sweep(horizonEnd);
      const meanwhile = await rowsOf(guidelineId);
      expect(
        meanwhile
          .filter((r) => !r.queued)
          .map((r) => r.id)
          .sort(),
      ).toEqual([...held].sort());
      expect(meanwhile.filter((r) => r.queued).every((r) => r.job_id === `reminder-${r.id}`)).toBe(
        true,
      );
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await sweep.sweep(horizonEnd)).toBe(held.length);
    const rows = await rowsOf(guidelineId);
    expect(rows.every((r) => r.queued && r.job_id === `reminder-${r.id}`)).toBe(true);
    // Swept again, nothing is queued twice.
    expect(await sweep.sweep(horizonEnd)).toBe(0);
  });
});
