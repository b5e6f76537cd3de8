import { encodeCursor } from '../src/common/pagination';
import { CommentsRepository } from '../src/comments/comments.repository';
import { Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(180_000);

/**
 * A page of a version's comments costs the same however many comments the version has: the first
 * page at 20,000 comments reads about as many index entries as at 2,000, even with nine comments
 * in ten crowded into the first section, and walking every page gives each comment once in order.
 * So does a page deep into the crowded section, and a page of the guideline's search for a term
 * found in every comment.
 */
describe('comment pages that stay flat', () => {
  let t: TestApp;
  let judge: TestUser;
  const guidelines: Record<number, string> = {};
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('comment_pages');
    const secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    for (const count of [2_000, 20_000]) {
      const g = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({ code: `VSC-P${count}`, title: { en: 'Pages', lo: 'ໜ້າ' } });
      guidelines[count] = g.body.id;
      const sections = Array.from({ length: 50 }, (_, i) => ({
        key: `s-${i}`,
        heading: `ມາດຕາ ${i}`,
        body: 'ຜູ້ເຄາະຮ້າຍ',
      }));
      const v = await t
        .http()
        .post(`/api/guidelines/${g.body.id}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: 'v1', sections });
      expect(v.status).toBe(201);
      // Nine in ten in the first section; many share a created_at (one statement).
      await t.sql((c) =>
        c.query(
          `INSERT INTO comments (guideline_id, version_id, version_number, section_key, author_id,
                                 body, stage, created_at)
           SELECT g.id, v.id, 1, 's-' || CASE WHEN n % 10 = 0 THEN n % 50 ELSE 0 END, $2,
                  'ຄວນເພີ່ມ ' || n, 'CONSULTATION', now() - (n % 13) * interval '1 second'
             FROM guidelines g JOIN guideline_versions v ON v.guideline_id = g.id,
                  generate_series(1, $3) AS n
            WHERE g.id = $1`,
          [g.body.id, judge.id, count],
        ),
      );
    }
    await t.sql((c) => c.query('VACUUM ANALYZE comments'));
  });

  afterAll(async () => {
    await t?.close();
  });

  const firstPage = (count: number) =>
    t
      .http()
      .get(`/api/guidelines/${guidelines[count]}/versions/1/comments?limit=50`)
      .set(as(judge));

  /** Index entries the page index has handed out, as PostgreSQL's statistics count them. */
  const entriesRead = () =>
    t.sql(async (c) => {
      const res = await c.query<{ n: string }>(
        `SELECT idx_tup_read AS n FROM pg_stat_user_indexes WHERE indexrelname = 'comments_page_idx'`,
      );
      return Number(res.rows[0].n);
    });
  /** The entries one first page read: waits until the statistics show the request's reads. */
  async function entriesOfFirstPage(count: number): Promise<number> {
    const before = await entriesRead();
    const res = await firstPage(count);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(50);
    for (let i = 0; i < 600; i++) {
      const now = await entriesRead();
      if (now > before) return now - before;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the statistics never showed the page');
  }

  it('reads about as much for the first page at 20,000 comments as at 2,000', async () => {
    await firstPage(2_000);
    await firstPage(20_000);
    const small = await entriesOfFirstPage(2_000);
    const large = await entriesOfFirstPage(20_000);
    expect({ small, large, flat: large <= small * 1.5 }).toMatchObject({ flat: true });
  });

  /**
   * The rows of `comments` the statements of one request touch, read off PostgreSQL's plan:
   * each statement the repository ran is run again under EXPLAIN ANALYZE with its own
   * parameters, and every scan of `comments` counts the rows it returned and the rows it read
   * and dropped (a filter, a recheck), times its loops.
   */
  async function commentRowsTouched(request: () => Promise<unknown>): Promise<number> {
    const repo = t.app.get(CommentsRepository)['repo'] as {
      query: (...args: unknown[]) => unknown;
    };
    const spy = jest.spyOn(repo, 'query');
    let statements: [string, unknown[]][];
    try {
      await request();
    } finally {
      statements = [...spy.mock.calls] as unknown as [string, unknown[]][];
      spy.mockRestore();
    }
    expect(statements.length).toBeGreaterThan(0);
    let touched = 0;
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'comments') {
        const rows =
          Number(node['Actual Rows'] ?? 0) +
          Number(node['Rows Removed by Filter'] ?? 0) +
          Number(node['Rows Removed by Index Recheck'] ?? 0);
        touched += rows * Number(node['Actual Loops'] ?? 1);
      }
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? [])
        walk(child);
    };
    for (const [sql, params] of statements) {
      const plan = await t.sql((c) => c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params));
      walk(plan.rows[0]['QUERY PLAN'][0]['Plan']);
    }
    return touched;
  }

  it('reads as much for a page after 15,000 comments of the crowded section as after 1,000', async () => {
    /** The page after the n-th comment of the first section, with the cursor the API writes. */
    const pageAfter = async (n: number) => {
      const [row] = (
        await t.sql((c) =>
          c.query<{ id: string; created_key: string }>(
            `SELECT c.id, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_key
               FROM comments c JOIN guideline_versions v ON v.id = c.version_id
              WHERE v.guideline_id = $1 AND c.section_key = 's-0' AND c.parent_id IS NULL
              ORDER BY c.created_at, c.id OFFSET $2 LIMIT 1`,
            [guidelines[20_000], n - 1],
          ),
        )
      ).rows;
      return () =>
        t
          .http()
          .get(`/api/guidelines/${guidelines[20_000]}/versions/1/comments`)
          .query({ limit: 50, cursor: encodeCursor([0, row.created_key, row.id]) })
          .set(as(judge))
          .then((res) => {
            expect(res.status).toBe(200);
            expect(res.body.items).toHaveLength(50);
          });
    };
    const near = await commentRowsTouched(await pageAfter(1_000));
    const deep = await commentRowsTouched(await pageAfter(15_000));
    expect({ near, deep, flat: deep <= near * 1.5 }).toMatchObject({ flat: true });
  });

  it('reads about as much for a search page of a term in every comment at 20,000 as at 2,000', async () => {
    const search = (count: number) => () =>
      t
        .http()
        .get(`/api/guidelines/${guidelines[count]}/search`)
        .query({ q: 'ຄວນເພີ່ມ', limit: 20 })
        .set(as(judge))
        .then((res) => {
          expect(res.status).toBe(200);
          expect(res.body.items).toHaveLength(20);
          expect(res.body.next).not.toBeNull();
        });
    const small = await commentRowsTouched(search(2_000));
    const large = await commentRowsTouched(search(20_000));
    expect({ small, large, flat: large <= small * 1.5 }).toMatchObject({ flat: true });
  });

  it('walks every search page once: sections newest version first, then comments in reading order', async () => {
    const g = guidelines[2_000];
    const expected = await t.sql(async (c) => [
      ...(
        await c.query<{ key: string }>(
          `SELECT 'section:' || s.key AS key FROM version_sections s
             JOIN guideline_versions v ON v.id = s.version_id
            WHERE v.guideline_id = $1 AND (s.heading || ' ' || s.body) ILIKE '%1%'
            ORDER BY v.number DESC, s.position`,
          [g],
        )
      ).rows,
      ...(
        await c.query<{ key: string }>(
          `SELECT 'comment:' || c.id AS key FROM comments c
             JOIN version_sections s ON s.version_id = c.version_id AND s.key = c.section_key
            WHERE c.guideline_id = $1 AND c.deleted_at IS NULL AND c.body ILIKE '%1%'
            ORDER BY c.version_number DESC, s.position, c.created_at, c.id`,
          [g],
        )
      ).rows,
    ]);
    expect(expected.filter((e) => e.key.startsWith('section:')).length).toBeGreaterThan(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        status: number;
        body: {
          items: { type: string; sectionKey: string; commentId?: string }[];
          next: string | null;
        };
      } = await t
        .http()
        .get(`/api/guidelines/${g}/search`)
        .query({ q: '1', limit: 37, ...(cursor ? { cursor } : {}) })
        .set(as(judge));
      expect(res.status).toBe(200);
      seen.push(
        ...res.body.items.map((i) =>
          i.type === 'section' ? `section:${i.sectionKey}` : `comment:${i.commentId}`,
        ),
      );
      cursor = res.body.next;
    } while (cursor);
    expect(seen).toEqual(expected.map((e) => e.key));
  });

  it('walks every page once, in reading order', async () => {
    const expected = await t.sql((c) =>
      c.query<{ id: string }>(
        `SELECT c.id FROM comments c
           JOIN version_sections s ON s.version_id = c.version_id AND s.key = c.section_key
          WHERE c.guideline_id = $1 AND c.parent_id IS NULL AND c.deleted_at IS NULL
          ORDER BY s.position, c.created_at, c.id`,
        [guidelines[2_000]],
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string }[]; next: string | null } } =
        await t
          .http()
          .get(`/api/guidelines/${guidelines[2_000]}/versions/1/comments`)
          .query({ limit: 200, ...(cursor ? { cursor } : {}) })
          .set(as(judge));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.next;
    } while (cursor);
    expect(seen).toEqual(expected.rows.map((r) => r.id));
  });
});
