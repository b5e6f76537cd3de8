import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '../../src/court/roles';
import { QUEUE } from '../../src/queues/queues';
import { auth, eventually, move, notifications, openQueue } from '../support/review-road';
import { parseMail, startSmtp, TestSmtp } from '../support/smtp';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { spawnWorker, workerEnvOf, WorkerProcess } from '../support/worker-process';

jest.setTimeout(180_000);

const DAY = 86_400_000;

/**
 * Worker processes killed with SIGKILL in the middle of the daily digest: first while the scan
 * claims the notices (held on a row lock the test takes), then while the digest e-mail is being
 * transferred (the SMTP server holds it). A new worker takes each stalled job over after the lock
 * expires (JOB_LOCK_MS=2000): the reader gets one digest with every notice, none lost, none twice.
 */
describe('a worker killed mid-digest', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let reader: TestUser;
  let reminderQueue: Queue;
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
  const digests = () =>
    t.sql(
      async (c) =>
        (await c.query(`SELECT id, state FROM email_digests WHERE user_id = $1`, [reader.id]))
          .rows as { id: string; state: string }[],
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('digestcrash', {
      WORKERS: 'off',
      SMTP_URL: smtp.url,
      JOB_LOCK_MS: '2000',
      OUTBOX_POLL_MS: '100',
    });
    reader = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Reader Bua' });
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
  });
  afterAll(async () => {
    for (const worker of started)
      if (worker.child.exitCode === null && !worker.child.killed) worker.child.kill('SIGKILL');
    await Promise.all(started.map((w) => w.exited));
    await reminderQueue?.close();
    await t?.close();
    await smtp?.close();
  });

  it('sends one digest with every notice across a crash in the scan and one in the send', async () => {
    const saved = await t
      .http()
      .put('/api/me/notification-preferences')
      .set(auth(reader))
      .send({ email: { STAGE_CHANGED: 'DAILY' } });
    expect(saved.status).toBe(200);
    const secretariat = await t.user(Role.SECRETARIAT);
    for (const n of [1, 2]) {
      const created = await t
        .http()
        .post('/api/guidelines')
        .set(auth(secretariat))
        .send({
          code: `DC-${n}-${Date.now().toString(36)}`,
          title: { en: `Digest ${n}`, lo: `ສະຫຼຸບ ${n}` },
        });
      const id = created.body.id as string;
      await t
        .http()
        .post(`/api/guidelines/${id}/versions`)
        .set(auth(secretariat))
        .send({
          changeSummary: 'First draft',
          sections: [{ key: 'art-1', heading: 'Article 1', body: 'Children are heard apart.' }],
        });
      await move(t, secretariat, id, {
        to: 'CONSULTATION',
        consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
      });
    }

    const first = start();
    const waiting = await eventually(
      async () => {
        const rows = await notifications(t, `user_id = $1 AND kind = 'STAGE_CHANGED'`, [reader.id]);
        return rows.length === 2 ? rows : undefined;
      },
      "the reader's notices",
      60_000,
    );
    expect(waiting.map((n) => n.email_state)).toEqual(['DAILY', 'DAILY']);

    // Hold the notices, so the scan's claim waits on them; then it is 08:00 (the scheduler's job runs).
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM notifications WHERE user_id = $1 FOR UPDATE`, [reader.id]);
    const scan = await eventually(
      async () =>
        (await reminderQueue.getDelayed()).find((j) => j.name === 'digest.daily-scan') ?? undefined,
      'the scheduled digest scan',
      60_000,
    );
    await scan.promote();
    await eventually(
      () =>
        t.sql(
          async (c) =>
            (
              await c.query(
                `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO email_digests%'`,
              )
            ).rowCount === 1,
        ),
      'the claim waiting on the row lock',
    );
    await kill(first);
    await blocker.query('ROLLBACK');
    await blocker.end();

    // Second worker: takes the scan over (or finds its digest written); the e-mail transfer is
    // held, then the worker is killed.
    smtp.setMode('hold');
    const before = smtp.attempts();
    const second = start();
    await eventually(async () => smtp.attempts() > before, 'the digest on the wire', 60_000);
    await kill(second);
    const [pending] = await digests();
    expect(pending.state).toBe('PENDING');
    const claimed = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT email_state, digest_id FROM notifications WHERE user_id = $1 AND kind = 'STAGE_CHANGED'`,
            [reader.id],
          )
        ).rows,
    );
    expect(claimed).toEqual([
      { email_state: 'DAILY', digest_id: pending.id },
      { email_state: 'DAILY', digest_id: pending.id },
    ]);
    expect(smtp.messages).toEqual([]);

    // Third worker: takes the stalled send over; the digest goes out once, with both notices.
    smtp.setMode('accept');
    start();
    const [mail] = await eventually(
      async () => (smtp.messages.length ? smtp.messages : undefined),
      'the digest delivered',
      60_000,
    );
    expect(mail.to).toEqual([reader.email]);
    expect(mail.digestId).toBe(pending.id);
    const parsed = await parseMail(mail);
    expect(parsed.subject).toBe('Daily digest: 2 notices about 2 guidelines');
    await eventually(async () => (await digests())[0].state === 'SENT', 'the digest recorded SENT');
    expect(await digests()).toHaveLength(1);
    expect(
      (await notifications(t, `user_id = $1 AND kind = 'STAGE_CHANGED'`, [reader.id])).map(
        (n) => n.email_state,
      ),
    ).toEqual(['SENT', 'SENT']);
    expect(smtp.messages).toHaveLength(1);
  });
});
