import { createHash } from 'node:crypto';
import { Role } from '../src/court/roles';
import { ReminderDelivery } from '../src/reminders/reminder-delivery.service';
import {
  agencyWithoutAccounts,
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  reminders,
  reviewRequests,
  ReviewRow,
} from './support/review-road';
import { checkRealEmail, parseMail, ReceivedMail, startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

function rawBody(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const TOKEN_IN_LINK = /http:\/\/localhost:3000\/answer\/([A-Za-z0-9_-]{43})(?=\s|$)/;

/**
 * Agencies without accounts answer by the link e-mailed to their contact address: real
 * PostgreSQL, Redis and SMTP server; every e-mail parsed by mailparser.
 */
describe('answer links for agencies without accounts', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  let requests: ReviewRow[];
  const byCode = (code: string) => requests.find((r) => r.code === code)!;
  const ADDRESS = 'letters@molsw.example.la';

  /** The e-mails to an address, waiting until there are `count`; returns their tokens too. */
  const mailsTo = async (address: string, count: number) =>
    eventually(async () => {
      const got = smtp.messages.filter((m) => m.to.includes(address));
      return got.length >= count ? got : undefined;
    }, `${count} e-mails to ${address}`);
  const tokenOf = async (mail: ReceivedMail) => {
    const parsed = await parseMail(mail);
    const match = TOKEN_IN_LINK.exec(parsed.text ?? '');
    if (!match) throw new Error(`no answer link in: ${parsed.text}`);
    return match[1];
  };
  const link = (token: string, rest = '') => `/api/review-links/${token}${rest}`;
  const answer = {
    decision: 'APPROVE_WITH_COMMENTS',
    comments: 'Article 1 should name the Lao Women’s Union.',
    signatory: { name: 'Khamphet Vongsa', title: 'Director General' },
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('review-links', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai' });
    judge = await t.user(Role.JUDGE, { locale: 'en' });
    const agency = await agencyWithoutAccounts(t, ADDRESS, 'en');
    expect(agency.status).toBe(201);
    expect(agency.body.locale).toBe('en');
    guidelineId = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOLSW', 'MOJ'],
    });
    requests = await reviewRequests(t, guidelineId);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('e-mails the agency’s contact address once, in its language, with a link whose token is stored only as a digest', async () => {
    const [mail] = await mailsTo(ADDRESS, 1);
    const parsed = await parseMail(mail);
    expect(checkRealEmail(parsed)).toEqual([]);
    expect(parsed.headers.get('content-language')).toBe('en');
    expect(parsed.to).toMatchObject({
      value: [{ name: 'Ministry of Labour and Social Welfare', address: ADDRESS }],
    });
    expect(parsed.subject).toMatch(/^Review requested: Victim-sensitive courts \d+ \(due .+\)$/);
    const token = await tokenOf(mail);
    expect(parsed.html).toContain(`<a href="http://localhost:3000/answer/${token}"`);
    // The Ministry of Justice is written to in Lao (agencies default to Lao).
    const [moj] = await mailsTo('review@moj.example.la', 1);
    expect((await parseMail(moj)).headers.get('content-language')).toBe('lo');
    expect(moj.subject).toMatch(/^ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ/);

    // The link's digest is stored in the transaction that marks the message SENT, committed once
    // the SMTP server has accepted it: the mail can arrive a moment before the row is there.
    const stored = await eventually(
      () =>
        t.sql(async (c) => {
          const { rows } = await c.query(
            `SELECT encode(l.token_hash, 'hex') AS hash, m.body, m.email_state
               FROM review_links l JOIN agency_messages m ON m.id = l.agency_message_id
              WHERE l.review_request_id = $1`,
            [byCode('MOLSW').id],
          );
          return rows.length ? rows : undefined;
        }),
      'the answer link of the e-mail to be stored',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].email_state).toBe('SENT');
    expect(stored[0].hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored[0].body).not.toContain(token);
    // The message is SENT and committed: nothing will send it again.
    expect(smtp.messages.filter((m) => m.to.includes(ADDRESS))).toHaveLength(1);
  });

  it('shows the request and its version through the link, downloads the Word file, and tells the secretariat when it was opened', async () => {
    const token = await tokenOf((await mailsTo(ADDRESS, 1))[0]);
    const before = await t
      .http()
      .get(`/api/reviews/${byCode('MOLSW').id}`)
      .set(auth(secretariat));
    expect(before.body.answerLink).toMatchObject({ active: 1, lastOpenedAt: null });

    const shown = await t.http().get(link(token));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      guideline: { title: { en: expect.stringMatching(/^Victim-sensitive courts/) } },
      versionNumber: 1,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      dueDate: localDay(10),
      agency: { code: 'MOLSW', locale: 'en' },
      status: 'PENDING',
      answer: null,
      sections: [
        { key: 'art-1', heading: 'Article 1', body: 'Victims are heard in a separate room.' },
      ],
    });
    const after = await t
      .http()
      .get(`/api/reviews/${byCode('MOLSW').id}`)
      .set(auth(secretariat));
    expect(after.body.answerLink.lastOpenedAt).toEqual(expect.any(String));

    const file = await t
      .http()
      .get(link(token, '/document?format=docx'))
      .buffer(true)
      .parse(rawBody as never);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/wordprocessingml/);
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="RV-[\w.-]+-v1\.docx"$/,
    );
    expect(file.body.subarray(0, 2).toString()).toBe('PK');
    expect((await t.http().get(link(token, '/document?format=pdf'))).status).toBe(400);
  });

  it('takes one answer through the link (201): the request is ANSWERED by link, its reminders cancelled; a second answer is 409', async () => {
    const token = await tokenOf((await mailsTo(ADDRESS, 1))[0]);
    const blank = await t
      .http()
      .post(link(token, '/response'))
      .send({ ...answer, comments: '  ' });
    expect(blank.status).toBe(400);
    expect((await t.http().post(link(token, '/response')).send({ decision: 'YES' })).status).toBe(
      400,
    );

    const answered = await t.http().post(link(token, '/response')).send(answer);
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: { decision: 'APPROVE_WITH_COMMENTS', signatory: answer.signatory },
    });
    const detail = await t
      .http()
      .get(`/api/reviews/${byCode('MOLSW').id}`)
      .set(auth(secretariat));
    expect(detail.body.status).toBe('ANSWERED');
    expect(detail.body.answer).toMatchObject({
      through: 'LINK',
      answeredBy: null,
      comments: answer.comments,
    });
    expect(detail.body.answerLink.active).toBe(0);
    const states = (await reminders(t, byCode('MOLSW').id)).map((r) => r.state);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'CANCELLED')).toBe(true);

    const again = await t.http().post(link(token, '/response')).send(answer);
    expect(again.status).toBe(409);
    expect(again.body.details[0].code).toBe('REVIEW_ANSWERED');
    expect((await t.http().get(link(token))).status).toBe(404);
  });

  it('answers an unknown, forged or expired token with the same 404', async () => {
    const forged = 'A'.repeat(43);
    const answers = await Promise.all([
      t.http().get(link(forged)),
      t.http().get(link('short')),
      t.http().get(link(forged, '/document')),
      t.http().post(link(forged, '/response')).send(answer),
    ]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((r) => r.body.message))).toEqual(new Set([answers[0].body.message]));

    // Valid until the end of the 30th day after the due day.
    const token = await tokenOf((await mailsTo('review@moj.example.la', 1))[0]);
    const setDue = (offset: number) =>
      t.sql((c) =>
        c.query(`UPDATE review_requests SET due_date = $2::date WHERE id = $1`, [
          byCode('MOJ').id,
          localDay(offset),
        ]),
      );
    await setDue(-31);
    const expired = await t.http().get(link(token));
    expect(expired.status).toBe(404);
    expect(expired.body.message).toBe(answers[0].body.message);
    await setDue(-30);
    expect((await t.http().get(link(token))).status).toBe(200);
    await setDue(10);
  });

  it('e-mails a fresh link with a moved due date and with every reminder', async () => {
    const request = byCode('MOJ');
    const moved = await t
      .http()
      .put(`/api/reviews/${request.id}/due-date`)
      .set(auth(secretariat))
      .send({ dueAt: localDay(20), reason: 'The ministry asked for more time' });
    expect(moved.status).toBe(200);
    const mailWith = (subject: RegExp) =>
      eventually(
        async () =>
          smtp.messages.find(
            (m) => m.to.includes('review@moj.example.la') && subject.test(m.subject),
          ),
        `the e-mail ${subject}`,
      );
    const dueMail = await mailWith(/^ກຳນົດໃໝ່ຂອງການທົບທວນ/);
    const dueToken = await tokenOf(dueMail);
    expect((await t.http().get(link(dueToken))).body.dueDate).toBe(localDay(20));

    const first = (await reminders(t, request.id)).find((r) => r.state === 'PLANNED')!;
    expect(await t.app.get(ReminderDelivery).deliver(first.id)).toMatchObject({ sent: true });
    const reminderMail = await mailWith(/^ແຈ້ງເຕືອນ/);
    expect((await t.http().get(link(await tokenOf(reminderMail)))).status).toBe(200);
    expect(smtp.messages.filter((m) => m.to.includes('review@moj.example.la'))).toHaveLength(3);
  });

  it('re-issues the link for the secretariat only: the old links stop working, the new one works; a withdrawn request’s link is 404', async () => {
    const request = byCode('MOJ');
    const old = await Promise.all(
      (await mailsTo('review@moj.example.la', 3)).map((m) => tokenOf(m)),
    );
    expect((await t.http().post(`/api/reviews/${request.id}/link`).set(auth(judge))).status).toBe(
      403,
    );
    const reissued = await t.http().post(`/api/reviews/${request.id}/link`).set(auth(secretariat));
    expect(reissued.status).toBe(200);
    const mails = await mailsTo('review@moj.example.la', 4);
    const fresh = await tokenOf(mails[3]);
    for (const token of old) expect((await t.http().get(link(token))).status).toBe(404);
    expect((await t.http().get(link(fresh))).status).toBe(200);
    expect(
      (
        await t
          .http()
          .post(`/api/reviews/${byCode('MOLSW').id}/link`)
          .set(auth(secretariat))
      ).status,
    ).toBe(409);

    await move(t, secretariat, guidelineId, {
      to: 'TECHNICAL_WORKING_GROUP',
      reason: 'Objections need a revision',
    });
    expect((await t.http().get(link(fresh))).status).toBe(404);
    expect((await t.http().post(link(fresh, '/response')).send(answer)).status).toBe(404);
  });

  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });

  it('limits the link routes per client address (429 with Retry-After once the minute’s budget is spent)', async () => {
    const forged = 'B'.repeat(43);
    let answer = await t.http().get(link(forged));
    for (let i = 0; i < 80 && answer.status === 404; i += 1) {
      answer = await t.http().get(link(forged));
    }
    expect(answer.status).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
