import { Queue } from 'bullmq';
import { Role } from '../src/court/roles';
import { Digests } from '../src/notifications/digests.service';
import { QUEUE } from '../src/queues/queues';
import {
  auth,
  deactivate,
  eventually,
  forgetRedisEpoch,
  move,
  notifications,
  openQueue,
} from './support/review-road';
import { checkRealEmail, parseMail, ReceivedMail, startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const OFFICIAL = [
  'REVIEW_REQUESTED',
  'REVIEW_REMINDER',
  'REVIEW_DUE_TODAY',
  'REVIEW_OVERDUE',
  'REVIEW_DUE_DATE_CHANGED',
];

/** The next 08:00 in Asia/Vientiane (UTC+7 all year: no summer time) after `from`. */
/** 08:00 in Vientiane (UTC+7, no summer time) of the court day after the one `from` falls on. */
function nextCourtMorning(from: number): number {
  const wallClock = new Date(from + 7 * 3_600_000);
  return Date.UTC(
    wallClock.getUTCFullYear(),
    wallClock.getUTCMonth(),
    wallClock.getUTCDate() + 1,
    1,
    0,
    0,
  );
}

function nextEightInVientiane(from: number): number {
  const d = new Date(from);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 1, 0, 0);
  return today > from ? today : today + DAY;
}

/**
 * E-mail preferences and the daily digest: the choices and their refusals, DAILY notices in the
 * inbox at once and by e-mail only in the next morning's digest (grouped by guideline, in the
 * reader's language), each notice in one digest, one digest a day.
 */
