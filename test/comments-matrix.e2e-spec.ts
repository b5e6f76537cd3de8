import JSZip from 'jszip';
import type { Response } from 'supertest';
import { Role } from '../src/court/roles';
import {
  convertWithLibreOffice,
  docxParagraphs,
  odtSpanFonts,
  openCsvInCalc,
  zipEntry,
} from './support/office';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

/** RFC 4180 reader, to check what a spreadsheet program would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// The e2e project's testTimeout is not applied per project by Jest 30: boot + seeding can exceed 5 s on a busy machine.
jest.setTimeout(60_000);

describe('the comment matrix', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let judgeLo: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const ids: Record<string, string> = {};
  const LAO_COMMENT = 'ຄວນເພີ່ມ "ຫ້ອງລໍຖ້າ" ສຳລັບເດັກ, ແລະ ຜູ້ພິການ';
  const MULTILINE = 'Two points:\n1. interpreters, "qualified"\n2. =costs paid by the court';

  beforeAll(async () => {
    t = await startTestApp('matrix');
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE, { name: 'Judge Bounmy' });
    judgeLo = await t.user(Role.JUDGE, { name: 'ທ່ານ ສົມພອນ', locale: 'lo' });
    await t.sql((c) =>
      c.query(`UPDATE users SET institution = 'Vientiane Capital Court' WHERE id = $1`, [judge.id]),
    );
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-M', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    guidelineId = g.body.id;
    const sections = [
      { key: 'waiting', heading: 'ຫ້ອງລໍຖ້າ', body: 'ຜູ້ເຄາະຮ້າຍລໍຖ້າແຍກຕ່າງຫາກ.' },
      { key: 'interpreters', heading: 'Interpreters', body: 'Victims get an interpreter.' },
    ];
    const publish = () =>
      t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: 'draft', sections });
    const setStage = (stage: string) =>
      t.sql((c) => c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [guidelineId, stage]));
    const comment = async (name: string, user: TestUser, version: number, body: object) => {
      const res = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/${version}/comments`)
        .set(as(user))
        .send(body);
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    const dispose = (name: string, status: string, response?: string) =>
      t
        .http()
        .put(`/api/comments/${ids[name]}/disposition`)
        .set(as(secretariat))
        .send({ status, response });

    await publish();
    await setStage('CONSULTATION');
    await comment('interp', judge, 1, {
      sectionKey: 'interpreters',
      body: MULTILINE,
      quote: 'interpreter',
    });
    await comment('lao', judgeLo, 1, { sectionKey: 'waiting', body: LAO_COMMENT });
    await comment('spoken', secretariat, 1, {
      sectionKey: 'waiting',
      body: 'Said at the workshop',
      onBehalfOf: { name: 'Ms Vanh', institution: 'Lao Women’s Union' },
    });
    await comment('reply', judge, 1, { parentId: ids.lao, body: 'A reply is not in the matrix' });
    await comment('deleted', judge, 1, {
      sectionKey: 'waiting',
      body: 'Deleted comments are not in the matrix',
    });
    await t.http().delete(`/api/comments/${ids.deleted}`).set(as(judge));
    expect((await dispose('lao', 'ACCEPTED', 'ເພີ່ມແລ້ວໃນສະບັບທີ 2')).status).toBe(200);
    await setStage('TECHNICAL_WORKING_GROUP');
    await publish();
    expect((await dispose('interp', 'REJECTED', 'Costs are set by law, "not here"')).status).toBe(
      200,
    );
    await setStage('CONSULTATION');
    await comment('v2', judge, 2, { sectionKey: 'interpreters', body: 'On version two' });
  });
  afterAll(() => t.close());

  const matrix = (query: string, user = secretariat) =>
    t.http().get(`/api/guidelines/${guidelineId}/comment-matrix?${query}`).set(as(user));

  it('lists every live top-level comment by version, section and time, as JSON', async () => {
    const res = await matrix('format=json', judge);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { commentId: string }) => i.commentId)).toEqual([
      ids.lao,
      ids.spoken,
      ids.interp,
      ids.v2,
    ]);
    expect(res.body.items[0]).toEqual({
      commentId: ids.lao,
      versionNumber: 1,
      sectionKey: 'waiting',
      sectionHeading: 'ຫ້ອງລໍຖ້າ',
      author: { id: judgeLo.id, name: 'ທ່ານ ສົມພອນ' },
      commenter: 'ທ່ານ ສົມພອນ',
      institution: null,
      spokenBy: null,
      text: LAO_COMMENT,
      quote: null,
      suggestion: null,
      createdAt: expect.any(String),
      dispositionStatus: 'ACCEPTED',
      response: 'ເພີ່ມແລ້ວໃນສະບັບທີ 2',
      answeredInVersion: 1,
    });
    expect(res.body.items[1]).toMatchObject({
      commenter: 'Ms Vanh',
      institution: 'Lao Women’s Union',
      spokenBy: { name: 'Ms Vanh', institution: 'Lao Women’s Union' },
      author: { id: secretariat.id },
    });
    expect(res.body.items[2]).toMatchObject({
      institution: 'Vientiane Capital Court',
      quote: 'interpreter',
      dispositionStatus: 'REJECTED',
      answeredInVersion: 2,
    });
    const v2 = await matrix('version=2');
    expect(v2.body.items.map((i: { commentId: string }) => i.commentId)).toEqual([ids.v2]);
  });

  it('exports CSV in UTF-8 with a BOM and RFC 4180 quoting, Lao intact', async () => {
    const res = await matrix('format=csv&locale=en').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="VSC-M-comment-matrix-all-versions-en.csv"',
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual([
      'Version',
      'Section',
      'Heading',
      'Commenter',
      'Institution',
      'Recorded by',
      'Comment',
      'Quoted passage',
      'Disposition',
      'Response',
      'Answered in version',
      'Suggested wording',
      'Suggested wording applied',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([
      '1',
      'waiting',
      'ຫ້ອງລໍຖ້າ',
      'ທ່ານ ສົມພອນ',
      '',
      '',
      LAO_COMMENT,
      '',
      'Accepted',
      'ເພີ່ມແລ້ວໃນສະບັບທີ 2',
      '1',
      '',
      '',
    ]);
    expect(rows[2].slice(3, 6)).toEqual(['Ms Vanh', 'Lao Women’s Union', expect.any(String)]);
    expect(rows[3][6]).toBe(MULTILINE);
    expect(rows[3].slice(8, 10)).toEqual(['Rejected', 'Costs are set by law, "not here"']);
    expect(rows[4][8]).toBe('Awaiting disposition');
    // LibreOffice Calc, evaluating formulas, reads the same cells and runs none of them.
    const calc = await openCsvInCalc(bytes);
    expect(calc.flat().filter((c) => c.formula !== null)).toEqual([]);
    expect(calc.map((row) => row.map((c) => c.text))).toEqual(
      rows.map((row) => {
        const cells = [...row];
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        return cells;
      }),
    );

    const lo = await matrix('format=csv&version=1', judgeLo).buffer(true).parse(binary);
    const loRows = parseCsv((lo.body as Buffer).toString('utf8').slice(1));
    expect(loRows[0][0]).toBe('ສະບັບ');
    expect(loRows[1][8]).toBe('ຮັບເອົາ');
    expect(loRows).toHaveLength(4);
  });

  it('exports DOCX with a real Word table holding the comments and dispositions', async () => {
    const res = await matrix('format=docx&locale=en').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    // A paragraph's runs joined: Lao and Latin are runs of their own, each with its language.
    const texts = docxParagraphs(xml);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/);
    expect(xml).toMatch(/w:orient="landscape"/);
    // The rows' Lao runs name the Lao character style, which carries the Lao font and language.
    expect(xml).toContain('<w:rStyle w:val="LaoText"/>');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(
      /<w:style w:type="character" w:styleId="LaoText">.*?<w:rFonts [^>]*w:cs="Phetsarath OT"[^>]*\/><w:lang w:val="lo-LA" w:bidi="lo-LA"\/>/,
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        LAO_COMMENT,
        'Said at the workshop',
        'On version two',
        'ເພີ່ມແລ້ວໃນສະບັບທີ 2',
      ]),
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        'Accepted',
        'Rejected',
        'Awaiting disposition',
        'Costs are set by law, "not here"',
      ]),
    );
    // Line breaks in a comment become paragraphs in its cell.
    expect(texts).toEqual(expect.arrayContaining(['Two points:', '1. interpreters, "qualified"']));
    expect(texts).toEqual(expect.arrayContaining(['Comment', 'Disposition', 'Response']));
    expect(texts.join(' ')).not.toContain('A reply is not in the matrix');
    expect(texts.join(' ')).not.toContain('Deleted comments');
    const rowCount = (xml.match(/<w:tr>|<w:tr /g) ?? []).length;
    expect(rowCount).toBe(5);

    const lo = await matrix('format=docx&version=1', judgeLo).buffer(true).parse(binary);
    const loXml = await (
      await JSZip.loadAsync(lo.body as Buffer)
    )
      .file('word/document.xml')!
      .async('string');
    expect(loXml).toContain('ຮັບເອົາ');
    expect(loXml).toContain('ບໍ່ຮັບເອົາ');
    expect(loXml).toContain('ຕາຕະລາງຄຳເຫັນ');
  });

  it('opens in LibreOffice as one table whose header row repeats and whose rows stay whole', async () => {
    const docx = (await matrix('format=docx', judgeLo).buffer(true).parse(binary)).body as Buffer;
    const odt = await convertWithLibreOffice(docx, 'matrix.docx', 'odt');
    const content = zipEntry(odt, 'content.xml');
    expect(content.match(/<table:table /g)).toHaveLength(1);
    expect(content).toContain('<table:table-header-rows>');
    expect(content.match(/<table:table-column /g)).toHaveLength(9);
    const rowStyles = [...content.matchAll(/<table:table-row table:style-name="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(rowStyles).toHaveLength(5);
    for (const name of new Set(rowStyles)) {
      expect(content).toMatch(
        new RegExp(
          `<style:style style:name="${name}" style:family="table-row"><style:table-row-properties[^>]* fo:keep-together="always"`,
        ),
      );
    }
    expect(content).toContain('ຕອບໃນສະບັບ');
    // A Lao comment is set in the Lao font in the complex-script slot, a Latin one is not.
    const styles = zipEntry(odt, 'styles.xml');
    expect(odtSpanFonts(content, 'ສຳລັບເດັກ', styles)).toEqual({
      latin: 'Times New Roman',
      complex: 'Phetsarath OT',
    });
    expect(odtSpanFonts(content, 'On version two', styles)).toEqual({
      latin: 'Times New Roman',
      complex: 'Times New Roman',
    });
  });

  it('answers 4xx for bad matrix requests', async () => {
    const cases: [string, number][] = [
      ['format=pdf', 400],
      ['version=0', 400],
      ['version=abc', 400],
      ['version=99999999999', 400],
      ['version=7', 404],
      ['locale=fr', 400],
      ['extra=1', 400],
    ];
    for (const [query, status] of cases) {
      const res = await matrix(query);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.body).toMatchObject({ statusCode: status, details: expect.any(Array) });
    }
    expect(
      (await t.http().get(`/api/guidelines/${UNKNOWN_ID}/comment-matrix`).set(as(judge))).status,
    ).toBe(404);
    expect((await t.http().get(`/api/guidelines/nope/comment-matrix`).set(as(judge))).status).toBe(
      400,
    );
  });
});
