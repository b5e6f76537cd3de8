import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'supertest';
import { Role } from '../src/court/roles';
import { ExportPool } from '../src/exports/export-pool';
import { exportGate, HELD_EXPORT } from './support/held-export';
import { startTestApp, TestApp, TestUser } from './support/test-app';

// Boot, 20,000 comments and their Word document on a busy machine.
jest.setTimeout(180_000);

const COMMENTS = 20_000;

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Large exports do not stall the process: Word documents are built in the export threads (one
 * here, with one more allowed to wait), CSV and JSON are written a page of comments at a time.
 */
describe('exports off the event loop', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const matrix = (format: string) =>
    t
      .http()
      .get(`/api/guidelines/${guidelineId}/comment-matrix?format=${format}&locale=lo`)
      .set(as(secretariat));

  /** Exports asked for and not answered yet, as /metrics tells an operator. */
  const pendingExports = async () => {
    const res = await t.http().get('/metrics');
    const line = /^exports_pending (\d+)/m.exec(res.text);
    return line ? Number(line[1]) : 0;
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 2000; i++) {
      if (await check()) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`never: ${what}`);
  };

  beforeAll(async () => {
    t = await startTestApp('exports', { EXPORT_THREADS: '1', EXPORT_QUEUE: '1' });
    secretariat = await t.user(Role.SECRETARIAT);
    const judge = await t.user(Role.JUDGE, { name: 'ທ່ານ ສົມພອນ', locale: 'lo' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-X', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    guidelineId = g.body.id;
    const sections = Array.from({ length: 20 }, (_, i) => ({
      key: `art-${i + 1}`,
      heading: `ມາດຕາ ${i + 1}: ການປົກປ້ອງຜູ້ເຄາະຮ້າຍ`,
      body: `ຜູ້ເຄາະຮ້າຍໄດ້ຮັບການປົກປ້ອງ (article ${i + 1}).`,
    }));
    const v = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'draft', sections });
    expect(v.status).toBe(201);
    // Many comments share one created_at (one statement): pages must still neither skip nor repeat.
    await t.sql((c) =>
      c.query(
        `INSERT INTO comments (guideline_id, version_id, version_number, section_key, author_id,
                               body, stage, disposition_status, disposition_response, created_at)
         SELECT g.id, v.id, 1, 'art-' || (1 + n % 20), $2,
                'ຄວນເພີ່ມນາຍແປພາສາ ' || n || ' for victims who do not speak Lao, "qualified" & <sworn>',
                'CONSULTATION',
                CASE WHEN n % 3 = 0 THEN 'ACCEPTED' END,
                CASE WHEN n % 3 = 0 THEN 'ເພີ່ມແລ້ວໃນສະບັບທີ 2' END,
                now() - (n % 7) * interval '1 minute'
           FROM guidelines g JOIN guideline_versions v ON v.guideline_id = g.id,
                generate_series(1, $3) AS n
          WHERE g.id = $1`,
        [guidelineId, judge.id, COMMENTS],
      ),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers /health/live while the 20,000-comment matrix DOCX is being built', async () => {
    const events: string[] = [];
    const docx = matrix('docx')
      .buffer(true)
      .parse(binary)
      .then((res) => {
        events.push('matrix DOCX answered');
        return res;
      });
    // The export reaches its thread once every comment is read.
    await until('the export is building', async () => (await pendingExports()) === 1);
    const live = await t.http().get('/health/live');
    expect(live.status).toBe(200);
    events.push('/health/live answered');
    const stillBuilding = (await pendingExports()) === 1;
    events.push(stillBuilding ? 'export still building' : 'export done');

    const res = await docx;
    expect(events).toEqual([
      '/health/live answered',
      'export still building',
      'matrix DOCX answered',
    ]);
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['word/document.xml']);
    expect(xml.match(/<w:tr>/g)).toHaveLength(COMMENTS + 1);
    expect(xml).toContain('&quot;qualified&quot; &amp; &lt;sworn&gt;');
    expect(await pendingExports()).toBe(0);
  });

  it('refuses an export beyond the running one and the one waiting with 503 and Retry-After', async () => {
    // The one thread holds an export and one more waits (EXPORT_THREADS=1, EXPORT_QUEUE=1).
    const pool = t.app.get(ExportPool);
    const { gate, held, release } = exportGate();
    const running = pool.run(HELD_EXPORT, { gate });
    await held();
    const waiting = pool.run(HELD_EXPORT, { gate });
    await until('one export waits', async () => (await pendingExports()) === 2);

    const refused = await matrix('docx').buffer(true).parse(binary);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(JSON.parse((refused.body as Buffer).toString('utf8'))).toMatchObject({
      statusCode: 503,
      details: [{ code: 'EXPORTS_BUSY' }],
    });

    // Let go: both held exports finish, and the matrix is built again.
    release();
    await expect(Promise.all([running, waiting])).resolves.toEqual([
      Buffer.from('held'),
      Buffer.from('held'),
    ]);
    expect(await pendingExports()).toBe(0);
    const again = await matrix('docx').buffer(true).parse(binary);
    expect(again.status).toBe(200);
  });

  it('writes the CSV and JSON matrices page by page, every comment once, in reading order', async () => {
    const expected = await t.sql((c) =>
      c.query<{ id: string }>(
        `SELECT c.id FROM comments c
           JOIN version_sections s ON s.version_id = c.version_id AND s.key = c.section_key
          WHERE c.guideline_id = $1 AND c.parent_id IS NULL AND c.deleted_at IS NULL
          ORDER BY c.version_number, s.position, c.created_at, c.id`,
        [guidelineId],
      ),
    );
    const json = await matrix('json');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const items = (json.body as { items: { commentId: string }[] }).items;
    expect(items.map((i) => i.commentId)).toEqual(expected.rows.map((r) => r.id));

    const csv = await matrix('csv').buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain(
      'VSC-X-comment-matrix-all-versions-lo.csv',
    );
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    // One header and one line per comment (no comment body here has a line break).
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(COMMENTS + 1);
  });
});
