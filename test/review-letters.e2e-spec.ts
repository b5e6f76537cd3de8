import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../src/court/roles';
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
import {
  jpegLetter,
  pdfLetter,
  pdfLetterOfSize,
  pngLetter,
  textPretendingToBePdf,
} from './support/letter-files';
import { parseMail, startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

function rawBody(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * The agency's signed letter with its answer: through the e-mailed link or by a reviewer, checked
 * by its content, kept in PostgreSQL with the answer in one transaction, and downloaded by the
 * secretariat, observers and that agency only. Real PostgreSQL, Redis and SMTP server.
 */
describe('signed letters with the agencies’ answers', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let secretariat: TestUser;
  let observer: TestUser;
  let judge: TestUser;
  let mojReviewer: TestUser;
  let mofaReviewer: TestUser;
  let guidelineId: string;
  let requests: ReviewRow[];
  const byCode = (code: string) => requests.find((r) => r.code === code)!;
  const ADDRESS = 'letters@molsw.example.la';
  const answer = {
    decision: 'APPROVE_WITH_COMMENTS',
    comments: 'Article 1 should name the Lao Women’s Union.',
    signatory: { name: 'Khamphet Vongsa', title: 'Director General' },
  };

  const tokenFor = async (address: string) => {
    const mail = await eventually(
      async () => smtp.messages.find((m) => m.to.includes(address)),
      `the e-mail to ${address}`,
    );
    const text = (await parseMail(mail)).text ?? '';
    return /http:\/\/localhost:3000\/answer\/([A-Za-z0-9_-]{43})/.exec(text)![1];
  };
  /** A form as a browser sends it: the fields, `signatory` as JSON text, and the file. */
  const form = (
    req: ReturnType<ReturnType<TestApp['http']>['post']>,
    file: Buffer,
    fileName: string,
    contentType: string,
  ) =>
    req
      .field('decision', answer.decision)
      .field('comments', answer.comments)
      .field('signatory', JSON.stringify(answer.signatory))
      .attach('letter', file, { filename: fileName, contentType });
  const byLink = (token: string) => t.http().post(`/api/review-links/${token}/response`);
  const state = async (code: string) =>
    t.sql(async (c) => {
      const request = (
        await c.query(`SELECT status FROM review_requests WHERE id = $1`, [byCode(code).id])
      ).rows[0];
      const letters = Number(
        (
          await c.query(`SELECT count(*) FROM review_letters WHERE review_request_id = $1`, [
            byCode(code).id,
          ])
        ).rows[0].count,
      );
      return { status: request.status as string, letters };
    });
  const download = (who: TestUser, code: string) =>
    t
      .http()
      .get(`/api/reviews/${byCode(code).id}/letter`)
      .set(auth(who))
      .buffer(true)
      .parse(rawBody as never);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('review_letters', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    observer = await t.user(Role.OBSERVER, { locale: 'en' });
    judge = await t.user(Role.JUDGE, { locale: 'en' });
    mojReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    mofaReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA', locale: 'en' });
    expect((await agencyWithoutAccounts(t, ADDRESS, 'en')).status).toBe(201);
    guidelineId = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOLSW', 'MOJ', 'MOFA'],
    });
    requests = await reviewRequests(t, guidelineId);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses a text file renamed .pdf (415), 11 MB (413), a truncated form and a cut-off PDF (400), storing nothing', async () => {
    const token = await tokenFor(ADDRESS);

    const renamed = await form(
      byLink(token),
      textPretendingToBePdf(),
      'letter.pdf',
      'application/pdf',
    );
    expect(renamed.status).toBe(415);
    expect(renamed.body).toMatchObject({
      statusCode: 415,
      error: expect.any(String),
      details: [{ field: 'letter', code: 'LETTER_TYPE' }],
    });

    const huge = await form(byLink(token), pdfLetter(11 * MB), 'letter.pdf', 'application/pdf');
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, details: expect.any(Array) });

    // The form stops in the middle of the file: no closing boundary.
    const boundary = 'letter-boundary-7f3a';
    const pdf = pdfLetter(50_000);
    const truncatedBody = Buffer.concat([
      Buffer.from(
        [
          `--${boundary}`,
          'Content-Disposition: form-data; name="decision"',
          '',
          'APPROVE',
          `--${boundary}`,
          'Content-Disposition: form-data; name="comments"',
          '',
          '',
          `--${boundary}`,
          'Content-Disposition: form-data; name="signatory"',
          '',
          JSON.stringify(answer.signatory),
          `--${boundary}`,
          'Content-Disposition: form-data; name="letter"; filename="letter.pdf"',
          'Content-Type: application/pdf',
          '',
          '',
        ].join('\r\n'),
      ),
      pdf.subarray(0, 20_000),
    ]);
    const truncated = await byLink(token)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(truncatedBody);
    expect(truncated.status).toBe(400);
    expect(truncated.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/unexpected end of form/i),
    });

    // A whole form whose PDF itself was cut off (a download or a copy that stopped early).
    const cutOff = await form(
      byLink(token),
      pdf.subarray(0, 30_000),
      'letter.pdf',
      'application/pdf',
    );
    expect(cutOff.status).toBe(400);
    expect(cutOff.body.details).toEqual([
      expect.objectContaining({ field: 'letter', code: 'LETTER_INCOMPLETE' }),
    ]);

    // The signatory must be JSON text in a form, as it is an object in a JSON body.
    const notJson = await byLink(token)
      .field('decision', 'APPROVE')
      .field('comments', '')
      .field('signatory', 'Khamphet Vongsa')
      .attach('letter', pdf, { filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.details).toEqual([expect.objectContaining({ field: 'signatory' })]);
    // JSON text in a form is held to the bounds of a JSON body: no NUL character in it.
    const withNul = await byLink(token)
      .field('decision', 'APPROVE')
      .field('comments', '')
      .field('signatory', '{"name": "Khamphet\\u0000", "title": "Director"}')
      .attach('letter', pdf, { filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(withNul.status).toBe(400);
    expect(withNul.body.details).toEqual([
      expect.objectContaining({ code: 'NUL_CHARACTER', field: 'signatory.name' }),
    ]);

    expect(await state('MOLSW')).toEqual({ status: 'PENDING', letters: 0 });
    // The link still works after every refusal.
    expect((await t.http().get(`/api/review-links/${token}`)).status).toBe(200);
  });

  it('answers a forged token’s form with 404 before reading its letter', async () => {
    // Announces a 5 MB form and sends 1 KB of it: only a service that refuses before reading answers.
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const boundary = 'forged-boundary-1';
    const answer404 = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/review-links/${'C'.repeat(43)}/response`,
          headers: {
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': 5 * MB,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.write(
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="l.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          randomBytes(1024),
        ]),
      );
    });
    expect(answer404.status).toBe(404);
    expect(JSON.parse(answer404.body)).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers through the link with a PDF letter: ANSWERED, reminders cancelled, the secretariat downloads the same bytes', async () => {
    const token = await tokenFor(ADDRESS);
    const letter = pdfLetter(300_000);
    const answered = await form(byLink(token), letter, 'ໜັງສືຕອບ MOLSW.pdf', 'application/pdf');
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: {
        decision: answer.decision,
        comments: answer.comments,
        signatory: answer.signatory,
        letter: {
          fileName: 'ໜັງສືຕອບ MOLSW.pdf',
          mediaType: 'application/pdf',
          size: letter.length,
          sha256: sha256(letter),
        },
      },
    });
    expect(await state('MOLSW')).toEqual({ status: 'ANSWERED', letters: 1 });
    const states = (await reminders(t, byCode('MOLSW').id)).map((r) => r.state);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'CANCELLED')).toBe(true);

    const detail = await t
      .http()
      .get(`/api/reviews/${byCode('MOLSW').id}`)
      .set(auth(secretariat));
    expect(detail.body.answer).toMatchObject({
      through: 'LINK',
      letter: { mediaType: 'application/pdf', sha256: sha256(letter) },
    });
    expect(detail.body.yourActions.downloadLetter).toBe(true);

    const file = await download(secretariat, 'MOLSW');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="RV-[\w.-]+-v1-MOLSW-signed-letter\.pdf"$/,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, letter)).toBe(0);

    const again = await form(byLink(token), letter, 'letter.pdf', 'application/pdf');
    expect(again.status).toBe(409);
    expect(await state('MOLSW')).toEqual({ status: 'ANSWERED', letters: 1 });
  });

  it('lets a reviewer attach a scan (PNG, up to exactly 10 MB as PDF) to the answer; the list shows it', async () => {
    const scan = pngLetter(200, 200);
    const mofa = await form(
      t
        .http()
        .post(`/api/reviews/${byCode('MOFA').id}/response`)
        .set(auth(mofaReviewer)),
      scan,
      'scan.PNG',
      'image/png',
    );
    expect(mofa.status).toBe(200);
    expect(mofa.body.answer).toMatchObject({
      through: 'ACCOUNT',
      letter: { fileName: 'scan.PNG', mediaType: 'image/png', size: scan.length },
    });

    // The largest letter taken: exactly 10 MB, declared by a client as a plain octet stream.
    const largest = pdfLetterOfSize(10 * MB);
    const moj = await form(
      t
        .http()
        .post(`/api/reviews/${byCode('MOJ').id}/response`)
        .set(auth(mojReviewer)),
      largest,
      'letter',
      'application/octet-stream',
    );
    expect(moj.status).toBe(200);
    expect(moj.body.answer.letter).toMatchObject({ mediaType: 'application/pdf', size: 10 * MB });
    const file = await download(observer, 'MOJ');
    expect(file.status).toBe(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(largest));

    const list = await t.http().get('/api/reviews').query({ guidelineId }).set(auth(secretariat));
    expect(
      Object.fromEntries(
        list.body.items.map((r: { agency: { code: string }; answer: { letter: unknown } }) => [
          r.agency.code,
          r.answer?.letter && (r.answer.letter as { mediaType: string }).mediaType,
        ]),
      ),
    ).toEqual({ MOLSW: 'application/pdf', MOJ: 'application/pdf', MOFA: 'image/png' });
  });

  it('serves a letter to the secretariat, observers and that agency only: 404 for another agency, a judge or an administrator', async () => {
    expect((await download(observer, 'MOFA')).status).toBe(200);
    expect((await download(mofaReviewer, 'MOFA')).status).toBe(200);
    const other = await download(mojReviewer, 'MOFA');
    expect(other.status).toBe(404);
    expect(JSON.parse((other.body as Buffer).toString())).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
    });
    expect((await download(judge, 'MOFA')).status).toBe(404);
    expect((await download(t.admin, 'MOFA')).status).toBe(404);
    const unknown = await t
      .http()
      .get(`/api/reviews/00000000-0000-4000-8000-000000000000/letter`)
      .set(auth(secretariat))
      // In the language the MOJ reviewer reads (their stored locale): the same words as theirs.
      .set('Accept-Language', 'lo');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(JSON.parse((other.body as Buffer).toString()).message);
    expect((await t.http().get(`/api/reviews/${byCode('MOFA').id}/letter`)).status).toBe(401);

    // The reviewer of another agency is not even told there is a letter.
    const seen = await t
      .http()
      .get(`/api/reviews/${byCode('MOJ').id}`)
      .set(auth(mojReviewer));
    expect(seen.body.yourActions.downloadLetter).toBe(true);
    const forJudge = await t
      .http()
      .get(`/api/reviews/${byCode('MOJ').id}`)
      .set(auth(t.admin));
    expect(forJudge.body.yourActions.downloadLetter).toBe(false);
  });

  it('keeps the JSON answer as it was, and a letter as part of the record', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOJ'],
    });
    const [request] = await reviewRequests(t, id);
    const json = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(mojReviewer))
      .send(answer);
    expect(json.status).toBe(200);
    expect(json.body.answer.letter).toBeNull();
    expect(
      (await t.http().get(`/api/reviews/${request.id}/letter`).set(auth(secretariat))).status,
    ).toBe(404);
    // A signatory sent as text in a JSON body is still refused: only forms carry it as JSON text.
    const refused = await t
      .http()
      .post(`/api/reviews/${byCode('MOJ').id}/response`)
      .set(auth(mojReviewer))
      .send({ ...answer, signatory: JSON.stringify(answer.signatory) });
    expect(refused.status).toBe(400);

    const changed = await t
      .sql((c) =>
        c.query(`UPDATE review_letters SET file_name = 'x.pdf' WHERE review_request_id = $1`, [
          byCode('MOJ').id,
        ]),
      )
      .catch((error: Error) => error.message);
    expect(changed).toMatch(/immutable/);
  });

  it('replays an answer with the same key and file, and refuses the same key with another file', async () => {
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOFA'],
    });
    const [request] = await reviewRequests(t, id);
    const letter = jpegLetter();
    const send = (file: Buffer) =>
      form(
        t
          .http()
          .post(`/api/reviews/${request.id}/response`)
          .set(auth(mofaReviewer))
          .set('Idempotency-Key', 'letter-key-1'),
        file,
        'scan.jpg',
        'image/jpeg',
      );
    const first = await send(letter);
    expect(first.status).toBe(200);
    expect(first.body.answer.letter).toMatchObject({ mediaType: 'image/jpeg' });
    const replay = await send(letter);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const other = await send(jpegLetter());
    expect(other.status).toBe(422);
    expect(other.body.details[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
