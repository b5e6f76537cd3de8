import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '../../src/court/roles';
import { QUEUE } from '../../src/queues/queues';
import {
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  openQueue,
  reminders,
  reviewRequests,
} from '../support/review-road';
import { startSmtp, TestSmtp } from '../support/smtp';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { spawnWorker, workerEnvOf, WorkerProcess } from '../support/worker-process';

jest.setTimeout(180_000);

/**
 * Worker processes (src/worker.ts, as `npm run start:worker` runs it) killed with SIGKILL in the
 * middle of a job: first while a reminder is being claimed (held on a row lock the test takes),
 * then while its e-mail is being transferred (the SMTP server holds the message). Each time a
 * new worker takes the stalled job over after the lock expires (JOB_LOCK_MS=2000), and the
 * reminder and its e-mail are delivered exactly once. The API runs with WORKERS=off.
 */
describe('a worker killed mid-job', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let reviewer: TestUser;
  let reminderQueue: Queue;
  let emailQueue: Queue;
  const started: WorkerProcess[] = [];

  const start = () => {
    const worker = spawnWorker(workerEnvOf(t.env));
    started.push(worker);
    return worker;
  };
  const kill = async (worker: WorkerProcess) => {
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    // This file promotes the job of a reminder days ahead: a horizon of a year queues it at once.
    t = await startTestApp('crash', {
      WORKERS: 'off',
      REMINDER_HORIZON_HOURS: '8784',
      SMTP_URL: smtp.url,
      JOB_LOCK_MS: '2000',
      OUTBOX_POLL_MS: '100',
    });
    reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
    emailQueue = openQueue(t.env, QUEUE.EMAIL);
  });
  afterAll(async () => {
    for (const worker of started)
      if (worker.child.exitCode === null && !worker.child.killed) worker.child.kill('SIGKILL');
    await Promise.all(started.map((w) => w.exited));
    await reminderQueue?.close();
    await emailQueue?.close();
    await t?.close();
    await smtp?.close();
  });

  it('delivers the reminder and its e-mail exactly once across two crashes', async () => {
    const secretariat = await t.user(Role.SECRETARIAT);
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(20),
      agencies: ['MOJ'],
    });
    const [request] = await reviewRequests(t, id);
    const [reminder] = await reminders(t, request.id);

    // Hold the reminder row, so the worker's claim waits inside its transaction.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM reminders WHERE id = $1 FOR UPDATE', [reminder.id]);

    // WORKERS=off: the API itself publishes and runs nothing; the move's jobs wait in the outbox.
    const waiting = await t.sql(
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0]
          .n,
    );
    expect(waiting).toBeGreaterThanOrEqual(5); // 4 reminders + the review-requested notice (+ stage changes)
    expect(await notifications(t)).toEqual([]);

    const first = start();
    // The review-requested e-mail goes out first, so from here on the only e-mail is the reminder's.
    await eventually(
      async () =>
        (await notifications(t, `kind = 'REVIEW_REQUESTED' AND email_state = 'SENT'`)).length === 1,
      'the review-requested e-mail',
      60_000,
    );
    const job = await eventually(
      async () => (await reminderQueue.getJob(`reminder-${reminder.id}`)) ?? undefined,
      'the reminder job, published by the relay',
      60_000,
    );
    await job.promote();
    await eventually(async () => (await job.getState()) === 'active', 'the job in hand');
    await eventually(
      () =>
        t.sql(
          async (c) =>
            (
              await c.query(
                `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE reminders r SET state%'`,
              )
            ).rowCount === 1,
        ),
      'the claim waiting on the row lock',
    );
    await kill(first);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect((await reminders(t, request.id))[0].state).toBe('PLANNED');
    expect(await notifications(t, `dedupe_key = $1`, [`reminder-${reminder.id}`])).toEqual([]);

    // Second worker: takes the stalled reminder over; its e-mail transfer is held, then killed.
    // (SMTP holds every transfer from here on.)
    smtp.setMode('hold');
    const second = start();
    const [note] = await eventually(
      async () => {
        const rows = await notifications(t, `dedupe_key = $1`, [`reminder-${reminder.id}`]);
        return rows.length ? rows : undefined;
      },
      'the reminder notification',
      60_000,
    );
    expect(note.user_id).toBe(reviewer.id);
    await eventually(
      async () => smtp.transfersOf(note.id) === 1,
      'the reminder e-mail on the wire',
      30_000,
    );
    await kill(second);
    expect((await notifications(t, `id = $1`, [note.id]))[0].email_state).toBe('PENDING');

    // Third worker: takes the stalled e-mail job over. SIGTERM arrives while the transfer is in
    // hand: shutdown waits for it, and the message goes out once.
    const third = spawnWorker(workerEnvOf(t.env, { LOG_LEVEL: 'debug' }));
    started.push(third);
    await eventually(async () => smtp.transfersOf(note.id) === 2, 'the e-mail taken over', 60_000);
    third.child.kill('SIGTERM');
    await eventually(
      async () => third.output().includes('Stopping workers: finishing the jobs in hand'),
      'the worker to take the SIGTERM',
    );
    expect(third.child.exitCode).toBeNull(); // still finishing the job in hand
    smtp.releaseHeld();
    // Nest closes everything, then re-raises the signal it handled.
    expect(await third.exited).toBe('SIGTERM');
    expect(third.output()).toContain('Workers stopped');
    expect((await notifications(t, `id = $1`, [note.id]))[0].email_state).toBe('SENT');
    // The reviewer's e-mails (the agency's contact address gets a copy of its own, with a link).
    const reminderMails = smtp.messages.filter(
      (m) => !m.agencyMessageId && m.subject.startsWith('ແຈ້ງເຕືອນ'),
    );
    expect(reminderMails).toHaveLength(1);
    expect(reminderMails[0].to).toEqual([reviewer.email]);
    expect(await notifications(t, `dedupe_key = $1`, [`reminder-${reminder.id}`])).toHaveLength(1);
    expect((await reminders(t, request.id))[0].state).toBe('SENT');
  });
});
