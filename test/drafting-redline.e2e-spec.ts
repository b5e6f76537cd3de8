import { Role } from '../src/court/roles';
import { convertWithLibreOffice, xmlText, zipEntry } from './support/office';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(180_000);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

interface Section {
  key: string;
  heading: string;
  body: string;
}

const OLD_WORD = 'ອົດທົນ';
const NEW_WORD = 'ລະມັດລະວັງ';
const v1: Section[] = [
  {
    key: 'art-1',
    heading: 'ມາດຕາ 1: ການຮັບຟັງ',
    body: `ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງ${OLD_WORD} ແລະ ບໍ່ຂັດຈັງຫວະ.\n\nໃຫ້ເວລາພຽງພໍ.`,
  },
  { key: 'gone', heading: 'Transitional rule', body: 'This rule ends with version 1.' },
  { key: 'privacy', heading: 'Privacy', body: 'Hearings may be closed.\n\nNames are kept out.' },
];
const v2: Section[] = [
  { ...v1[0], body: v1[0].body.replace(OLD_WORD, NEW_WORD) },
  {
    key: 'privacy',
    heading: 'Privacy of hearings',
    body: 'Hearings may be closed.\n\nNames and faces are kept out.',
  },
  { key: 'children', heading: 'ມາດຕາ 3: ເດັກ', body: 'ເດັກຕ້ອງມີຜູ້ປົກຄອງຢູ່ນຳ.' },
];

/** A version's text as a redline side is compared: heading, then body paragraphs, a line each. */
const textOf = (sections: Section[]) =>
  sections.flatMap((s) => [s.heading, ...s.body.split('\n\n')]).join('\n');

