import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { createHash, randomBytes } from 'node:crypto';
import { DOCX_MEDIA_TYPE, UPLOAD_MAX_BYTES } from '../src/common/upload';
import { Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(120_000);

/** The canonical content hash of content-hash.ts, recomputed from the sections the draft holds. */
function hashOf(sections: { key: string; kind: string; heading: string; body: string }[]) {
  const canonical = JSON.stringify({
    sections: sections.map((s) => ({
      key: s.key,
      kind: s.kind,
      heading: s.heading,
      body: s.body,
      code: null,
      category: null,
    })),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const LAO_HEADING_1 = 'ມາດຕາ 1: ການຮັບຟັງຜູ້ເຄາະຮ້າຍ';
const LAO_BODY_1 = 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ ແລະ ບໍ່ຂັດຈັງຫວະ.';
const LAO_HEADING_3 = 'ມາດຕາ 3: ການປົກປ້ອງເດັກ';

/** A 1×1 PNG, to show that images are counted and left out. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface DraftOptions {
  privacyHeading?: string;
  laoBody?: string;
  image?: boolean;
}

/** A Word file as the secretariat writes one: Heading 1 articles in Lao and English, a list, a table. */
async function wordFile(options: DraftOptions = {}): Promise<Buffer> {
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, text });
  const document = new Document({
    sections: [
      {
        children: [
          heading(LAO_HEADING_1),
          new Paragraph({
            children: [new TextRun({ text: options.laoBody ?? LAO_BODY_1, bold: true })],
          }),
          new Paragraph({ text: 'ໃຫ້ເວລາພຽງພໍແກ່ຜູ້ເຄາະຮ້າຍ.' }),
          heading(options.privacyHeading ?? 'Privacy of hearings'),
          new Paragraph({
            children: [
              new TextRun('A hearing may be '),
              new TextRun({ text: 'closed', italics: true }),
              new TextRun(' when:'),
            ],
          }),
          new Paragraph({ text: 'the victim is a child;', bullet: { level: 0 } }),
          new Paragraph({ text: 'ຜູ້ເຄາະຮ້າຍຮ້ອງຂໍ.', bullet: { level: 0 } }),
          ...(options.image
            ? [
                new Paragraph({
                  children: [
                    new ImageRun({
                      type: 'png',
                      data: PNG,
                      transformation: { width: 10, height: 10 },
                    }),
                  ],
                }),
              ]
            : []),
          heading(LAO_HEADING_3),
          new Table({
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('ອາຍຸ')] }),
                  new TableCell({ children: [new Paragraph('Measure')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('ຕ່ຳກວ່າ 18 ປີ')] }),
                  new TableCell({ children: [new Paragraph('Closed hearing')] }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('Word import into the working draft', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('drafting-import', { WORKERS: 'off' });
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Vanida' });
    judge = await t.user(Role.JUDGE);
  });
  afterAll(() => t.close());

  let seq = 0;
  const newGuideline = async () => {
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({
        code: `W-${++seq}-${Date.now().toString(36)}`,
        title: { en: 'Import', lo: 'ນຳເຂົ້າ' },
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const importRaw = (id: string, content: Buffer, query = '') =>
    t
      .http()
      .post(`/api/guidelines/${id}/draft/import${query}`)
      .set(as(secretariat))
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .send(content);
  const getDraft = (id: string) => t.http().get(`/api/guidelines/${id}/draft`).set(as(secretariat));

  it('makes sections of the Heading 1 articles with the exact Lao text, lists as "- " lines and tables as rows', async () => {
    const id = await newGuideline();
    const res = await importRaw(id, await wordFile({ image: true }));
    expect(res.status).toBe(200);
    expect(res.body.sections).toEqual([
      {
        key: 'art-1',
        kind: 'text',
        heading: LAO_HEADING_1,
        body: `${LAO_BODY_1}\n\nໃຫ້ເວລາພຽງພໍແກ່ຜູ້ເຄາະຮ້າຍ.`,
      },
      {
        key: 'privacy-of-hearings',
        kind: 'text',
        heading: 'Privacy of hearings',
        body: 'A hearing may be closed when:\n\n- the victim is a child;\n- ຜູ້ເຄາະຮ້າຍຮ້ອງຂໍ.',
      },
      {
        key: 'art-3',
        kind: 'text',
        heading: LAO_HEADING_3,
        body: 'ອາຍຸ | Measure\nຕ່ຳກວ່າ 18 ປີ | Closed hearing',
      },
    ]);
    expect(res.body).toMatchObject({
      revision: 1,
      baseVersionNumber: null,
      updatedBy: { id: secretariat.id, name: 'Vanida' },
    });
    expect(res.body.warnings).toEqual([
      { code: 'IMAGES_DROPPED', message: expect.stringContaining('1 image was left out') },
    ]);
    // The draft is what the import answered.
    expect((await getDraft(id)).body.sections).toEqual(res.body.sections);
  });

  it('takes the file from a browser form too, and refuses the judge', async () => {
    const id = await newGuideline();
    const file = await wordFile();
    const form = await t
      .http()
      .post(`/api/guidelines/${id}/draft/import`)
      .set(as(secretariat))
      .attach('file', file, { filename: 'draft.docx', contentType: DOCX_MEDIA_TYPE });
    expect(form.status).toBe(200);
    expect(form.body.sections).toHaveLength(3);
    expect(form.body.warnings).toEqual([]);
    const refused = await t
      .http()
      .post(`/api/guidelines/${id}/draft/import`)
      .set(as(judge))
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .send(file);
    expect(refused.status).toBe(403);
  });

  it('keeps the keys of unchanged headings on re-import, and the imported draft publishes with the hash of its sections', async () => {
    const id = await newGuideline();
    const first = await importRaw(id, await wordFile());
    expect(first.status).toBe(200);
    const edited = await importRaw(
      id,
      await wordFile({ privacyHeading: 'Closed hearings', laoBody: 'ຂໍ້ຄວາມໃໝ່ຂອງມາດຕາໜຶ່ງ.' }),
      `?revision=${first.body.revision}`,
    );
    expect(edited.status).toBe(200);
    // Same headings keep their keys (art-1, art-3); the renamed section is a new one.
    expect(edited.body.sections.map((s: { key: string }) => s.key)).toEqual([
      'art-1',
      'closed-hearings',
      'art-3',
    ]);
    expect(edited.body.sections[0].body).toMatch(/^ຂໍ້ຄວາມໃໝ່ຂອງມາດຕາໜຶ່ງ\./);

    // An import from a revision that is no longer current is 409 and replaces nothing.
    const stale = await importRaw(id, await wordFile(), `?revision=${first.body.revision}`);
    expect(stale.status).toBe(409);
    expect(stale.body.details[0].code).toBe('DRAFT_STALE');

    const published = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: edited.body.revision, changeSummary: 'Imported from Word' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      number: 1,
      contentHash: hashOf(edited.body.sections),
    });

    // Against the published version: the original file gets version 1's keys back where the
    // headings match, and the heading version 1 does not have becomes a new section again.
    const again = await importRaw(id, await wordFile());
    expect(again.status).toBe(200);
    expect(again.body.baseVersionNumber).toBe(1);
    expect(again.body.sections.map((s: { key: string }) => s.key)).toEqual([
      'art-1',
      'privacy-of-hearings',
      'art-3',
    ]);
  });

  it('answers each bad file with its 4xx in the error shape and leaves the draft unchanged', async () => {
    const id = await newGuideline();
    const before = await importRaw(id, await wordFile());
    expect(before.status).toBe(200);
    const good = await wordFile();

    const compoundFile = (stream: string) =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        Buffer.from(stream, 'utf16le'),
        Buffer.alloc(512),
      ]);
    const manyParts: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 2100; i++) manyParts[`word/media/p${i}.xml`] = strToU8('x');
    const bad: [string, Buffer, number, string][] = [
      ['plain text', Buffer.from('This is not a Word document'), 415, 'NOT_A_DOCX'],
      ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 415, 'NOT_A_DOCX'],
      ['an old .doc', compoundFile('WordDocument'), 415, 'LEGACY_WORD_FILE'],
      [
        'a zip without a Word document',
        Buffer.from(zipSync({ 'hello.txt': strToU8('hello') })),
        415,
        'NOT_A_DOCX',
      ],
      ['a cut-off zip', good.subarray(0, Math.floor(good.length / 2)), 400, 'CORRUPT_FILE'],
      ['a password-protected file', compoundFile('EncryptionInfo'), 400, 'ENCRYPTED_FILE'],
      [
        'a zip bomb',
        Buffer.from(
          zipSync(
            { 'word/document.xml': new Uint8Array(64 * 1024 * 1024).fill(0x20) },
            { level: 9 },
          ),
        ),
        413,
        'UNPACKED_TOO_LARGE',
      ],
      ['a zip of thousands of parts', Buffer.from(zipSync(manyParts)), 400, 'TOO_MANY_PARTS'],
    ];
    for (const [what, content, status, code] of bad) {
      const res = await importRaw(id, content);
      expect({ what, status: res.status, code: res.body.details?.[0]?.code }).toEqual({
        what,
        status,
        code,
      });
      expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String) });
      expect(res.body.message).toEqual(expect.any(String));
    }
    const tooBig = await importRaw(id, randomBytes(UPLOAD_MAX_BYTES + 1));
    expect(tooBig.status).toBe(413);

    const after = await getDraft(id);
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.sections).toEqual(before.body.sections);
  });
});
