import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Role } from '../src/court/roles';
import { QUEUE } from '../src/queues/queues';
import { planReviewReminders } from '../src/reminders/reminder-schedule';
import { ReviewNotices } from '../src/reviews/review-notices.service';
import {
  auth,
  promoteAndDrainReminders,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  openQueue,
  reminders,
  reviewersOf,
  reviewRequests,
  ReviewRow,
} from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * Interagency review through HTTP on real PostgreSQL, Redis and a real SMTP server: entering the
 * review for the four agencies, who sees what, answering, moving the due date, withdrawal.
 * Reminder times are checked against the real (default) schedule: nothing here is shortened.
 */
jest.setTimeout(60_000);

describe('interagency review requests', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let reviewers: Record<string, TestUser>;
  let reminderQueue: Queue;
  let guidelineId: string;
  let dueDay: string;
  let requests: ReviewRow[];
  const byCode = (code: string) => requests.find((r) => r.code === code)!;
  const rules = {
    offsetsDays: [-7, -2, 0],
    overdueEveryDays: 3,
    hour: 9,
    timeZone: 'Asia/Vientiane',
  };
  const jobState = async (reminderId: string) => {
    const job = await reminderQueue.getJob(`reminder-${reminderId}`);
    return job ? job.getState() : 'absent';
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    // This file looks at the jobs of reminders days ahead: a horizon of a year queues them at once.
    t = await startTestApp('reviews', {
      SMTP_URL: smtp.url,
      REMINDER_HORIZON_HOURS: '8784',
      OUTBOX_POLL_MS: '100',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai Secretariat' });
    judge = await t.user(Role.JUDGE, { locale: 'en' });
    reviewers = await reviewersOf(t, { MOFA: 'lo', MOJ: 'en', OSPP: 'lo', MPS: 'en' });
    reminderQueue = openQueue(t.env, QUEUE.REMINDERS);
    guidelineId = await guidelineAtCouncil(t, secretariat);
    dueDay = localDay(10);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: dueDay,
      agencies: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
    });
    requests = await reviewRequests(t, guidelineId);
  });
  afterAll(async () => {
    await reminderQueue?.close();
    await t?.close();
    await smtp?.close();
  });

  it('tells every reviewer of the four agencies at once, in-app and by e-mail, in their own language', async () => {
    expect(requests.map((r) => r.code)).toEqual(['MOFA', 'MOJ', 'MPS', 'OSPP']);
    for (const [code, reviewer] of Object.entries(reviewers)) {
      const inbox = await eventually(async () => {
        const res = await t.http().get('/api/notifications').set(auth(reviewer));
        return res.body.items?.length ? res.body : undefined;
      }, `${code}'s notification`);
      expect(inbox.unreadCount).toBe(1);
      expect(inbox.items).toHaveLength(1);
      const [note] = inbox.items;
      expect(note.kind).toBe('REVIEW_REQUESTED');
      expect(note.link).toBe(`http://localhost:3000/reviews/${byCode(code).id}`);
      if (code === 'MOFA' || code === 'OSPP') {
        expect(note.subject).toMatch(/^ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: ສານທີ່ເປັນມິດກັບຜູ້ເຄາະຮ້າຍ \d+ \(ກຳນົດ .+\)$/);
      } else {
        expect(note.subject).toMatch(/^Review requested: Victim-sensitive courts \d+ \(due .+\)$/);
      }
    }
    // The judge was invited to comment on the way here: only the reviewers' mails count.
    const reviewerEmails = Object.values(reviewers).map((r) => r.email);
    const mails = await eventually(async () => {
      const got = smtp.messages.filter((m) => m.to.some((to) => reviewerEmails.includes(to)));
      return got.length >= 4 ? got : undefined;
    }, 'the four review requests by e-mail');
    for (const [code, reviewer] of Object.entries(reviewers)) {
      const mine = mails.filter((m) => m.to.includes(reviewer.email));
      expect(mine).toHaveLength(1);
      const [stored] = await notifications(t, `user_id = $1`, [reviewer.id]);
      expect(mine[0].subject).toBe(stored.subject);
      if (code === 'MOFA') expect(mine[0].subject.startsWith('ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ')).toBe(true);
    }
    await eventually(
      async () =>
        (await notifications(t, `kind = 'REVIEW_REQUESTED'`)).every(
          (n) => n.email_state === 'SENT',
        ),
      'e-mails recorded SENT',
    );
  });

  it('reads a review-requested job of one request (as written before the event was one per move), telling only who was not told yet; one request failing does not keep the others from being told', async () => {
    const late = await t.user(Role.AGENCY_REVIEWER, {
      agencyCode: 'MOJ',
      locale: 'en',
      name: 'MOJ reviewer who joined later',
    });
    const later = await t.user(Role.AGENCY_REVIEWER, {
      agencyCode: 'MPS',
      locale: 'en',
      name: 'MPS reviewer who joined later still',
    });
    try {
      const notices = t.app.get(ReviewNotices);
      const told = await notices.requested({ reviewRequestId: byCode('MOJ').id });
      expect(told).toHaveLength(1);
      expect((await notifications(t, `id = $1`, [told[0]]))[0]).toMatchObject({
        user_id: late.id,
        kind: 'REVIEW_REQUESTED',
        dedupe_key: `review-requested-${byCode('MOJ').id}`,
      });
      // A move's job whose first request cannot be read (not an id): the job fails, and the
      // request after it is told all the same.
      await expect(
        notices.requested({ transitionId: '0', reviewRequestIds: ['not-an-id', byCode('MPS').id] }),
      ).rejects.toThrow(/uuid/);
      expect(
        await notifications(t, `user_id = $1 AND kind = 'REVIEW_REQUESTED'`, [later.id]),
      ).toHaveLength(1);
      // The move's own job run again: everyone was told, so no one is told twice.
      const again = await notices.requested({
        transitionId: '0',
        reviewRequestIds: requests.map((r) => r.id),
      });
      expect(again).toEqual([]);
    } finally {
      // The tests below count who is told: the late reviewers leave again.
      await t.sql((c) =>
        c.query(`UPDATE users SET active = false WHERE id = ANY($1::uuid[])`, [
          [late.id, later.id],
        ]),
      );
    }
  });

  it('plans D-7, D-2, D and D+3 at 09:00 Vientiane as delayed BullMQ jobs', async () => {
    for (const request of requests) {
      const expected = planReviewReminders(request.due_date, rules, new Date(request.requested_at));
      expect(expected.map((r) => r.kind)).toEqual(['D-7', 'D-2', 'D', 'D+3']);
      const res = await t
        .http()
        .get(`/api/reviews/${request.id}`)
        .set(auth(reviewers[request.code]));
      expect(res.status).toBe(200);
      expect(
        res.body.reminders.map((r: { kind: string; plannedAt: string; state: string }) => [
          r.kind,
          r.plannedAt,
          r.state,
        ]),
      ).toEqual(expected.map((r) => [r.kind, r.plannedAt.toISOString(), 'PLANNED']));
      expect(res.body.reminders[0].plannedAt).toMatch(/T02:00:00\.000Z$/); // 09:00 at UTC+7
      for (const reminder of await reminders(t, request.id)) {
        const job = await eventually(
          async () => (await reminderQueue.getJob(`reminder-${reminder.id}`)) ?? undefined,
          'the delayed job',
        );
        expect(await job.getState()).toBe('delayed');
        expect(job.data).toEqual({ reminderId: reminder.id });
        // delay = runAt - Date.now() when the relay added it.
        expect(
          Math.abs(job.timestamp + job.delay - new Date(reminder.planned_at).getTime()),
        ).toBeLessThan(5_000);
      }
    }
  });

  it('shows a reviewer its own agency only: another agency, or a guessed id, is 404', async () => {
    const moj = reviewers.MOJ;
    const list = await t.http().get('/api/reviews').set(auth(moj));
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { agency: { code: string } }) => r.agency.code)).toEqual([
      'MOJ',
    ]);
    expect(list.body.items[0]).toMatchObject({
      status: 'PENDING',
      dueDate: dueDay,
      versionNumber: 1,
    });

    const other = byCode('MOFA').id;
    expect((await t.http().get(`/api/reviews/${other}`).set(auth(moj))).status).toBe(404);
    const answerOther = await t
      .http()
      .post(`/api/reviews/${other}/response`)
      .set(auth(moj))
      .send({ decision: 'APPROVE', comments: '', signatory: { name: 'X', title: 'Y' } });
    expect(answerOther.status).toBe(404);
    expect(answerOther.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await t.http().get(`/api/reviews/${randomUUID()}`).set(auth(moj))).status).toBe(404);
    expect((await t.http().get('/api/reviews/not-a-uuid').set(auth(moj))).status).toBe(400);
    expect((await t.http().get('/api/reviews').set(auth(judge))).status).toBe(403);

    const all = await t
      .http()
      .get(`/api/reviews?guidelineId=${guidelineId}`)
      .set(auth(secretariat));
    expect(all.body.items).toHaveLength(4);
    const paged = await t
      .http()
      .get(`/api/reviews?guidelineId=${guidelineId}&limit=3`)
      .set(auth(secretariat));
    expect(paged.body.items).toHaveLength(3);
    const rest = await t
      .http()
      .get(`/api/reviews?guidelineId=${guidelineId}&limit=3&cursor=${paged.body.next}`)
      .set(auth(secretariat));
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.next).toBeNull();
  });

  it("does not let anyone read or mark another person's notifications", async () => {
    const [mofaNote] = await notifications(t, `user_id = $1`, [reviewers.MOFA.id]);
    const res = await t
      .http()
      .post(`/api/notifications/${mofaNote.id}/read`)
      .set(auth(reviewers.MOJ));
    expect(res.status).toBe(404);
    const mine = await t.http().get('/api/notifications').set(auth(reviewers.MOJ));
    expect(mine.body.items.every((n: { id: string }) => n.id !== mofaNote.id)).toBe(true);
    const stored = await notifications(t, `id = $1 AND read_at IS NULL`, [mofaNote.id]);
    expect(stored).toHaveLength(1);

    const read = await t
      .http()
      .post(`/api/notifications/${mofaNote.id}/read`)
      .set(auth(reviewers.MOFA));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await t.http().get('/api/notifications?unread=true').set(auth(reviewers.MOFA));
    expect(unread.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('records an answer once: remaining reminders are cancelled and their jobs removed; a second answer is 409', async () => {
    const request = byCode('MOJ');
    const answer = {
      decision: 'APPROVE_WITH_COMMENTS',
      comments: 'Article 1 should name the interpreter service.',
      signatory: { name: 'Khamla S.', title: 'Director-General' },
    };
    expect(
      (
        await t
          .http()
          .post(`/api/reviews/${request.id}/response`)
          .set(auth(secretariat))
          .send(answer)
      ).status,
    ).toBe(403);
    const blank = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(reviewers.MOJ))
      .send({ ...answer, decision: 'OBJECT', comments: '  ' });
    expect(blank.status).toBe(400);
    for (const signatory of [undefined, null, 'Khamla', { name: 'Khamla' }]) {
      const malformed = await t
        .http()
        .post(`/api/reviews/${request.id}/response`)
        .set(auth(reviewers.MOJ))
        .send({ ...answer, signatory });
      expect(malformed.status).toBe(400);
      expect(malformed.body.details.map((d: { field: string }) => d.field).join(' ')).toMatch(
        /signatory/,
      );
    }
    const unknownDecision = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(reviewers.MOJ))
      .send({ ...answer, decision: 'MAYBE' });
    expect(unknownDecision.status).toBe(400);

    const res = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(reviewers.MOJ))
      .send(answer);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ANSWERED');
    expect(res.body.answer).toMatchObject({
      decision: 'APPROVE_WITH_COMMENTS',
      comments: answer.comments,
      signatory: answer.signatory,
      answeredBy: { id: reviewers.MOJ.id },
    });
    expect(res.body.reminders.map((r: { state: string }) => r.state)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    for (const reminder of await reminders(t, request.id)) {
      expect(await jobState(reminder.id)).toBe('absent');
    }
    const again = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(reviewers.MOJ))
      .send(answer);
    expect(again.status).toBe(409);
    expect(again.body.details[0].code).toBe('REVIEW_ANSWERED');
    const listed = await t.http().get('/api/reviews?status=ANSWERED').set(auth(secretariat));
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
  });

  it('moves the reminders with the due date (SECRETARIAT, with reason): old ones cancelled, new ones planned as new jobs', async () => {
    const request = byCode('MOFA');
    const before = await reminders(t, request.id);
    const newDay = localDay(20);
    expect(
      (
        await t
          .http()
          .put(`/api/reviews/${request.id}/due-date`)
          .set(auth(reviewers.MOFA))
          .send({ dueAt: newDay, reason: 'x' })
      ).status,
    ).toBe(403);
    const past = await t
      .http()
      .put(`/api/reviews/${request.id}/due-date`)
      .set(auth(secretariat))
      .send({ dueAt: localDay(-1), reason: 'Too late' });
    expect(past.status).toBe(422);
    expect(past.body.details[0].code).toBe('DUE_DATE_PAST');
    const bad = await t
      .http()
      .put(`/api/reviews/${request.id}/due-date`)
      .set(auth(secretariat))
      .send({ dueAt: '2026-02-30', reason: 'x' });
    expect(bad.status).toBe(400);

    const startedAt = Date.now();
    const res = await t
      .http()
      .put(`/api/reviews/${request.id}/due-date`)
      .set(auth(secretariat))
      .send({ dueAt: newDay, reason: 'The ministry asked for more time' });
    expect(res.status).toBe(200);
    expect(res.body.dueDate).toBe(newDay);
    expect(res.body.dueDateChanges).toEqual([
      expect.objectContaining({
        from: dueDay,
        to: newDay,
        reason: 'The ministry asked for more time',
        changedBy: { id: secretariat.id, name: 'Somchai Secretariat' },
      }),
    ]);
    const expected = planReviewReminders(newDay, rules, new Date(startedAt));
    const live = res.body.reminders.filter((r: { state: string }) => r.state === 'PLANNED');
    expect(live.map((r: { kind: string; plannedAt: string }) => [r.kind, r.plannedAt])).toEqual(
      expected.map((r) => [r.kind, r.plannedAt.toISOString()]),
    );
    expect(
      res.body.reminders.filter((r: { state: string }) => r.state === 'CANCELLED'),
    ).toHaveLength(4);

    const after = await reminders(t, request.id);
    const fresh = after.filter((r) => r.state === 'PLANNED');
    expect(fresh.every((r) => !before.some((b) => b.id === r.id))).toBe(true);
    for (const old of before) expect(await jobState(old.id)).toBe('absent');
    for (const reminder of fresh) {
      await eventually(async () => (await jobState(reminder.id)) === 'delayed', 'the moved job');
    }
    const history = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT from_date::text, to_date::text FROM review_due_date_changes WHERE review_request_id = $1`,
            [request.id],
          )
        ).rows,
    );
    expect(history).toEqual([{ from_date: dueDay, to_date: newDay }]);
  });

  it('derives OVERDUE from the due day in Asia/Vientiane', async () => {
    const request = byCode('MPS');
    await t.sql((c) =>
      c.query(`UPDATE review_requests SET due_date = $2::date WHERE id = $1`, [
        request.id,
        localDay(-1),
      ]),
    );
    const res = await t.http().get(`/api/reviews/${request.id}`).set(auth(reviewers.MPS));
    expect(res.body.status).toBe('OVERDUE');
    const overdue = await t.http().get(`/api/reviews?status=OVERDUE`).set(auth(secretariat));
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    const pending = await t
      .http()
      .get(`/api/reviews?status=PENDING&guidelineId=${guidelineId}`)
      .set(auth(secretariat));
    expect(
      pending.body.items.map((r: { agency: { code: string } }) => r.agency.code).sort(),
    ).toEqual(['MOFA', 'OSPP']);
  });

  it('withdraws open requests when the guideline leaves the review: reminders cancelled, none ever sent', async () => {
    await move(t, secretariat, guidelineId, {
      to: 'TECHNICAL_WORKING_GROUP',
      reason: 'Objections need a revision',
    });
    const rows = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT a.code, r.status FROM review_requests r JOIN agencies a ON a.id = r.agency_id WHERE r.guideline_id = $1 ORDER BY a.code`,
            [guidelineId],
          )
        ).rows,
    );
    expect(rows).toEqual([
      { code: 'MOFA', status: 'WITHDRAWN' },
      { code: 'MOJ', status: 'ANSWERED' },
      { code: 'MPS', status: 'WITHDRAWN' },
      { code: 'OSPP', status: 'WITHDRAWN' },
    ]);
    for (const code of ['MOFA', 'MPS', 'OSPP']) {
      const states = (await reminders(t, byCode(code).id)).map((r) => r.state);
      expect(states.every((s) => s === 'CANCELLED')).toBe(true);
    }
    const late = await t
      .http()
      .post(`/api/reviews/${byCode('OSPP').id}/response`)
      .set(auth(reviewers.OSPP))
      .send({ decision: 'APPROVE', comments: '', signatory: { name: 'A', title: 'B' } });
    expect(late.status).toBe(409);
    expect(late.body.details[0].code).toBe('REVIEW_WITHDRAWN');

    // Time passes for every reminder job still in Redis: each finds its reminder cancelled.
    await promoteAndDrainReminders(reminderQueue);
    const reminded = await notifications(
      t,
      `kind IN ('REVIEW_REMINDER','REVIEW_DUE_TODAY','REVIEW_OVERDUE')`,
    );
    expect(reminded).toEqual([]);
    const withdrawn = await eventually(async () => {
      const rows = await notifications(t, `kind = 'REVIEW_WITHDRAWN'`);
      return rows.length === 3 ? rows : undefined;
    }, 'withdrawal notices');
    expect(withdrawn.map((n) => n.user_id).sort()).toEqual(
      [reviewers.MOFA.id, reviewers.MPS.id, reviewers.OSPP.id].sort(),
    );
  });
  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});
