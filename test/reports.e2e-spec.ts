import { Role } from '../src/court/roles';
import { openCsvInCalc } from './support/office';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

/** supertest hands text back decoded; the BOM is about bytes, so read them raw. */
function rawBody(
  res: NodeJS.ReadableStream & { setEncoding: (e: string) => void },
  done: (err: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('participation report', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let observer: TestUser;
  let guidelineId: string;
  let factSheetGuidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  const createGuideline = async (code: string) => {
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code, title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const record = async (body: object) => {
    const res = await t.http().post('/api/events').set(as(secretariat)).send(body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const report = (query: string, user = observer) =>
    t.http().get(`/api/reports/participation?${query}`).set(as(user));

  beforeAll(async () => {
    t = await startTestApp('reports');
    secretariat = await t.user(Role.SECRETARIAT);
    observer = await t.user(Role.OBSERVER, { locale: 'lo' });
    guidelineId = await createGuideline('VSC-REPORT');
    factSheetGuidelineId = await createGuideline('VSC-FACTSHEET');

    await t.sql((c) =>
      c.query(`UPDATE guidelines SET stage = 'CONSULTATION' WHERE id = $1`, [guidelineId]),
    );
    await record({
      guidelineId,
      title: 'Consultation workshop, Vientiane',
      date: '2026-01-15',
      location: 'Vientiane Capital',
      participants: { female: 12, male: 17, other: 0, withDisability: 2 },
      institutions: [
        { category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 10 },
        { category: 'PROSECUTION', name: 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', count: 8 },
        { category: 'POLICE', name: 'ກົມຕຳຫຼວດ', count: 6 },
        { category: 'WOMENS_UNION', name: 'ສູນກາງສະຫະພັນແມ່ຍິງລາວ', count: 5 },
      ],
    });
    await record({
      guidelineId,
      title: 'Consultation workshop, Luang Prabang',
      date: '2026-02-20',
      location: 'Luang Prabang',
      participants: { female: 9, male: 13, other: 0 },
      institutions: [
        { category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 12 },
        { category: 'CIVIL_SOCIETY', name: 'Village Focus International', count: 10 },
      ],
    });
    await t.sql((c) =>
      c.query(`UPDATE guidelines SET stage = 'TECHNICAL_WORKING_GROUP' WHERE id = $1`, [
        guidelineId,
      ]),
    );
    await record({
      guidelineId,
      title: 'TWG meeting',
      kind: 'TWG_MEETING',
      date: '2026-04-02',
      location: 'Vientiane Capital',
      participants: { female: 40, male: 45, other: 1, withDisability: 0 },
    });
  });
  afterAll(() => t.close());

  it('sums several events and gives every share to the decimal', async () => {
    const res = await report(`guidelineId=${guidelineId}`);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.filters).toEqual({ guidelineId });
    expect(body.events).toBe(3);
    expect(body.participants).toBe(137);
    // 61/137 = 44.525…%, 75/137 = 54.744…%, 1/137 = 0.7299…% (two decimals under 1%)
    expect(body.bySex).toEqual({
      female: { count: 61, percent: 44.5, label: '44.5%' },
      male: { count: 75, percent: 54.7, label: '54.7%' },
      other: { count: 1, percent: 0.73, label: '0.73%' },
    });
    // 2 of the 115 participants of the two events that recorded it = 1.739…%
    expect(body.withDisability).toEqual({
      count: 2,
      percent: 1.7,
      label: '1.7%',
      eventsReporting: 2,
      base: 115,
    });
    expect(
      body.byInstitution.map((i: { name: string; count: number; label: string }) => [
        i.name,
        i.count,
        i.label,
      ]),
    ).toEqual([
      ['ສານປະຊາຊົນສູງສຸດ', 22, '16.1%'],
      ['Village Focus International', 10, '7.3%'],
      ['ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', 8, '5.8%'],
      ['ກົມຕຳຫຼວດ', 6, '4.4%'],
      ['ສູນກາງສະຫະພັນແມ່ຍິງລາວ', 5, '3.6%'],
    ]);
    expect(
      body.byCategory.map((c: { category: string; count: number; percent: number }) => [
        c.category,
        c.count,
        c.percent,
      ]),
    ).toEqual([
      ['COURT', 22, 16.1],
      ['PROSECUTION', 8, 5.8],
      ['POLICE', 6, 4.4],
      ['WOMENS_UNION', 5, 3.6],
      ['CIVIL_SOCIETY', 10, 7.3],
    ]);
    expect(body.byCategory[3].name).toEqual({ en: "Women's Union", lo: 'ສະຫະພັນແມ່ຍິງ' });
    expect(body.withoutInstitutionBreakdown).toEqual({ count: 86, percent: 62.8, label: '62.8%' });
    expect(body.summary).toEqual({
      en: '3 events, with 137 participants (44.5% female, 54.7% male, 0.73% other)',
      lo: '3 ກິດຈະກຳ, ມີຜູ້ເຂົ້າຮ່ວມ 137 ຄົນ (ຍິງ 44.5%, ຊາຍ 54.7%, ອື່ນໆ 0.73%)',
    });
  });

  it('filters by province (any case), period and stage', async () => {
    const province = await report(`guidelineId=${guidelineId}&province=vientiane%20capital`);
    expect(province.body).toMatchObject({
      events: 2,
      participants: 115,
      bySex: {
        female: { count: 52, label: '45.2%' },
        male: { count: 62, label: '53.9%' },
        other: { count: 1, label: '0.87%' },
      },
    });

    const period = await report(`guidelineId=${guidelineId}&from=2026-02-01&to=2026-03-31`);
    expect(period.body).toMatchObject({
      filters: { guidelineId, from: '2026-02-01', to: '2026-03-31' },
      events: 1,
      participants: 22,
      bySex: {
        female: { percent: 40.9, label: '40.9%' },
        male: { percent: 59.1, label: '59.1%' },
        other: { percent: 0, label: '0%' },
      },
      withDisability: { count: 0, percent: null, label: '–', eventsReporting: 0, base: 0 },
    });

    const stage = await report(`guidelineId=${guidelineId}&stage=TECHNICAL_WORKING_GROUP`);
    expect(stage.body).toMatchObject({ events: 1, participants: 86 });
    const consultation = await report(`guidelineId=${guidelineId}&stage=CONSULTATION`);
    expect(consultation.body).toMatchObject({ events: 2, participants: 51 });

    const none = await report(`guidelineId=${guidelineId}&province=Attapeu`);
    expect(none.body).toMatchObject({
      events: 0,
      participants: 0,
      bySex: { female: { count: 0, percent: null, label: '–' } },
      byInstitution: [],
    });
  });

  it('reproduces the fact sheet: 32 events, 665 participants (45.1% female, 54.1% male, 0.75% other)', async () => {
    // 300 women, 360 men and 5 others spread over 32 events, each with its own figures.
    for (let i = 0; i < 32; i += 1) {
      const female = 9 + (i < 12 ? 1 : 0);
      const male = 11 + (i < 8 ? 1 : 0);
      const other = i % 6 === 0 && i < 30 ? 1 : 0;
      await record({
        guidelineId: factSheetGuidelineId,
        title: `Event ${i + 1}`,
        kind: i % 2 ? 'TRAINING' : 'WORKSHOP',
        date: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
        location: i % 3 ? 'Vientiane Capital' : 'Savannakhet',
        participants: { female, male, other },
      });
    }
    const res = await report(`guidelineId=${factSheetGuidelineId}`);
    expect(res.body).toMatchObject({
      events: 32,
      participants: 665,
      bySex: {
        female: { count: 300, percent: 45.1, label: '45.1%' },
        male: { count: 360, percent: 54.1, label: '54.1%' },
        other: { count: 5, percent: 0.75, label: '0.75%' },
      },
      withoutInstitutionBreakdown: { count: 665, label: '100%' },
    });
    expect(res.body.summary.en).toBe(
      '32 events, with 665 participants (45.1% female, 54.1% male, 0.75% other)',
    );
  });

  it("writes CSV as UTF-8 with a BOM in the reader's language, named after the guideline and the language", async () => {
    const res = await report(`guidelineId=${guidelineId}&format=csv`)
      .buffer(true)
      .parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="participation-VSC-REPORT-lo.csv"',
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    // The observer reads Lao: headers, measures and kinds of institution in Lao.
    expect(lines[0]).toBe('"ລາຍການ","ປະເພດອົງການ","ອົງການ","ຈຳນວນ","ເປີເຊັນ","ສ່ວນຮ້ອຍ"');
    expect(lines).toEqual(
      expect.arrayContaining([
        '"ກິດຈະກຳ",,,3,,',
        '"ຜູ້ເຂົ້າຮ່ວມ",,,137,,',
        '"ຍິງ",,,61,44.5,"44.5%"',
        '"ຊາຍ",,,75,54.7,"54.7%"',
        '"ອື່ນໆ",,,1,0.73,"0.73%"',
        '"ຄົນພິການ",,,2,1.7,"1.7%"',
        '"ປະເພດອົງການ","ສານ",,22,16.1,"16.1%"',
        '"ອົງການ","ສານ","ສານປະຊາຊົນສູງສຸດ",22,16.1,"16.1%"',
        '"ອົງການ","ອົງການໄອຍະການ","ອົງການໄອຍະການປະຊາຊົນສູງສຸດ",8,5.8,"5.8%"',
        '"ອົງການ","ສະຫະພັນແມ່ຍິງ","ສູນກາງສະຫະພັນແມ່ຍິງລາວ",5,3.6,"3.6%"',
        '"ບໍ່ມີຂໍ້ມູນຕາມອົງການ",,,86,62.8,"62.8%"',
      ]),
    );

    const en = await report(`format=csv&locale=en`)
      .buffer(true)
      .parse(rawBody as never);
    expect(en.headers['content-disposition']).toBe(
      'attachment; filename="participation-all-guidelines-en.csv"',
    );
    const enLines = (en.body as Buffer).subarray(3).toString('utf8').split('\r\n');
    expect(enLines[0]).toBe(
      '"Measure","Kind of institution","Institution","Number","Percent","Share"',
    );
    expect(enLines).toContain('"Institution","Court","ສານປະຊາຊົນສູງສຸດ",22,2.7,"2.7%"');
  });

  it('opens in a spreadsheet with Lao headers, Lao text after a dash as written and formulas kept as text', async () => {
    const csvGuideline = await createGuideline('VSC-CSV');
    await record({
      guidelineId: csvGuideline,
      title: 'Workshop with names a spreadsheet could misread',
      date: '2026-03-10',
      location: 'Vientiane Capital',
      participants: { female: 4, male: 5, other: 0 },
      institutions: [
        { category: 'CIVIL_SOCIETY', name: '-ສູນໃຫ້ຄຳປຶກສາດ້ານກົດໝາຍ', count: 3 },
        { category: 'OTHER', name: '=HYPERLINK("http://example.org","click")', count: 2 },
        { category: 'OTHER', name: '- Legal aid clinic', count: 2 },
        { category: 'COURT', name: '+ ສານປະຊາຊົນແຂວງ', count: 2 },
      ],
    });
    const res = await report(`guidelineId=${csvGuideline}&format=csv`)
      .buffer(true)
      .parse(rawBody as never);
    const rows = await openCsvInCalc(res.body as Buffer);
    expect(rows[0].map((c) => c.text)).toEqual([
      'ລາຍການ',
      'ປະເພດອົງການ',
      'ອົງການ',
      'ຈຳນວນ',
      'ເປີເຊັນ',
      'ສ່ວນຮ້ອຍ',
    ]);
    // Calc made no formula of any cell.
    expect(rows.flat().filter((c) => c.formula !== null)).toEqual([]);
    const institutions = rows.filter((r) => r[0].text === 'ອົງການ').map((r) => r[2].text);
    expect(institutions).toEqual(
      expect.arrayContaining([
        '-ສູນໃຫ້ຄຳປຶກສາດ້ານກົດໝາຍ',
        '+ ສານປະຊາຊົນແຂວງ',
        '\'=HYPERLINK("http://example.org","click")',
        "'- Legal aid clinic",
      ]),
    );
    expect(rows.find((r) => r[0].text === 'ຜູ້ເຂົ້າຮ່ວມ')?.[3]).toEqual({ text: '9', formula: null });
  });

  it('answers 404 for an unknown guideline and 400 for bad filters', async () => {
    const unknown = await report(`guidelineId=${UNKNOWN_ID}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    for (const query of [
      'format=xlsx',
      'from=2026-02-30',
      'stage=SOMEWHERE',
      'guidelineId=nope',
      'from=2026-05-01&to=2026-04-01',
    ]) {
      const res = await report(query);
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    }
    expect((await t.http().get('/api/reports/participation')).status).toBe(401);
  });
});
