import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import JSZip from 'jszip';
import { Role } from '../src/court/roles';
import { parseGuidelineMarkdown } from '../src/documents';
import {
  convertWithLibreOffice,
  docxParagraphs,
  odtHeadings,
  odtSpanFonts,
  zipEntry,
} from './support/office';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

function rawBody(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A Lao-and-English version: provisions citing indicators by code, one indicator cited by none. */
const SECTIONS = [
  {
    key: 'purpose',
    heading: 'ຈຸດປະສົງ / Purpose',
    body: 'ຄູ່ມືນີ້ຮັບປະກັນວ່າຜູ້ເຄາະຮ້າຍຈາກການຄ້າມະນຸດໄດ້ຮັບການປະຕິບັດຢ່າງຍຸຕິທຳ.\n\nThese guidelines ensure trafficked victims are treated with fairness.',
  },
  {
    key: 'art-1',
    heading: 'ມາດຕາ 1: ຫ້ອງລໍຖ້າ',
    body: 'ສານຈັດຫ້ອງລໍຖ້າແຍກຕ່າງຫາກ ຕາມຕົວຊີ້ວັດVSC-1.',
  },
  {
    key: 'art-2',
    heading: 'Article 2: Victims & witnesses <protection>',
    body: 'An interpreter is present at every hearing (see VSC-2).\n## not a heading\n* nor a list',
  },
  {
    key: 'ind-1',
    kind: 'indicator',
    code: 'VSC-1',
    category: 'ສະພາບແວດລ້ອມຂອງສານ',
    heading: 'Separate waiting room',
    body: 'The victim waits apart from the accused.',
  },
  {
    key: 'ind-2',
    kind: 'indicator',
    code: 'VSC-2',
    category: 'Language',
    heading: 'ນາຍແປພາສາ',
    body: 'ມີນາຍແປພາສາໃນທຸກການພິຈາລະນາ.',
  },
  {
    key: 'ind-3',
    kind: 'indicator',
    code: 'VSC-3',
    category: 'Court process',
    heading: 'Closed hearing on request',
    body: 'The court hears the victim in camera when asked. Not VSC-30.',
  },
];

describe('guideline documents and indicator coverage', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let reviewer: TestUser;
  let observer: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  let contentHash: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const documentOf = (format: string, number = 1, user = judge) =>
    t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/${number}/document?format=${format}`)
      .set(as(user))
      .buffer(true)
      .parse(rawBody as never);

  beforeAll(async () => {
    t = await startTestApp('documents');
    secretariat = await t.user(Role.SECRETARIAT);
    reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ' });
    observer = await t.user(Role.OBSERVER);
    judge = await t.user(Role.JUDGE);
    const created = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({
        code: 'VSC-2026',
        title: {
          en: 'Guidelines for victim-sensitive courts',
          lo: 'ຄູ່ມືແນະນຳສຳລັບສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ',
        },
      });
    expect(created.status).toBe(201);
    guidelineId = created.body.id;
    const published = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'First draft', sections: SECTIONS });
    expect(published.status).toBe(201);
    contentHash = published.body.contentHash;
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
  afterAll(() => t.close());

  describe('Word', () => {
    it('holds every heading, every indicator code and the content hash in word/document.xml', async () => {
      // An agency reviewer reads only what its agency was asked about: not this draft.
      expect((await documentOf('docx', 1, reviewer)).status).toBe(404);
      const res = await documentOf('docx', 1, observer);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(res.headers['content-disposition']).toBe('attachment; filename="VSC-2026-v1.docx"');
      const zip = await JSZip.loadAsync(res.body as Buffer);
      const xml = await zip.file('word/document.xml')!.async('string');
      const paragraphs = docxParagraphs(xml);
      expect(paragraphs).toEqual(
        expect.arrayContaining([
          '1. ຈຸດປະສົງ / Purpose',
          '2. ມາດຕາ 1: ຫ້ອງລໍຖ້າ',
          '3. Article 2: Victims & witnesses <protection>',
        ]),
      );
      for (const section of SECTIONS.filter((s) => s.kind === 'indicator')) {
        expect(paragraphs).toContain(section.heading);
        expect(paragraphs).toContain(section.code);
      }
      expect(xml).toContain(contentHash);
      expect(paragraphs).toContain('ຄູ່ມືແນະນຳສຳລັບສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ');
      expect(paragraphs).toContain('Guidelines for victim-sensitive courts');
      expect(paragraphs).toContain('ສະພາບແວດລ້ອມຂອງສານ');
      expect(xml).toContain('w:cs="Phetsarath OT"');
      expect(paragraphs).toContain(
        'ສະຖານະ / Status: ຮ່າງປັດຈຸບັນ, ຢູ່ໃນຂັ້ນຕອນການຮ່າງ / current draft, at the drafting stage',
      );
      const core = await zip.file('docProps/core.xml')!.async('string');
      expect(core).toContain('VSC-2026 v1');
    });

    it('is the same file, byte for byte, each time the same version is downloaded', async () => {
      const first = (await documentOf('docx')).body as Buffer;
      const second = (await documentOf('docx', 1, observer)).body as Buffer;
      const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
      expect(sha(second)).toBe(sha(first));
      // Dated from the record, not the clock.
      const version = await t
        .http()
        .get(`/api/guidelines/${guidelineId}/versions/1`)
        .set(as(judge));
      const published = new Date(version.body.publishedAt).toISOString().replace(/\.\d+Z$/, 'Z');
      expect(zipEntry(first, 'docProps/core.xml')).toContain(
        `<dcterms:created xsi:type="dcterms:W3CDTF">${published}</dcterms:created>`,
      );
    });

    it('opens in LibreOffice with every section a heading and the code in a Latin font', async () => {
      const docx = (await documentOf('docx')).body as Buffer;
      const content = zipEntry(
        await convertWithLibreOffice(docx, 'guideline.docx', 'odt'),
        'content.xml',
      );
      expect(odtHeadings(content)).toEqual([
        [1, '1. ຈຸດປະສົງ / Purpose'],
        [1, '2. ມາດຕາ 1: ຫ້ອງລໍຖ້າ'],
        [1, '3. Article 2: Victims & witnesses <protection>'],
      ]);
      // The digits of VSC-2026 (title page) in Times New Roman, not Phetsarath OT's old-style figures.
      expect(odtSpanFonts(content, 'VSC-2026')).toEqual({
        latin: 'Times New Roman',
        complex: 'Times New Roman',
      });
      expect(odtSpanFonts(content, 'ຈຸດປະສົງ').complex).toBe('Phetsarath OT');
    });

    it('prints the adoption date of the adopted version', async () => {
      // The workflow issue adopts guidelines; the outcome it records is set here directly.
      await t.sql((c) =>
        c.query(
          `UPDATE guidelines SET stage = 'ADOPTED', adopted_version_number = 1,
                  adopted_content_hash = $2, adopted_at = '2026-06-30T20:00:00Z' WHERE id = $1`,
          [guidelineId, contentHash],
        ),
      );
      const res = await documentOf('docx');
      const xml = await (
        await JSZip.loadAsync(res.body as Buffer)
      )
        .file('word/document.xml')!
        .async('string');
      // 20:00 UTC on 30 June is 1 July in Vientiane.
      expect(xml).toContain('2026-07-01');
      expect(xml).toContain('Adopted on');
    });
  });

  describe('Markdown', () => {
    it('round-trips the section texts exactly', async () => {
      const res = await documentOf('md');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      const markdown = (res.body as Buffer).toString('utf8');
      const parsed = parseGuidelineMarkdown(markdown);
      expect(parsed.sections).toStrictEqual(
        SECTIONS.map((s) => ({ ...s, kind: s.kind ?? 'text' })),
      );
      expect(parsed.meta).toMatchObject({
        code: 'VSC-2026',
        version: 1,
        contentHash,
        title: {
          en: 'Guidelines for victim-sensitive courts',
          lo: 'ຄູ່ມືແນະນຳສຳລັບສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ',
        },
      });
      expect(markdown).toContain('\n## [VSC-3] Closed hearing on request\n');
    });

    it('reads in a CommonMark viewer with the title first, a heading per section and no code block', async () => {
      const markdown = (await documentOf('md')).body.toString('utf8');
      const viewer = new MarkdownIt('commonmark');
      const tokens = viewer.parse(markdown, {});
      const html = viewer.render(markdown);
      const headings = [...html.matchAll(/<(h[1-6])>(.*?)<\/h[1-6]>/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      expect(headings).toEqual([
        'h1 ຄູ່ມືແນະນຳສຳລັບສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ',
        'h2 1. ຈຸດປະສົງ / Purpose',
        'h2 2. ມາດຕາ 1: ຫ້ອງລໍຖ້າ',
        'h2 3. Article 2: Victims &amp; witnesses &lt;protection&gt;',
        'h2 [VSC-1] Separate waiting room',
        'h2 [VSC-2] ນາຍແປພາສາ',
        'h2 [VSC-3] Closed hearing on request',
      ]);
      expect(tokens.some((t) => t.type === 'code_block' || t.type === 'fence')).toBe(false);
      expect(html).toContain(
        '<p>An interpreter is present at every hearing (see VSC-2).<br />\n## not a heading<br />\n* nor a list</p>',
      );
    });

    it('publishes Markdown pasted back as a version with the same content hash', async () => {
      const markdown = (await documentOf('md')).body.toString('utf8');
      // The web UI's "paste Markdown to publish": parse, then publish the sections.
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = 'DRAFTING' WHERE id = $1`, [guidelineId]),
      );
      const republished = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as(secretariat))
        .send({
          changeSummary: 'Pasted back',
          sections: parseGuidelineMarkdown(markdown).sections,
        });
      expect(republished.status).toBe(201);
      expect(republished.body.contentHash).toBe(contentHash);
    });
  });

  describe('indicators', () => {
    it('lists each indicator with the provisions citing it, and the uncovered one', async () => {
      const res = await t
        .http()
        .get(`/api/guidelines/${guidelineId}/indicators?version=1`)
        .set(as(judge));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        guidelineId,
        versionNumber: 1,
        contentHash,
        uncoveredCount: 1,
      });
      expect(
        res.body.items.map(
          (i: { code: string; referencedBy: { key: string }[]; uncovered: boolean }) => [
            i.code,
            i.referencedBy.map((p) => p.key),
            i.uncovered,
          ],
        ),
      ).toEqual([
        ['VSC-1', ['art-1'], false],
        ['VSC-2', ['art-2'], false],
        ['VSC-3', [], true],
      ]);
      expect(res.body.items[2]).toMatchObject({
        key: 'ind-3',
        heading: 'Closed hearing on request',
        statement: 'The court hears the victim in camera when asked. Not VSC-30.',
        category: 'Court process',
      });
    });

    it('reads the current version by default', async () => {
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = 'DRAFTING' WHERE id = $1`, [guidelineId]),
      );
      const published = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as(secretariat))
        .send({
          changeSummary: 'Cover VSC-3',
          sections: [
            ...SECTIONS.slice(0, 3),
            {
              key: 'art-3',
              heading: 'Article 3: Closed hearings',
              body: 'Per VSC-3, the court may sit in camera.',
            },
            ...SECTIONS.slice(3),
          ],
        });
      expect(published.status).toBe(201);
      const res = await t.http().get(`/api/guidelines/${guidelineId}/indicators`).set(as(judge));
      expect(res.body.versionNumber).toBe(published.body.number);
      expect(res.body.uncoveredCount).toBe(0);
      expect(res.body.items[2].referencedBy).toEqual([
        { key: 'art-3', heading: 'Article 3: Closed hearings', position: 3 },
      ]);
    });
  });

  describe('refusals', () => {
    it('answers 404 for unknown guidelines and versions, 400 for bad input, 401 without a token', async () => {
      const get = (path: string) => t.http().get(path).set(as(judge));
      expect((await get(`/api/guidelines/${UNKNOWN_ID}/versions/1/document`)).status).toBe(404);
      expect((await get(`/api/guidelines/${guidelineId}/versions/99/document`)).status).toBe(404);
      expect((await get(`/api/guidelines/${guidelineId}/versions/0/document`)).status).toBe(400);
      expect((await get(`/api/guidelines/nope/versions/1/document`)).status).toBe(400);
      const pdf = await get(`/api/guidelines/${guidelineId}/versions/1/document?format=pdf`);
      expect(pdf.status).toBe(400);
      expect(pdf.body.details[0].field).toBe('format');
      expect((await get(`/api/guidelines/${UNKNOWN_ID}/indicators`)).status).toBe(404);
      expect((await get(`/api/guidelines/${guidelineId}/indicators?version=42`)).status).toBe(404);
      expect((await get(`/api/guidelines/${guidelineId}/indicators?version=x`)).status).toBe(400);
      expect(
        (await t.http().get(`/api/guidelines/${guidelineId}/versions/1/document`)).status,
      ).toBe(401);
    });

    it('answers 404 for the indicators of a guideline without versions', async () => {
      const fresh = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({ code: 'VSC-EMPTY', title: { en: 'Empty', lo: 'ຫວ່າງ' } });
      const res = await t.http().get(`/api/guidelines/${fresh.body.id}/indicators`).set(as(judge));
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/Version/);
    });
  });
});
