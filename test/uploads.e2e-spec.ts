import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOCX_MEDIA_TYPE, UPLOAD_MAX_BYTES } from '../src/common/upload';
import { UploadProbeModule } from './support/upload-probe';
import { startTestApp, TestApp } from './support/test-app';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Uploads the one way src/common/upload.ts offers (probe routes mounted for this file only): a file
 * as the raw body or in a multipart form, bounded, after the caller is let in; and every route
 * that takes no upload refuses both, and any body that is not JSON, with 415.
 */
describe('uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('uploads', { WORKERS: 'off' }, { imports: [UploadProbeModule] });
  });
  afterAll(() => t.close());

  const bearer = () => ({ Authorization: `Bearer ${t.admin.token}` });
  const expectErrorShape = (
    res: { status: number; body: unknown; text: string },
    status: number,
    message?: RegExp,
  ) => {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      statusCode: status,
      error: expect.any(String),
      message: message ?? expect.any(String),
      details: expect.any(Array),
    });
    expect(res.text.length).toBeLessThan(1000);
  };

  it('takes a Word file of exactly the limit as the raw body, byte for byte', async () => {
    const content = randomBytes(UPLOAD_MAX_BYTES);
    const res = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .send(content);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      file: {
        size: UPLOAD_MAX_BYTES,
        sha256: sha256(content),
        mediaType: DOCX_MEDIA_TYPE,
        fileName: null,
      },
      note: null,
    });
  });

  it('answers 413 in the error shape for a raw body one byte over the limit', async () => {
    const res = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .send(randomBytes(UPLOAD_MAX_BYTES + 1));
    expectErrorShape(res, 413);
  });

  it('takes the file from a multipart form, with its text fields validated as the body', async () => {
    const content = randomBytes(200_000);
    const res = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .field('note', 'ຮ່າງສະບັບທີ 2')
      .attach('file', content, { filename: 'draft-2.docx', contentType: DOCX_MEDIA_TYPE });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      file: {
        size: content.length,
        sha256: sha256(content),
        mediaType: DOCX_MEDIA_TYPE,
        fileName: 'draft-2.docx',
      },
      note: 'ຮ່າງສະບັບທີ 2',
    });
  });

  it('refuses a form with an unknown field (400), a second file (400) or a file over the limit (413)', async () => {
    const unknownField = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .field('isAdmin', 'true')
      .attach('file', Buffer.from('x'), { filename: 'a.docx', contentType: DOCX_MEDIA_TYPE });
    expectErrorShape(unknownField, 400);
    expect(unknownField.body.details.map((d: { field: string }) => d.field)).toEqual(['isAdmin']);

    const secondFile = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .attach('file', Buffer.from('x'), { filename: 'a.docx', contentType: DOCX_MEDIA_TYPE })
      .attach('other', Buffer.from('y'), { filename: 'b.docx', contentType: DOCX_MEDIA_TYPE });
    expectErrorShape(secondFile, 400);

    const tooLarge = await t
      .http()
      .post('/api/upload-probe/letter')
      .set(bearer())
      .attach('letter', randomBytes(1001), {
        filename: 'letter.pdf',
        contentType: 'application/pdf',
      });
    expectErrorShape(tooLarge, 413);
  });

  it('answers 415 for a file of another type, as the body or in the form', async () => {
    const raw = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('%PDF-1.7'));
    expectErrorShape(raw, 415, /application\/pdf is not accepted here/);
    const inForm = await t
      .http()
      .post('/api/upload-probe/docx')
      .set(bearer())
      .attach('file', Buffer.from('%PDF-1.7'), {
        filename: 'a.pdf',
        contentType: 'application/pdf',
      });
    expectErrorShape(inForm, 415);
  });

  it('answers 400 when the file is missing', async () => {
    const missing = await t.http().post('/api/upload-probe/docx').set(bearer());
    expectErrorShape(missing, 400, /No file was sent/);
    expect(missing.body.details).toEqual([{ field: 'file', message: 'a file is required' }]);
  });

  it('answers 401 to an anonymous upload without waiting for its body', async () => {
    // Announces 5 MB and sends 1 KB: only a server that refuses before reading can answer.
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/upload-probe/docx',
          headers: { 'Content-Type': DOCX_MEDIA_TYPE, 'Content-Length': 5 * 1024 * 1024 },
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
      req.write(randomBytes(1024));
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('lets a route take JSON or a form with an optional file', async () => {
    const json = await t
      .http()
      .post('/api/upload-probe/letter')
      .set(bearer())
      .send({ note: 'approved' });
    expect(json.status).toBe(201);
    expect(json.body).toEqual({ file: null, note: 'approved' });

    const pdf = Buffer.from('%PDF-1.7 signed letter');
    const form = await t
      .http()
      .post('/api/upload-probe/letter')
      .set(bearer())
      .field('note', 'approved')
      .attach('letter', pdf, { filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(form.status).toBe(201);
    expect(form.body.file).toMatchObject({ size: pdf.length, fileName: 'letter.pdf' });
  });

  it('answers 415 on a route that takes no upload, for a form, text or a file, and stores nothing', async () => {
    const count = () =>
      t.sql(async (c) => Number((await c.query('SELECT count(*) FROM users')).rows[0].count));
    const before = await count();
    const multipart = await t
      .http()
      .post('/api/users')
      .set(bearer())
      .field('email', 'form@test.court.la')
      .attach('file', Buffer.from('x'), { filename: 'a.docx', contentType: DOCX_MEDIA_TYPE });
    expectErrorShape(multipart, 415, /send JSON/);
    for (const [type, body] of [
      ['text/plain', '{"email":"text@test.court.la"}'],
      ['application/x-www-form-urlencoded', 'email=form%40test.court.la'],
      [DOCX_MEDIA_TYPE, 'PK'],
    ]) {
      const res = await t
        .http()
        .post('/api/users')
        .set(bearer())
        .set('Content-Type', type)
        .send(body);
      expectErrorShape(res, 415, /send JSON/);
    }
    expect(await count()).toBe(before);
  });

  it('describes an upload route in the OpenAPI document with its media types', async () => {
    const doc = await t.http().get('/api/docs-json');
    const content = doc.body.paths['/api/upload-probe/docx'].post.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['multipart/form-data', DOCX_MEDIA_TYPE].sort());
  });
});
