import { Queue } from 'bullmq';
import { Role } from '../src/court/roles';
import { QUEUE } from '../src/queues/queues';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  openQueue,
  promoteAndDrainReminders,
  reminders,
  reviewRequests,
  settled,
} from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

/**
 * Reminders firing for real: the schedule stays the real one (days, 09:00 Vientiane), and the
 * test-only REMINDER_DELAY_DIVISOR=100000 makes the relay wait 1/100000 of each delay, so a day
 * passes in under a second. Everything else (outbox, relay, BullMQ, workers, SMTP) is real.
 */
describe('review reminders', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let mojEn: TestUser;
  let mojLo: TestUser;
  let mps: TestUser;
  let reminderQueue: Queue;

  const answer = (who: TestUser, id: string) =>
    t
      .http()
      .post(`/api/reviews/${id}/response`)
      .set(auth(who))
      .send({
        decision: 'APPROVE',
        comments: '',
        signatory: { name: 'Khamla S.', title: 'Director' },
      });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('reminders', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      REMINDER_DELAY_DIVISOR: '100000',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    mojEn = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'en' });
    mojLo = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    mps = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MPS', locale: 'en' });
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
  });
  afterAll(async () => {
    await reminderQueue?.close();
    await t?.close();
    await smtp?.close();
  });

  it('sends a reminder once to each reviewer; once answered, none of the rest arrives', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(8),
      agencies: ['MOJ'],
    });
    const [request] = await reviewRequests(t, id);
    const planned = await reminders(t, request.id);
    expect(planned.map((r) => r.kind)).toEqual(['D-7', 'D-2', 'D', 'D+3']);
    const first = planned[0];

    const sent = await eventually(async () => {
      const rows = await notifications(t, `dedupe_key = $1`, [`reminder-${first.id}`]);
      return rows.length === 2 ? rows : undefined;
    }, 'the D-7 reminder');
    expect(sent.map((n) => n.user_id).sort()).toEqual([mojEn.id, mojLo.id].sort());
    expect(sent.every((n) => n.kind === 'REVIEW_REMINDER')).toBe(true);
    expect((await answer(mojEn, request.id)).status).toBe(200);

    // The agency's contact address gets its own copy (with an answer link) unless the answer came
    // first: that copy is checked in review-links.e2e-spec.ts; here only the reviewers' count.
    const toReviewers = (m: { to: string[] }) => !m.to.includes('review@moj.example.la');
    const mails = await eventually(async () => {
      const mine = smtp.messages.filter(
        (m) => /^(Reminder|ແຈ້ງເຕືອນ)/.test(m.subject) && toReviewers(m),
      );
      return mine.length >= 2 ? mine : undefined;
    }, 'the reminder e-mails');
    expect(mails.map((m) => m.to[0]).sort()).toEqual([mojEn.email, mojLo.email].sort());
    expect(mails.find((m) => m.to[0] === mojLo.email)!.subject).toMatch(/^ແຈ້ງເຕືອນ: ການທົບທວນ /);

    const states = await reminders(t, request.id);
    expect(states.map((r) => [r.kind, r.state])).toEqual([
      ['D-7', 'SENT'],
      ['D-2', 'CANCELLED'],
      ['D', 'CANCELLED'],
      ['D+3', 'CANCELLED'],
    ]);
    // Let the rest of the schedule's time pass (their jobs, if any are left, run now): nothing arrives.
    await promoteAndDrainReminders(reminderQueue);
    await settled(t);
    const all = await notifications(
      t,
      `data->>'reviewRequestId' = $1 AND kind <> 'REVIEW_REQUESTED'`,
      [request.id],
    );
    expect(all.map((n) => n.dedupe_key)).toEqual([`reminder-${first.id}`, `reminder-${first.id}`]);
    const reminderMails = smtp.messages.filter((m) =>
      /^(Reminder|ແຈ້ງເຕືອນ|Due today|Overdue|ຄົບກຳນົດ|ກາຍກຳນົດ)/.test(m.subject),
    );
    expect(reminderMails.filter(toReviewers)).toHaveLength(2);
    expect(reminderMails.filter((m) => !toReviewers(m)).length).toBeLessThanOrEqual(1);
  });

  it('keeps reminding while overdue, every 3 days, copying the secretariat; each reminder once', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(1),
      agencies: ['MPS'],
    });
    const [request] = await reviewRequests(t, id);
    // D-7 and D-2 have passed already: skipped. The agency was told at once all the same.
    expect((await reminders(t, request.id)).map((r) => r.kind)).toEqual(['D', 'D+3']);
    await eventually(
      async () =>
        (await notifications(t, `user_id = $1 AND kind = 'REVIEW_REQUESTED'`, [mps.id])).length ===
        1,
      'the request notice',
    );

    const sentKinds = () =>
      t.sql(async (c) =>
        (
          await c.query(
            `SELECT kind FROM reminders WHERE review_request_id = $1 AND state = 'SENT' ORDER BY planned_at`,
            [request.id],
          )
        ).rows.map((r) => r.kind),
      );
    await eventually(
      async () => (await sentKinds()).includes('D+6'),
      'D, D+3 and D+6 sent',
      30_000,
    );
    expect((await answer(mps, request.id)).status).toBe(200);

    const rows = await reminders(t, request.id);
    expect(rows.filter((r) => r.state === 'SENT').map((r) => r.kind)).toEqual(['D', 'D+3', 'D+6']);
    expect(rows.filter((r) => r.state === 'PLANNED')).toEqual([]);
    const byKey = (kind: string) => `reminder-${rows.find((r) => r.kind === kind)!.id}`;
    const toReviewer = await notifications(t, `user_id = $1 AND dedupe_key LIKE 'reminder-%'`, [
      mps.id,
    ]);
    expect(toReviewer.map((n) => [n.dedupe_key, n.kind])).toEqual([
      [byKey('D'), 'REVIEW_DUE_TODAY'],
      [byKey('D+3'), 'REVIEW_OVERDUE'],
      [byKey('D+6'), 'REVIEW_OVERDUE'],
    ]);
    const toSecretariat = await notifications(t, `user_id = $1 AND dedupe_key LIKE 'reminder-%'`, [
      secretariat.id,
    ]);
    expect(toSecretariat.map((n) => n.dedupe_key)).toEqual([byKey('D+3'), byKey('D+6')]);
    expect(toSecretariat[0].subject).toMatch(/^Overdue: Ministry of Public Security's review of /);
    const overdueMails = await eventually(async () => {
      const found = smtp.messages.filter((m) => m.subject.startsWith('Overdue'));
      return found.length === 4 ? found : undefined;
    }, 'four overdue e-mails');
    expect(overdueMails.map((m) => m.to[0]).sort()).toEqual(
      [mps.email, mps.email, secretariat.email, secretariat.email].sort(),
    );
  });
  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});