interface Paragraph {
  mark: 'equal' | 'insert' | 'delete';
  runs: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

/** The tracked paragraphs of the redline's content section (after the title block's section break). */
function trackedParagraphs(documentXml: string): Paragraph[] {
  const afterTitle = documentXml.slice(documentXml.indexOf('</w:sectPr>'));
  const body = afterTitle.slice(afterTitle.indexOf('</w:p>') + '</w:p>'.length);
  return [...body.matchAll(/<w:p\b[^>]*>(.*?)<\/w:p>/g)].map((m) => {
    const pPr = /^<w:pPr>(.*?)<\/w:pPr>/.exec(m[1])?.[1] ?? '';
    const mark = /<w:ins\b/.test(pPr) ? 'insert' : /<w:del\b/.test(pPr) ? 'delete' : 'equal';
    const content = m[1].replace(/^<w:pPr>.*?<\/w:pPr>/, '');
    const runs: Paragraph['runs'] = [];
    let op: 'equal' | 'insert' | 'delete' = 'equal';
    const tokens =
      /<w:ins\b[^>]*>|<\/w:ins>|<w:del\b[^>]*>|<\/w:del>|<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>|<w:br\/>/g;
    for (const t of content.matchAll(tokens)) {
      if (t[0].startsWith('<w:ins')) op = 'insert';
      else if (t[0].startsWith('<w:del') && !t[0].startsWith('<w:delText')) op = 'delete';
      else if (t[0] === '</w:ins>' || t[0] === '</w:del>') op = 'equal';
      else runs.push({ op, text: t[0] === '<w:br/>' ? '\n' : xmlText(t[1]) });
    }
    return { mark, runs };
  });
}

/** What "Accept All" (newer) or "Reject All" (older) leaves of the tracked paragraphs. */
function side(paragraphs: Paragraph[], which: 'newer' | 'older'): string {
  const dropped = which === 'newer' ? 'delete' : 'insert';
  return paragraphs
    .filter((p) => p.mark !== dropped)
    .map((p) =>
      p.runs
        .filter((r) => r.op !== dropped)
        .map((r) => r.text)
        .join(''),
    )
    .join('\n');
}

describe('redline between two versions', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let id: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const redline = (number: number, query: string, user = judge) =>
    t
      .http()
      .get(`/api/guidelines/${id}/versions/${number}/redline${query}`)
      .set(as(user))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  let docx: Buffer;

  beforeAll(async () => {
    t = await startTestApp('drafting-redline', { WORKERS: 'off' });
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Vanida Phommachanh' });
    judge = await t.user(Role.JUDGE);
    const created = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'RL-1', title: { en: 'Hearing victims', lo: 'ການຮັບຟັງຜູ້ເຄາະຮ້າຍ' } });
    id = created.body.id;
    for (const [summary, sections] of [
      ['First', v1],
      ['Second', v2],
    ] as const) {
      const res = await t
        .http()
        .post(`/api/guidelines/${id}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: summary, sections });
      expect(res.status).toBe(201);
    }
    const res = await redline(2, '?against=1&format=docx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toContain('RL-1-v2-against-v1-redline.docx');
    docx = res.body as Buffer;
  });
  afterAll(() => t.close());

  it('marks the changes as real tracked changes: accepting them gives version 2, rejecting them version 1', async () => {
    const xml = zipEntry(docx, 'word/document.xml');
    expect(xml).toMatch(
      /<w:ins w:id="\d+" w:author="Vanida Phommachanh" w:date="\d{4}-\d\d-\d\dT[\d:]+Z">/,
    );
    expect(xml).toMatch(
      /<w:del w:id="\d+" w:author="Vanida Phommachanh" w:date="\d{4}-\d\d-\d\dT[\d:]+Z">/,
    );
    const paragraphs = trackedParagraphs(xml);
    expect(side(paragraphs, 'newer')).toBe(textOf(v2));
    expect(side(paragraphs, 'older')).toBe(textOf(v1));
    // The removed and the added sections are wholly deleted and inserted paragraphs.
    expect(paragraphs.filter((p) => p.mark === 'delete').map((p) => side([p], 'older'))).toEqual([
      'Transitional rule',
      'This rule ends with version 1.',
    ]);
    expect(paragraphs.filter((p) => p.mark === 'insert').map((p) => side([p], 'newer'))).toEqual([
      'ມາດຕາ 3: ເດັກ',
      'ເດັກຕ້ອງມີຜູ້ປົກຄອງຢູ່ນຳ.',
    ]);
  });

  it('marks a one-word Lao change as that word, not as a replaced paragraph', () => {
    const paragraphs = trackedParagraphs(zipEntry(docx, 'word/document.xml'));
    const changed = paragraphs.find((p) => side([p], 'older').startsWith('ຜູ້ພິພາກສາ'))!;
    expect(changed.mark).toBe('equal');
    const joined = (op: 'insert' | 'delete') =>
      changed.runs
        .filter((r) => r.op === op)
        .map((r) => r.text)
        .join('');
    expect(joined('delete')).toBe(OLD_WORD);
    expect(joined('insert')).toBe(NEW_WORD);
    // Lao runs keep the Lao font and language of every document.
    const xml = zipEntry(docx, 'word/document.xml');
    expect(xml).toMatch(
      new RegExp(
        `<w:ins [^>]*><w:r><w:rPr><w:rFonts [^>]*w:cs="Phetsarath OT"[^>]*/>.*?<w:lang [^>]*w:val="lo-LA"[^>]*/></w:rPr><w:t[^>]*>${NEW_WORD}</w:t>`,
      ),
    );
  });

  it('names both versions and their content hashes in the title block', async () => {
    const versions = await Promise.all(
      [1, 2].map((n) => t.http().get(`/api/guidelines/${id}/versions/${n}`).set(as(judge))),
    );
    const xml = zipEntry(docx, 'word/document.xml');
    const title = xmlText(xml.slice(0, xml.indexOf('</w:sectPr>')).replace(/<\/w:p>/g, '\n'));
    expect(title).toContain('ການຮັບຟັງຜູ້ເຄາະຮ້າຍ');
    expect(title).toContain('Version 2 against version 1');
    for (const v of versions) expect(title).toContain(v.body.contentHash);
  });

  it('is read by LibreOffice as tracked insertions and deletions by their author', async () => {
    const odt = zipEntry(await convertWithLibreOffice(docx, 'redline.docx', 'odt'), 'content.xml');
    const regions = [...odt.matchAll(/<text:changed-region\b.*?<\/text:changed-region>/g)].map(
      (m) => m[0],
    );
    expect(regions.some((r) => r.includes('<text:insertion>'))).toBe(true);
    expect(regions.some((r) => r.includes('<text:deletion>'))).toBe(true);
    expect(regions.every((r) => r.includes('<dc:creator>Vanida Phommachanh</dc:creator>'))).toBe(
      true,
    );
    const deleted = regions.filter((r) => r.includes('<text:deletion>')).map((r) => xmlText(r));
    expect(deleted.some((text) => text.includes(OLD_WORD))).toBe(true);
  });

  it('answers HTML with <ins> and <del>, and nothing marked for a version against itself', async () => {
    const html = await redline(2, '?against=1&format=html');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = (html.body as Buffer).toString('utf8');
    expect(page).toContain(`<del>${OLD_WORD}</del><ins>${NEW_WORD}</ins>`);
    expect(page).toContain('<h2 class="deleted"><del>Transitional rule</del></h2>');
    expect(page).toContain('<h2>Privacy<ins> of hearings</ins></h2>');

    const same = await redline(2, '?against=2&format=docx');
    expect(same.status).toBe(200);
    const xml = zipEntry(same.body as Buffer, 'word/document.xml');
    expect(xml).not.toMatch(/<w:(?:ins|del)\b/);
    expect(side(trackedParagraphs(xml), 'newer')).toBe(textOf(v2));
    const sameHtml = (await redline(2, '?against=2&format=html')).body.toString('utf8');
    expect(sameHtml).not.toMatch(/<(ins|del)>/);
    expect(sameHtml).toContain('No changes');
  });

  it('answers 404 for unknown versions or guidelines and 400 for a bad query', async () => {
    expect((await redline(3, '?against=1')).status).toBe(404);
    expect((await redline(2, '?against=7')).status).toBe(404);
    const unknown = await t
      .http()
      .get(`/api/guidelines/${UNKNOWN_ID}/versions/2/redline?against=1`)
      .set(as(judge));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: expect.any(String) });
    expect((await redline(2, '')).status).toBe(400);
    expect((await redline(2, '?against=1&format=pdf')).status).toBe(400);
    expect((await redline(2, '?against=0')).status).toBe(400);
  });
});