describe('notification preferences and daily digests', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let reader: TestUser;
  let witness: TestUser;
  const titles: { en: string; lo: string }[] = [];

  const preferences = (who: TestUser, language = 'en') =>
    t
      .http()
      .get('/api/me/notification-preferences')
      .set(auth(who))
      .set('Accept-Language', language);
  const save = (who: TestUser, body: unknown, language = 'en') =>
    t
      .http()
      .put('/api/me/notification-preferences')
      .set(auth(who))
      .set('Accept-Language', language)
      .send(body as object);
  const mailsTo = (who: TestUser): ReceivedMail[] =>
    smtp.messages.filter((m) => m.to.includes(who.email));

  async function guidelineInConsultation(n: number): Promise<string> {
    const title = { en: `Hearing children ${n}`, lo: `ການຮັບຟັງເດັກ ${n}` };
    titles.push(title);
    const created = await t
      .http()
      .post('/api/guidelines')
      .set(auth(secretariat))
      .send({ code: `DG-${n}-${Date.now().toString(36)}`, title });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const published = await t
      .http()
      .post(`/api/guidelines/${id}/versions`)
      .set(auth(secretariat))
      .send({
        changeSummary: 'First draft',
        sections: [{ key: 'art-1', heading: 'Article 1', body: 'Children are heard apart.' }],
      });
    expect(published.status).toBe(201);
    await move(t, secretariat, id, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    return id;
  }

  const digestState = (id: string) =>
    t.sql(
      async (c) =>
        (await c.query(`SELECT state FROM email_digests WHERE id = $1`, [id])).rows[0]?.state as
          string | undefined,
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('digests', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      EMAIL_ATTEMPTS: '2',
      EMAIL_BACKOFF_MS: '100',
    });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai' });
    // Every secretariat officer follows every guideline: both are told of each move.
    reader = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ທ່ານ ນາງ ແສງ' });
    witness = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Witness Noy' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('answers every kind at IMMEDIATE by default, with what may be chosen for each', async () => {
    const res = await preferences(reader);
    expect(res.status).toBe(200);
    const kinds = Object.keys(res.body.email);
    expect(kinds).toEqual(
      expect.arrayContaining([...OFFICIAL, 'STAGE_CHANGED', 'COMMENT_REPLIED']),
    );
    expect(kinds).not.toContain('PASSWORD_RESET');
    expect(new Set(Object.values(res.body.email))).toEqual(new Set(['IMMEDIATE']));
    expect(res.body.kinds.map((k: { kind: string }) => k.kind)).toEqual(kinds);
    for (const kind of res.body.kinds as { kind: string; choices: string[]; official: boolean }[]) {
      const official = OFFICIAL.includes(kind.kind);
      expect([kind.kind, kind.official]).toEqual([kind.kind, official]);
      expect([kind.kind, kind.choices]).toEqual([
        kind.kind,
        official ? ['IMMEDIATE', 'DAILY'] : ['IMMEDIATE', 'DAILY', 'OFF'],
      ]);
    }
    expect(res.body).toMatchObject({ digestHour: 8, timeZone: 'Asia/Vientiane' });
    expect((await t.http().get('/api/me/notification-preferences')).status).toBe(401);
  });

  it('refuses OFF for a review request with the reason, in the language asked, and saves nothing', async () => {
    const english = await save(reader, {
      email: { STAGE_CHANGED: 'DAILY', REVIEW_REQUESTED: 'OFF' },
    });
    expect(english.status).toBe(400);
    expect(english.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(english.body.details).toEqual([
      {
        code: 'OFFICIAL_NOTICE',
        field: 'email.REVIEW_REQUESTED',
        message:
          '"Review requests" are the court\'s official notices: their e-mail cannot be turned off, only gathered into the daily digest',
      },
    ]);
    expect(english.body.message).toBe(english.body.details[0].message);
    const lao = await save(reader, { email: { REVIEW_OVERDUE: 'OFF' } }, 'lo');
    expect(lao.status).toBe(400);
    expect(lao.body.details[0]).toMatchObject({
      code: 'OFFICIAL_NOTICE',
      field: 'email.REVIEW_OVERDUE',
    });
    expect(lao.body.message).toMatch(/^"ການທົບທວນທີ່ກາຍກຳນົດ" ແມ່ນແຈ້ງການທາງການຂອງສານ/);
    // Nothing was saved, not even the acceptable half of the first body.
    expect(new Set(Object.values((await preferences(reader)).body.email))).toEqual(
      new Set(['IMMEDIATE']),
    );
  });

  it('refuses unknown kinds and values, and bodies that are not a map, each as a 400', async () => {
    const unknown = await save(reader, { email: { NOT_A_KIND: 'DAILY', STAGE_CHANGED: 'WEEKLY' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      {
        code: 'UNKNOWN_KIND',
        field: 'email.NOT_A_KIND',
        message: 'NOT_A_KIND is not a kind of notice',
      },
      {
        code: 'UNKNOWN_FREQUENCY',
        field: 'email.STAGE_CHANGED',
        message: 'must be IMMEDIATE, DAILY or OFF',
      },
    ]);
    expect(
      (await save(reader, { email: { PASSWORD_RESET: 'OFF' } })).body.details[0],
    ).toMatchObject({ code: 'UNKNOWN_KIND' });
    for (const body of [{}, { email: 'DAILY' }, { email: ['DAILY'] }, { email: {}, extra: 1 }]) {
      const res = await save(reader, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.details.length).toBeGreaterThan(0);
    }
    // An empty map changes nothing and answers the settings.
    const empty = await save(reader, { email: {} });
    expect(empty.status).toBe(200);
    expect(empty.body.email.STAGE_CHANGED).toBe('IMMEDIATE');
  });

  it('DAILY: no e-mail at once, the notice in the inbox at once, one digest at the next 08:00 grouped by guideline', async () => {
    const saved = await save(reader, {
      email: { STAGE_CHANGED: 'DAILY', REVIEW_REQUESTED: 'DAILY', COMMENT_REPLIED: 'OFF' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.email).toMatchObject({
      STAGE_CHANGED: 'DAILY',
      REVIEW_REQUESTED: 'DAILY',
      COMMENT_REPLIED: 'OFF',
      DISPOSITION_GIVEN: 'IMMEDIATE',
    });
    expect((await preferences(reader)).body.email).toEqual(saved.body.email);

    const first = await guidelineInConsultation(1);
    const second = await guidelineInConsultation(2);
    await move(t, t.admin, first, {
      to: 'TECHNICAL_WORKING_GROUP',
      override: true,
      reason: 'Workshop ended early',
    });

    // The witness (IMMEDIATE) has the three moves by e-mail: the e-mails of these moves went out.
    const witnessed = await eventually(async () => {
      const rows = await notifications(t, `kind = 'STAGE_CHANGED' AND user_id = $1`, [witness.id]);
      const mailed = rows.filter((n) => smtp.messages.some((m) => m.notificationId === n.id));
      return mailed.length === 3 ? mailed : undefined;
    }, "the witness's e-mails");
    expect(witnessed).toHaveLength(3);
    const waiting = await notifications(t, `kind = 'STAGE_CHANGED' AND user_id = $1`, [reader.id]);
    expect(waiting.map((n) => n.email_state)).toEqual(['DAILY', 'DAILY', 'DAILY']);
    // In the inbox at once, and no e-mail: none sent, none queued.
    const inbox = await t.http().get('/api/notifications').set(auth(reader));
    expect(inbox.body.items.map((n: { id: string }) => n.id).sort()).toEqual(
      waiting.map((n) => n.id).sort(),
    );
    expect(inbox.body.items[0].email.state).toBe('DAILY');
    expect(mailsTo(reader)).toEqual([]);
    const queued = await t.sql(
      async (c) =>
        (
          await c.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = ANY($1::text[])`, [
            waiting.map((n) => `email-${n.id}`),
          ])
        ).rows[0].n,
    );
    expect(queued).toBe(0);

    // The daily job scheduler: 08:00 in Asia/Vientiane, its next run the next 08:00 there.
    const queue: Queue = openQueue(t.env, QUEUE.REMINDERS);
    try {
      const scheduler = await eventually(
        async () => (await queue.getJobScheduler('daily-digest')) ?? undefined,
        'the digest scheduler',
      );
      expect(scheduler).toMatchObject({
        pattern: '0 8 * * *',
        tz: 'Asia/Vientiane',
        name: 'digest.daily-scan',
      });
      expect(scheduler.next).toBe(nextEightInVientiane(Date.now()));
      // Time compressed: the next 08:00 comes now (the scheduler's own waiting job runs at once).
      const [scan] = (await queue.getDelayed()).filter((j) => j.name === 'digest.daily-scan');
      expect(scan.timestamp + scan.delay).toBe(scheduler.next);
      await scan.promote();
    } finally {
      await queue.close();
    }

    const [digest] = await eventually(async () => {
      const mine = mailsTo(reader);
      return mine.length ? mine : undefined;
    }, 'the digest e-mail');
    const parsed = await parseMail(digest);
    expect(checkRealEmail(parsed)).toEqual([]);
    expect(digest.digestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed.headers.get('content-language')).toBe('lo');
    expect(parsed.subject).toBe('ສະຫຼຸບແຈ້ງການປະຈຳວັນ: 3 ແຈ້ງການ ກ່ຽວກັບ 2 ຂໍ້ແນະນຳ');
    // List-Unsubscribe: where the reader changes these choices (the preferences screen).
    expect(parsed.headers.get('list')).toMatchObject({
      unsubscribe: { url: 'http://localhost:3000/account/notifications' },
    });
    expect(digest.raw).toMatch(
      /^List-Unsubscribe: <http:\/\/localhost:3000\/account\/notifications>\r?$/m,
    );
    // Grouped by guideline: a heading per guideline, its notices under it, oldest first.
    const text = parsed.text!;
    const at = (s: string) => text.indexOf(s);
    const [one, two] = titles.map((title) => at(`${title.lo} (DG-`));
    expect(one).toBeGreaterThan(-1);
    expect(two).toBeGreaterThan(one);
    const subjects = (
      await notifications(t, `kind = 'STAGE_CHANGED' AND user_id = $1`, [reader.id])
    ).map((n) => n.subject);
    const firstGroup = text.slice(one, two);
    expect(firstGroup.split(`- ${titles[0].lo} ໄດ້ຍ້າຍໄປຂັ້ນຕອນ`)).toHaveLength(3);
    expect(text.slice(two)).toContain(`- ${titles[1].lo} ໄດ້ຍ້າຍໄປຂັ້ນຕອນ`);
    for (const subject of subjects) expect(text).toContain(subject);
    expect(text).toContain(`http://localhost:3000/guidelines/${first}`);
    expect(parsed.html).toEqual(expect.stringContaining(`<h2`));
    expect((parsed.html as string).match(/<h2/g)).toHaveLength(2);
    expect(parsed.html).toContain(`<a href="http://localhost:3000/guidelines/${second}"`);

    // Each notice is in that one digest, and now SENT (in the transaction committed once the SMTP
    // server accepted the mail, which can arrive a moment before).
    await eventually(
      async () => (await digestState(digest.digestId)) === 'SENT',
      'the digest SENT',
    );
    const sent = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT n.email_state, n.digest_id, d.state AS digest_state
               FROM notifications n JOIN email_digests d ON d.id = n.digest_id
              WHERE n.user_id = $1 AND n.kind = 'STAGE_CHANGED'`,
            [reader.id],
          )
        ).rows,
    );
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => `${r.email_state} ${r.digest_state} ${r.digest_id}`))).toEqual(
      new Set([`SENT SENT ${digest.digestId}`]),
    );
  });

  it('puts each notice in one digest only, and sends one digest a day at most', async () => {
    const digests = t.app.get(Digests);
    // A second scan the same day finds nothing left to gather.
    expect(await digests.compose()).toEqual({ digests: 0, notices: 0 });
    const third = await guidelineInConsultation(3);
    const [late] = await eventually(async () => {
      const rows = await notifications(
        t,
        `kind = 'STAGE_CHANGED' AND user_id = $1 AND guideline_id = $2`,
        [reader.id, third],
      );
      return rows.length ? rows : undefined;
    }, 'the late notice');
    expect(late.email_state).toBe('DAILY');
    // The same court day: this reader had today's digest already; the notice waits for tomorrow.
    expect(await digests.compose()).toEqual({ digests: 0, notices: 0 });
    // Two scans racing on the next court day's morning (from 17:00 UTC on, the next 08:00 is
    // still the same court day in Vientiane): one digest, the notice in it once.
    const tomorrow = new Date(nextCourtMorning(Date.now()));
    const both = await Promise.all([digests.compose(tomorrow), digests.compose(tomorrow)]);
    expect(both.map((r) => r.digests).sort()).toEqual([0, 1]);
    expect(both.map((r) => r.notices).sort()).toEqual([0, 1]);
    const second = await eventually(async () => {
      const mine = mailsTo(reader);
      return mine.length === 2 ? mine[1] : undefined;
    }, 'the next day’s digest');
    await eventually(
      async () => (await digestState(second.digestId)) === 'SENT',
      'the digest SENT',
    );
    const parsed = await parseMail(second);
    expect(parsed.subject).toBe('ສະຫຼຸບແຈ້ງການປະຈຳວັນ: 1 ແຈ້ງການ ກ່ຽວກັບ 1 ຂໍ້ແນະນຳ');
    expect(parsed.text).toContain(titles[2].lo);
    expect(parsed.text).not.toContain(titles[0].lo);
    const rows = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT to_char(digest_day, 'YYYY-MM-DD') AS day, state FROM email_digests WHERE user_id = $1 ORDER BY digest_day`,
            [reader.id],
          )
        ).rows,
    );
    expect(rows.map((r) => r.state)).toEqual(['SENT', 'SENT']);
    expect(rows[1].day).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Vientiane' }).format(tomorrow),
    );
  });

  it('sends nothing of a kind set OFF, and keeps the notice in the inbox', async () => {
    const id = await guidelineInConsultation(4);
    const judge = await t.user(Role.JUDGE, { locale: 'en' });
    const laoJudge = await t.user(Role.JUDGE, { locale: 'lo' });
    expect((await save(laoJudge, { email: { COMMENT_REPLIED: 'OFF' } })).status).toBe(200);
    const comment = (who: TestUser, body: Record<string, string>) =>
      t.http().post(`/api/guidelines/${id}/versions/1/comments`).set(auth(who)).send(body);
    const laoTop = await comment(laoJudge, { sectionKey: 'art-1', body: 'ໃຜເປັນຜູ້ຮັບຟັງ?' });
    const top = await comment(judge, { sectionKey: 'art-1', body: 'Who hears them?' });
    expect([laoTop.status, top.status]).toEqual([201, 201]);
    await comment(judge, { parentId: laoTop.body.id, body: 'A trained judge.' });
    await comment(laoJudge, { parentId: top.body.id, body: 'ຜູ້ພິພາກສາທີ່ໄດ້ຮັບການຝຶກອົບຮົມ.' });
    // The judge (IMMEDIATE) gets the reply by e-mail; the Lao judge (OFF) in the inbox only.
    const replies = await eventually(async () => {
      const rows = await notifications(t, `kind = 'COMMENT_REPLIED' AND guideline_id = $1`, [id]);
      const judgeMailed = rows.some(
        (n) => n.user_id === judge.id && smtp.messages.some((m) => m.notificationId === n.id),
      );
      return rows.length === 2 && judgeMailed ? rows : undefined;
    }, 'the replies');
    const off = replies.find((n) => n.user_id === laoJudge.id)!;
    expect(off.email_state).toBe('OFF');
    expect(mailsTo(laoJudge)).toEqual([]);
    const inbox = await t.http().get('/api/notifications').set(auth(laoJudge));
    expect(inbox.body.items.map((n: { id: string }) => n.id)).toContain(off.id);
    // A digest scan leaves it alone: OFF is not DAILY.
    await t.app.get(Digests).compose(new Date(Date.now() + 2 * DAY));
    const after = await t.sql(
      async (c) =>
        (await c.query(`SELECT email_state, digest_id FROM notifications WHERE id = $1`, [off.id]))
          .rows[0],
    );
    expect(after).toEqual({ email_state: 'OFF', digest_id: null });
  });

  it('retries a refused digest, then records it and its notices FAILED for the ADMIN', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Vong' });
    expect((await save(judge, { email: { COMMENTS_OPEN: 'DAILY' } })).status).toBe(200);
    // Moving a guideline into consultation invites every judge to comment.
    await guidelineInConsultation(5);
    const [invited] = await eventually(async () => {
      const rows = await notifications(t, `kind = 'COMMENTS_OPEN' AND user_id = $1`, [judge.id]);
      return rows.length ? rows : undefined;
    }, 'the invitation');
    expect(invited.email_state).toBe('DAILY');
    smtp.setMode('reject');
    const before = smtp.attempts();
    try {
      await t.app.get(Digests).compose(new Date(Date.now() + 3 * DAY));
      const failed = await eventually(async () => {
        const rows = await notifications(t, `id = $1 AND email_state = 'FAILED'`, [invited.id]);
        return rows.length ? rows[0] : undefined;
      }, 'the notice recorded FAILED');
      expect(failed.email_error).toMatch(/^554 /);
      expect(smtp.attempts() - before).toBeGreaterThanOrEqual(2);
      const digest = await t.sql(
        async (c) =>
          (
            await c.query(
              `SELECT d.state, d.attempts FROM email_digests d JOIN notifications n ON n.digest_id = d.id WHERE n.id = $1`,
              [invited.id],
            )
          ).rows[0],
      );
      expect(digest).toEqual({ state: 'FAILED', attempts: 2 });
      const list = await t.http().get('/api/notifications/failed-emails').set(auth(t.admin));
      expect(list.body.items.map((n: { id: string }) => n.id)).toContain(invited.id);
      expect(mailsTo(judge)).toEqual([]);
    } finally {
      smtp.setMode('accept');
    }
  });

  it('sends a digest again that Redis lost before it went out', async () => {
    const officer = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Officer Dara' });
    expect((await save(officer, { email: { STAGE_CHANGED: 'DAILY' } })).status).toBe(200);
    const id = await guidelineInConsultation(6);
    const [notice] = await eventually(async () => {
      const rows = await notifications(t, `user_id = $1 AND guideline_id = $2`, [officer.id, id]);
      return rows.length ? rows : undefined;
    }, "the officer's notice");
    // A digest claimed and its job published, then gone from Redis (lost with its data): the job
    // is not in the queue, the outbox row says published.
    const digestId = await t.sql(async (c) => {
      const digest = await c.query(
        `INSERT INTO email_digests (user_id, digest_day) VALUES ($1, '2099-01-01') RETURNING id`,
        [officer.id],
      );
      const digestId = digest.rows[0].id as string;
      await c.query(`UPDATE notifications SET digest_id = $2 WHERE id = $1`, [notice.id, digestId]);
      await c.query(
        `INSERT INTO outbox (queue, job_name, job_id, payload, run_at, published_at)
         VALUES ('email', 'digest.send', $1, $2::jsonb, now(), now())`,
        [`digest-${digestId}`, JSON.stringify({ digestId })],
      );
      return digestId;
    });
    await forgetRedisEpoch(t);
    // The relay finds the epoch gone, publishes every PENDING digest's job again, and it is sent.
    const [mail] = await eventually(
      async () => {
        const got = smtp.messages.filter((m) => m.digestId === digestId);
        return got.length ? got : undefined;
      },
      'the lost digest delivered',
      30_000,
    );
    expect(mail.to).toEqual([officer.email]);
    // Marked SENT in the transaction committed once the SMTP server accepted the mail: the mail
    // can arrive a moment before.
    await eventually(
      async () => (await notifications(t, `id = $1`, [notice.id]))[0].email_state === 'SENT',
      'the notice recorded SENT',
    );
  });

  it('sends no digest to an account deactivated meanwhile: its notices wait unclaimed, and one already claimed is SKIPPED', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ຄຳແພງ' });
    expect((await save(judge, { email: { COMMENTS_OPEN: 'DAILY' } })).status).toBe(200);
    await guidelineInConsultation(7);
    const [invited] = await eventually(async () => {
      const rows = await notifications(t, `kind = 'COMMENTS_OPEN' AND user_id = $1`, [judge.id]);
      return rows.length ? rows : undefined;
    }, 'the invitation');
    expect(invited.email_state).toBe('DAILY');
    await deactivate(t, judge);

    const digests = t.app.get(Digests);
    await digests.compose(new Date(Date.now() + 4 * DAY));
    const claimedBy = (id: string) =>
      t.sql(
        async (c) =>
          (await c.query(`SELECT digest_id, email_state FROM notifications WHERE id = $1`, [id]))
            .rows[0],
      );
    expect(await claimedBy(invited.id)).toEqual({ digest_id: null, email_state: 'DAILY' });

    // A digest claimed a moment before the account was closed goes out as nothing.
    const digestId = await t.sql(async (c) => {
      const digest = await c.query(
        `INSERT INTO email_digests (user_id, digest_day) VALUES ($1, '2099-02-01') RETURNING id`,
        [judge.id],
      );
      await c.query(`UPDATE notifications SET digest_id = $2 WHERE id = $1`, [
        invited.id,
        digest.rows[0].id,
      ]);
      return digest.rows[0].id as string;
    });
    expect(await digests.deliver(digestId, false)).toBe('ALREADY_DONE');
    expect(
      await t.sql(
        async (c) =>
          (await c.query(`SELECT state FROM email_digests WHERE id = $1`, [digestId])).rows[0],
      ),
    ).toEqual({ state: 'SKIPPED' });
    expect(await claimedBy(invited.id)).toEqual({ digest_id: digestId, email_state: 'SKIPPED' });
    expect(mailsTo(judge)).toEqual([]);
  });

  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});
