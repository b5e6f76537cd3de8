import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Role } from '../src/court/roles';
import { JOB, QUEUE } from '../src/queues/queues';
import { WorkerAppModule } from '../src/worker-app.module';
import { EmailDelivery } from '../src/notifications/email-delivery.service';
import { ReminderDelivery } from '../src/reminders/reminder-delivery.service';
import {
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  openQueue,
  reminders,
  reviewRequests,
  settled,
} from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

/**
 * At-least-once delivery, made exactly-once by the database: the same reminder job run twice
 * (also after BullMQ trimmed it and its id was added again), many jobs for one reminder racing on
 * two worker processes' queues, and two deliveries called at the same instant. Each time: one
 * notification and one e-mail per person. Real schedule (nothing fires on its own here).
 */
describe('reminder delivery under duplicates and races', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let second: INestApplicationContext;
  let secretariat: TestUser;
  let reviewers: TestUser[];
  let reminderQueue: Queue;
  let reminderIds: string[];

  // The reviewers' e-mails; the agency's contact address gets one copy of its own (agencyCopy).
  const reminderMails = () =>
    smtp.messages.filter((m) => !m.agencyMessageId && /^(Reminder|ແຈ້ງເຕືອນ)/.test(m.subject));
  /** The reminder's copy to the agency's contact address: sent once, whatever the races. */
  const expectOneAgencyCopy = async (reminderId: string) => {
    const id = await eventually(
      async () =>
        (
          await t.sql((c) =>
            c.query(`SELECT id FROM agency_messages WHERE dedupe_key = $1`, [
              `reminder-${reminderId}`,
            ]),
          )
        ).rows[0]?.id as string | undefined,
      'the agency copy',
    );
    await eventually(
      async () => smtp.messages.some((m) => m.agencyMessageId === id),
      'the agency copy by e-mail',
    );
    await settled(t);
    expect(smtp.messages.filter((m) => m.agencyMessageId === id)).toHaveLength(1);
  };
  const mailsFor = (reminderId: string, n: number) =>
    eventually(async () => {
      const rows = await notifications(t, `dedupe_key = $1 AND email_state = 'SENT'`, [
        `reminder-${reminderId}`,
      ]);
      return rows.length === n ? rows : undefined;
    }, `e-mails of reminder ${reminderId}`);

  beforeAll(async () => {
    smtp = await startSmtp();
    // This file looks at the jobs of reminders days ahead: a horizon of a year queues them at once.
    t = await startTestApp('races', {
      SMTP_URL: smtp.url,
      REMINDER_HORIZON_HOURS: '8784',
      OUTBOX_POLL_MS: '100',
    });
    // A second worker process on the same database and queues.
    second = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(t.env), {
      logger: false,
    });
    await second.init();
    secretariat = await t.user(Role.SECRETARIAT);
    reviewers = [
      await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'OSPP', locale: 'en' }),
      await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'OSPP', locale: 'lo' }),
    ];
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(20),
      agencies: ['OSPP'],
    });
    const [request] = await reviewRequests(t, id);
    reminderIds = (await reminders(t, request.id)).map((r) => r.id);
    await eventually(
      async () => (await reminderQueue.getJob(`reminder-${reminderIds[0]}`)) ?? undefined,
      'jobs published',
    );
  });
  afterAll(async () => {
    await reminderQueue?.close();
    await second?.close();
    await t?.close();
    await smtp?.close();
  });

  it('runs the same job twice, the second time after it was trimmed and re-added: one notification, one e-mail each', async () => {
    const reminderId = reminderIds[0];
    const job = (await reminderQueue.getJob(`reminder-${reminderId}`))!;
    await job.promote();
    await eventually(async () => (await job.getState()) === 'completed', 'the first run');
    expect((await reminderQueue.getJob(job.id!))!.returnvalue).toEqual({ sent: true, notified: 2 });
    // As removeOnComplete would: the id is free again, so the same job can be delivered anew.
    await job.remove();
    const again = await reminderQueue.add(
      JOB.REVIEW_REMINDER,
      { reminderId },
      { jobId: `reminder-${reminderId}` },
    );
    await eventually(async () => (await again.getState()) === 'completed', 'the second run');
    expect((await reminderQueue.getJob(again.id!))!.returnvalue).toEqual({
      sent: false,
      notified: 0,
    });
    await mailsFor(reminderId, 2);
    const rows = await notifications(t, `dedupe_key = $1`, [`reminder-${reminderId}`]);
    expect(rows.map((n) => n.user_id).sort()).toEqual(reviewers.map((r) => r.id).sort());
    expect(reminderMails()).toHaveLength(2);
    await expectOneAgencyCopy(reminderId);
  });

  it('lets twenty jobs for one reminder race on two workers: one notification, one e-mail each', async () => {
    const reminderId = reminderIds[1];
    const before = reminderMails().length;
    const racers = await reminderQueue.addBulk(
      Array.from({ length: 20 }, (_, i) => ({
        name: JOB.REVIEW_REMINDER,
        data: { reminderId },
        opts: { jobId: `race-${reminderId}-${i}` },
      })),
    );
    await (await reminderQueue.getJob(`reminder-${reminderId}`))!.promote();
    await eventually(
      async () =>
        (await Promise.all(racers.map((j) => j.getState()))).every((s) => s === 'completed'),
      'all racers',
    );
    const outcomes = await Promise.all(
      racers.map(async (j) => (await reminderQueue.getJob(j.id!))!.returnvalue),
    );
    // The real reminder job may have won the claim instead of one of the racers.
    expect(outcomes.filter((o) => o.sent).length).toBeLessThanOrEqual(1);
    await mailsFor(reminderId, 2);
    await settled(t);
    expect(await notifications(t, `dedupe_key = $1`, [`reminder-${reminderId}`])).toHaveLength(2);
    expect(reminderMails().length - before).toBe(2);
    await expectOneAgencyCopy(reminderId);
    const state = await t.sql(
      async (c) =>
        (await c.query(`SELECT state FROM reminders WHERE id = $1`, [reminderId])).rows[0].state,
    );
    expect(state).toBe('SENT');
  });

  it('claims once when two processes deliver the same reminder at the same instant, and sends its e-mail once', async () => {
    const reminderId = reminderIds[2];
    const before = smtp.messages.length;
    const outcomes = await Promise.all([
      t.app.get(ReminderDelivery).deliver(reminderId),
      second.get(ReminderDelivery).deliver(reminderId),
      t.app.get(ReminderDelivery).deliver(reminderId),
      second.get(ReminderDelivery).deliver(reminderId),
    ]);
    expect(outcomes.filter((o) => o.sent)).toEqual([{ sent: true, notified: 2 }]);
    const rows = await notifications(t, `dedupe_key = $1`, [`reminder-${reminderId}`]);
    expect(rows).toHaveLength(2);
    // The e-mail job itself, run by both processes at once (and by the queued job): one message each.
    const results = await Promise.all(
      rows.flatMap((n) => [
        t.app.get(EmailDelivery).deliver(n.id, false),
        second.get(EmailDelivery).deliver(n.id, false),
      ]),
    );
    expect(results.every((r) => r === 'SENT' || r === 'ALREADY_DONE')).toBe(true);
    expect(results.filter((r) => r === 'SENT').length).toBeLessThanOrEqual(2);
    await mailsFor(reminderId, 2);
    await settled(t);
    expect(
      smtp.messages
        .slice(before)
        .filter((m) => !m.agencyMessageId)
        .map((m) => m.subject),
    ).toEqual([
      expect.stringMatching(/^(Due today|ຄົບກຳນົດມື້ນີ້)/),
      expect.stringMatching(/^(Due today|ຄົບກຳນົດມື້ນີ້)/),
    ]);
    await expectOneAgencyCopy(reminderId);
  });
  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});
