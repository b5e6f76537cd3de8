import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Committee, Role } from '../src/court/roles';
import { QUEUE } from '../src/queues/queues';
import { DataSource } from 'typeorm';
import { Notifier } from '../src/notifications/notifier.service';
import { formatMoment, NotificationKind } from '../src/notifications/templates';
import { ConsultationClosingNotices } from '../src/reminders/consultation-closing.service';
import {
  auth,
  deactivate,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  notifications,
  openQueue,
  settled,
} from './support/review-road';
import { checkRealEmail, parseMail, startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

const DAY = 86_400_000;

async function guidelineInConsultation(
  t: TestApp,
  secretariat: TestUser,
  closesInMs: number,
): Promise<string> {
  const code = `NT-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const created = await t
    .http()
    .post('/api/guidelines')
    .set(auth(secretariat))
    .send({ code, title: { en: 'Child-friendly hearings', lo: 'ການພິຈາລະນາທີ່ເປັນມິດກັບເດັກ' } });
  const id = created.body.id as string;
  const published = await t
    .http()
    .post(`/api/guidelines/${id}/versions`)
    .set(auth(secretariat))
    .send({
      changeSummary: 'First draft',
      sections: [
        { key: 'art-1', heading: 'Article 1', body: 'Hearings are closed to the public.' },
      ],
    });
  expect(published.status).toBe(201);
  await move(t, secretariat, id, {
    to: 'CONSULTATION',
    consultationClosesAt: new Date(Date.now() + closesInMs).toISOString(),
  });
  return id;
}

/** Notifications for every kind of event, the inbox routes, and e-mail that fails for good. */
describe('notifications', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let otherSecretariat: TestUser;
  let judge: TestUser;
  let laoJudge: TestUser;
  let bystander: TestUser;

  const inbox = async (who: TestUser, query = '') =>
    (await t.http().get(`/api/notifications${query}`).set(auth(who))).body;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('notifications', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      EMAIL_ATTEMPTS: '3',
      EMAIL_BACKOFF_MS: '200',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai' });
    otherSecretariat = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ສົມພອນ' });
    judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Khamla' });
    laoJudge = await t.user(Role.JUDGE, {
      locale: 'lo',
      name: 'ທ່ານ ບຸນມີ',
      committees: [Committee.TWG],
    });
    bystander = await t.user(Role.JUDGE, { locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('tells the followers of a guideline that it moved (not the one who moved it), in their language', async () => {
    const id = await guidelineInConsultation(t, secretariat, 5 * DAY);
    const comment = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(auth(judge))
      .send({ sectionKey: 'art-1', body: 'Name who may attend.' });
    expect(comment.status).toBe(201);
    await move(t, t.admin, id, {
      to: 'TECHNICAL_WORKING_GROUP',
      override: true,
      reason: 'Workshop ended early',
    });
    const moved = await eventually(async () => {
      const rows = await notifications(
        t,
        `kind = 'STAGE_CHANGED' AND guideline_id = $1 AND data->>'to' = 'TECHNICAL_WORKING_GROUP'`,
        [id],
      );
      return rows.length === 3 ? rows : undefined;
    }, 'stage-changed notices');
    // Followers: every SECRETARIAT user, the creator (a secretariat user here) and whoever commented.
    expect(moved.map((n) => n.user_id).sort()).toEqual(
      [secretariat.id, otherSecretariat.id, judge.id].sort(),
    );
    expect(moved.find((n) => n.user_id === otherSecretariat.id)!.subject).toBe(
      'ການພິຈາລະນາທີ່ເປັນມິດກັບເດັກ ໄດ້ຍ້າຍໄປຂັ້ນຕອນຄະນະເຮັດວຽກວິຊາການ',
    );
    expect(moved.find((n) => n.user_id === judge.id)!.subject).toBe(
      'Child-friendly hearings moved to technical working group',
    );
    // A judge who follows nothing was invited to comment in consultation, and told nothing since.
    expect(
      (await notifications(t, `user_id = $1 AND guideline_id = $2`, [bystander.id, id])).map(
        (n) => n.kind,
      ),
    ).toEqual(['COMMENTS_OPEN']);
  });

  it('tells every judge who may comment in the stage just entered, in their language, with the close date', async () => {
    const closesInMs = 5 * DAY;
    const id = await guidelineInConsultation(t, secretariat, closesInMs);
    const closesAt = (
      await t.sql((c) =>
        c.query(`SELECT consultation_closes_at AS at FROM guidelines WHERE id = $1`, [id]),
      )
    ).rows[0].at as Date;
    const invited = await eventually(async () => {
      const rows = await notifications(t, `kind = 'COMMENTS_OPEN' AND guideline_id = $1`, [id]);
      return rows.length === 3 ? rows : undefined;
    }, 'the invitations to comment');
    // Every judge may comment in consultation (court/comment-rules.ts).
    expect(invited.map((n) => n.user_id).sort()).toEqual(
      [judge.id, laoJudge.id, bystander.id].sort(),
    );
    const mails = await eventually(async () => {
      const got = invited.map((n) => smtp.messages.find((m) => m.notificationId === n.id));
      return got.every(Boolean) ? got.map((m) => m!) : undefined;
    }, 'the invitations by e-mail');
    const mailTo = (user: TestUser) => mails[invited.findIndex((n) => n.user_id === user.id)];
    expect(mailTo(judge).to).toEqual([judge.email]);
    expect(mailTo(judge).subject).toBe(
      `Open for your comments until ${formatMoment(closesAt, 'en', 'Asia/Vientiane')}: Child-friendly hearings`,
    );
    expect(mailTo(laoJudge).subject).toBe(
      `ເປີດໃຫ້ທ່ານສະເໜີຄຳເຫັນຈົນຮອດວັນທີ ${formatMoment(closesAt, 'lo', 'Asia/Vientiane')}: ການພິຈາລະນາທີ່ເປັນມິດກັບເດັກ`,
    );
    // As a mail client reads it: the text and the HTML say the same, in the reader's language.
    const lao = await parseMail(mailTo(laoJudge));
    expect(checkRealEmail(lao)).toEqual([]);
    expect(lao.headers.get('content-language')).toBe('lo');
    expect(lao.to).toMatchObject({ value: [{ name: 'ທ່ານ ບຸນມີ', address: laoJudge.email }] });
    const closes = formatMoment(closesAt, 'lo', 'Asia/Vientiane');
    expect(lao.text).toContain(closes);
    expect(lao.html).toContain(closes);
    expect(lao.html).toContain(`<a href="http://localhost:3000/guidelines/${id}"`);
    const english = await parseMail(mailTo(judge));
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.text).toContain(formatMoment(closesAt, 'en', 'Asia/Vientiane'));

    // Judges are invited instead of being told of the move; the secretariat is told of the move.
    const moved = await eventually(async () => {
      const rows = await notifications(t, `kind = 'STAGE_CHANGED' AND guideline_id = $1`, [id]);
      return rows.length ? rows : undefined;
    }, 'the stage-changed notices');
    expect(moved.map((n) => n.user_id).sort()).toEqual([otherSecretariat.id]);

    // The technical working group: only its members, and no close date.
    await move(t, t.admin, id, {
      to: 'TECHNICAL_WORKING_GROUP',
      override: true,
      reason: 'Workshop ended early',
    });
    const twg = await eventually(async () => {
      const rows = await notifications(
        t,
        `kind = 'COMMENTS_OPEN' AND guideline_id = $1 AND data->>'to' = 'TECHNICAL_WORKING_GROUP'`,
        [id],
      );
      return rows.length ? rows : undefined;
    }, 'the invitation of the TWG');
    expect(twg.map((n) => [n.user_id, n.subject])).toEqual([
      [laoJudge.id, 'ເປີດໃຫ້ທ່ານສະເໜີຄຳເຫັນ: ການພິຈາລະນາທີ່ເປັນມິດກັບເດັກ (ຄະນະເຮັດວຽກວິຊາການ)'],
    ]);
  });

  it("tells a comment's author of its disposition and of replies, but not of their own reply", async () => {
    const id = await guidelineInConsultation(t, secretariat, 5 * DAY);
    const top = await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(auth(judge))
      .send({ sectionKey: 'art-1', body: 'Add a waiting room for victims.' });
    await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(auth(laoJudge))
      .send({ parentId: top.body.id, body: 'ເຫັນດີ' });
    await t
      .http()
      .post(`/api/guidelines/${id}/versions/1/comments`)
      .set(auth(judge))
      .send({ parentId: top.body.id, body: 'And a separate entrance.' });
    const reply = await eventually(async () => {
      const rows = await notifications(t, `kind = 'COMMENT_REPLIED' AND guideline_id = $1`, [id]);
      return rows.length ? rows : undefined;
    }, 'the reply notice');
    await settled(t);
    const replies = await notifications(t, `kind = 'COMMENT_REPLIED' AND guideline_id = $1`, [id]);
    expect(replies).toHaveLength(1);
    expect(reply[0].user_id).toBe(judge.id);
    expect(reply[0].subject).toBe('ທ່ານ ບຸນມີ replied to your comment on Child-friendly hearings');

    const decided = await t
      .http()
      .put(`/api/comments/${top.body.id}/disposition`)
      .set(auth(secretariat))
      .send({
        status: 'PARTIALLY_ACCEPTED',
        response: 'A waiting room, yes; an entrance is not possible.',
      });
    expect(decided.status).toBe(200);
    const disposition = await eventually(async () => {
      const rows = await notifications(t, `kind = 'DISPOSITION_GIVEN' AND guideline_id = $1`, [id]);
      return rows.length ? rows : undefined;
    }, 'the disposition notice');
    expect(disposition.map((n) => [n.user_id, n.subject])).toEqual([
      [judge.id, 'Your comment on Child-friendly hearings: partially accepted'],
    ]);
  });

  it('tells judges who may comment and have not that a consultation closes within two days, once each', async () => {
    const closing = await guidelineInConsultation(t, secretariat, 1.5 * DAY);
    const later = await guidelineInConsultation(t, secretariat, 4 * DAY);
    await t
      .http()
      .post(`/api/guidelines/${closing}/versions/1/comments`)
      .set(auth(judge))
      .send({ sectionKey: 'art-1', body: 'Fine.' });
    const scan = t.app.get(ConsultationClosingNotices);
    await scan.scan();
    await scan.scan(); // a second run (e.g. two workers) tells nobody twice
    const told = await notifications(t, `kind = 'CONSULTATION_CLOSING'`);
    expect(told.map((n) => n.user_id).sort()).toEqual([laoJudge.id, bystander.id].sort());
    expect(told.every((n) => n.dedupe_key.startsWith(`closing-${closing}-`))).toBe(true);
    expect(told.find((n) => n.user_id === laoJudge.id)!.subject).toMatch(
      /^ການປຶກສາຫາລືກ່ຽວກັບ ການພິຈາລະນາທີ່ເປັນມິດກັບເດັກ ຈະປິດວັນທີ /,
    );
    expect(
      await notifications(t, `kind = 'CONSULTATION_CLOSING' AND guideline_id = $1`, [later]),
    ).toEqual([]);

    // The daily job scheduler: 09:00 in Asia/Vientiane.
    const queue: Queue = openQueue(t.env, QUEUE.REMINDERS);
    try {
      const scheduler = await eventually(
        async () => (await queue.getJobScheduler('consultation-closing-scan')) ?? undefined,
        'the scheduler',
      );
      expect(scheduler).toMatchObject({
        pattern: '0 9 * * *',
        tz: 'Asia/Vientiane',
        name: 'consultation.closing-scan',
      });
    } finally {
      await queue.close();
    }
  });

  it('lists only the caller’s own inbox with an unread count, marks one or all read', async () => {
    const mine = await inbox(judge);
    expect(mine.items.length).toBeGreaterThanOrEqual(3);
    expect(mine.unreadCount).toBe(mine.items.length);
    const allMine = await notifications(t, `user_id = $1`, [judge.id]);
    expect(mine.items.map((n: { id: string }) => n.id).sort()).toEqual(
      allMine.map((n) => n.id).sort(),
    );
    const page = await inbox(judge, '?limit=1');
    expect(page.items).toHaveLength(1);
    expect(page.next).toEqual(expect.any(String));
    const next = await inbox(judge, `?limit=1&cursor=${page.next}`);
    expect(next.items[0].id).not.toBe(page.items[0].id);

    const read = await t
      .http()
      .post(`/api/notifications/${mine.items[0].id}/read`)
      .set(auth(judge));
    expect(read.status).toBe(200);
    expect((await inbox(judge)).unreadCount).toBe(mine.items.length - 1);
    expect((await inbox(judge, '?unread=true')).items).toHaveLength(mine.items.length - 1);
    const all = await t.http().post('/api/notifications/read-all').set(auth(judge));
    expect(all.body).toEqual({ marked: mine.items.length - 1 });
    expect((await inbox(judge)).unreadCount).toBe(0);
    expect(
      (await t.http().post(`/api/notifications/${mine.items[0].id}/read`).set(auth(laoJudge)))
        .status,
    ).toBe(404);
    expect((await t.http().get('/api/notifications?unread=maybe').set(auth(judge))).status).toBe(
      400,
    );
  });

  it('retries a refused e-mail with exponential backoff, then records it FAILED for the ADMIN; in-app is unaffected', async () => {
    smtp.setMode('reject');
    const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MPS', locale: 'lo' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MPS'],
    });

    const [failed] = await eventually(async () => {
      const rows = await notifications(t, `user_id = $1 AND email_state = 'FAILED'`, [reviewer.id]);
      return rows.length ? rows : undefined;
    }, 'the e-mail recorded FAILED');
    expect(failed.email_attempts).toBe(3);
    expect(failed.email_error).toMatch(/^554 /);
    expect(smtp.transfersOf(failed.id)).toBe(3);
    const emailQueue = openQueue(t.env, QUEUE.EMAIL);
    try {
      const job = (await emailQueue.getJob(`email-${failed.id}`))!;
      expect(job.attemptsMade).toBe(3);
      expect(await job.getState()).toBe('failed');
      // Exponential backoff: 200 ms, then 400 ms, between the three tries.
      expect(job.finishedOn! - job.timestamp).toBeGreaterThanOrEqual(600);
    } finally {
      await emailQueue.close();
    }

    const mine = await inbox(reviewer);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'REVIEW_REQUESTED',
      readAt: null,
      email: { state: 'FAILED', attempts: 3 },
    });
    expect(mine.items[0].subject).toMatch(/^ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ/);

    const list = await t.http().get('/api/notifications/failed-emails').set(auth(t.admin));
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { id: string }) => n.id)).toContain(failed.id);
    const entry = list.body.items.find((n: { id: string }) => n.id === failed.id);
    expect(entry.recipient).toEqual({
      id: reviewer.id,
      email: reviewer.email,
      name: expect.any(String),
    });
    expect(entry.email.error).toMatch(/554/);
    expect(
      (await t.http().get('/api/notifications/failed-emails').set(auth(secretariat))).status,
    ).toBe(403);
    smtp.setMode('accept');
  });

  it('sends nothing to an account deactivated after its notice was written: e-mail SKIPPED, the notice kept', async () => {
    const leaving = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Leaving' });
    const staying = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Staying' });
    await deactivate(t, leaving);
    // Both told in one transaction through the service's own notifier, as a notice written a
    // moment before the account was closed: its e-mail job is already on its way.
    const notifier = t.app.get(Notifier);
    const ids = await t.app.get(DataSource).transaction(async (manager) => {
      const written: string[] = [];
      for (const who of [leaving, staying]) {
        const id = await notifier.tell(
          manager,
          { id: who.id, locale: 'en' },
          {
            kind: NotificationKind.STAGE_CHANGED,
            dedupeKey: `closed-account-${who.id}`,
            subject: 'The guideline moved',
            body: 'Written before the account was closed.',
            link: null,
            inApp: true,
          },
        );
        written.push(id!);
      }
      return written;
    });
    const settled = await eventually(async () => {
      const rows = await notifications(t, `id = ANY($1::uuid[]) AND email_state <> 'PENDING'`, [
        ids,
      ]);
      return rows.length === 2 ? rows : undefined;
    }, 'both e-mails settled');
    const stateOf = (id: string) => settled.find((n) => n.id === id)!.email_state;
    expect(stateOf(ids[0])).toBe('SKIPPED');
    expect(stateOf(ids[1])).toBe('SENT');
    expect(smtp.transfersOf(ids[0])).toBe(0);
    expect(smtp.messages.flatMap((m) => m.to)).not.toContain(leaving.email);
    // The notice itself stays, unread, should the account be opened again.
    expect(
      await t.sql(
        async (c) =>
          (await c.query(`SELECT in_app, read_at FROM notifications WHERE id = $1`, [ids[0]])).rows,
      ),
    ).toEqual([{ in_app: true, read_at: null }]);
  });

  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});

describe('notifications without SMTP_URL', () => {
  let t: TestApp;
  const warnings: string[] = [];

  beforeAll(async () => {
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (
      this: Logger,
      message: unknown,
    ) {
      warnings.push(String(message));
    });
    try {
      t = await startTestApp('nosmtp', { OUTBOX_POLL_MS: '100' });
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(() => t?.close());

  it('says once at start that e-mail is off, and still delivers in-app (e-mail SKIPPED)', async () => {
    expect(warnings.filter((w) => /E-mail is off/.test(w))).toHaveLength(1);
    const secretariat = await t.user(Role.SECRETARIAT);
    const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA', locale: 'en' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOFA'],
    });
    const body = await eventually(async () => {
      const res = await t.http().get('/api/notifications').set(auth(reviewer));
      return res.body.items.length ? res.body : undefined;
    }, 'the in-app notification');
    expect(body.items[0]).toMatchObject({
      kind: 'REVIEW_REQUESTED',
      email: { state: 'SKIPPED', attempts: 0 },
    });
    const emailJobs = await t.sql(
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n FROM outbox WHERE queue = 'email'`)).rows[0].n,
    );
    expect(emailJobs).toBe(0);
  });
});
