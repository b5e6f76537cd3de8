import { Client } from 'pg';
import { stagesOpenTo } from '../src/court/comment-rules';
import { Role } from '../src/court/roles';
import {
  COMMENT_STATEMENTS_IN_FLIGHT,
  CommentInsertBatch,
} from '../src/comments/comment-insert-batch';
import { AllowedComment, CommentRow } from '../src/comments/comments.repository';
import { lockWaiters } from './support/lock-waits';
import { eventually } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(60_000);

/**
 * New comments of concurrent requests share statements (src/comments/comment-insert-batch.ts):
 * while statements are at the database, the comments arriving meanwhile go together in the next
 * one, each with its own answer. The statements in flight are held on a lock of the guideline row
 * (seen in pg_stat_activity), so what waits in the batch is known, not hoped for.
 */
describe('new comments share statements under load', () => {
  let t: TestApp;
  let batch: CommentInsertBatch;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const INSERT = 'unnest($1::uuid[]';

  beforeAll(async () => {
    t = await startTestApp('comment-insert-batch');
    batch = t.app.get(CommentInsertBatch);
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'BATCH-1', title: { en: 'Guideline', lo: 'ຂໍ້ແນະນຳ' } });
    expect(g.status).toBe(201);
    guidelineId = g.body.id;
    const v = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(as(secretariat))
      .send({
        changeSummary: 'First draft',
        sections: [
          { key: 'hearing', heading: 'ການຮັບຟັງ', body: 'Victims are heard in a separate room.' },
          { key: 'privacy', heading: 'Privacy', body: 'Hearings may be closed to the public.' },
        ],
      });
    expect(v.status).toBe(201);
    await t.sql((c) =>
      c.query(`UPDATE guidelines SET stage = 'CONSULTATION' WHERE id = $1`, [guidelineId]),
    );
  });
  afterAll(() => t.close());

  const entry = (body: string, extra: Partial<AllowedComment> = {}): AllowedComment => ({
    guidelineId,
    versionNumber: 1,
    sectionKey: 'hearing',
    authorId: judge.id,
    body,
    quote: null,
    openStages: stagesOpenTo({ role: Role.JUDGE, committees: [], agencyId: null }),
    ...extra,
  });

  /**
   * Runs `queued` while the statements in flight wait on a lock of the guideline row: first
   * `held` comments are sent and seen waiting at the database, then `queued` are handed to the
   * batch, then the lock is released. Answers in order, or the error each was refused with.
   */
  async function whileHeld(held: AllowedComment[], queued: AllowedComment[]) {
    const locker = new Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM guidelines WHERE id = $1 FOR UPDATE', [guidelineId]);
      const first = held.map((e) => batch.insert(e));
      await eventually(
        async () => (await lockWaiters(t.sql, INSERT)) === held.length,
        `${held.length} comment statements to wait for the guideline's lock`,
      );
      const rest = queued.map((e) =>
        batch.insert(e).then(
          (row) => ({ row }),
          (error: Error & { code?: string }) => ({ error }),
        ),
      );
      await locker.query('ROLLBACK');
      return { first: await Promise.all(first), rest: await Promise.all(rest) };
    } finally {
      await locker.end();
    }
  }

  it('sends the comments that arrive while statements are at the database in one statement, each with its own answer', async () => {
    const held = Array.from({ length: COMMENT_STATEMENTS_IN_FLIGHT }, (_, i) => entry(`held ${i}`));
    const queued = [
      entry('ຄວນມີຫ້ອງແຍກ 1'),
      entry('unknown section', { sectionKey: 'nowhere' }),
      entry('quoted', { sectionKey: 'privacy', quote: 'closed to the public' }),
      entry('quote missing', { quote: 'interpreter' }),
      entry('older version', { versionNumber: 2 }),
      entry('not open to this caller', { openStages: [] }),
      entry('ຄວນມີຫ້ອງແຍກ 2'),
    ];
    const { first, rest } = await whileHeld(held, queued);
    expect(first.map((row) => row?.body)).toEqual(held.map((e) => e.body));
    const rows = rest.map((r) => ('row' in r ? r.row : r.error));
    expect(rows.map((row) => (row as CommentRow | null)?.body ?? null)).toEqual([
      'ຄວນມີຫ້ອງແຍກ 1',
      null,
      'quoted',
      null,
      null,
      null,
      'ຄວນມີຫ້ອງແຍກ 2',
    ]);
    const inserted = rows.filter(Boolean) as CommentRow[];
    expect(inserted.map((r) => [r.section_key, r.quote, r.author_id])).toEqual([
      ['hearing', null, judge.id],
      ['privacy', 'closed to the public', judge.id],
      ['hearing', null, judge.id],
    ]);
    // One statement is one transaction: the queued comments share its timestamp, which is not the
    // held statements' (each its own transaction, begun before the lock was released).
    const stamps = new Set(inserted.map((r) => new Date(r.created_at).getTime()));
    expect(stamps.size).toBe(1);
    expect(first.some((r) => stamps.has(new Date(r!.created_at).getTime()))).toBe(false);
    const stored = await t.sql(
      async (c) =>
        (
          await c.query(`SELECT id, body FROM comments WHERE id = ANY($1::uuid[]) ORDER BY body`, [
            [...first, ...inserted].map((r) => r!.id),
          ])
        ).rows,
    );
    expect(stored.map((r) => r.body)).toEqual(
      [...held.map((e) => e.body), 'quoted', 'ຄວນມີຫ້ອງແຍກ 1', 'ຄວນມີຫ້ອງແຍກ 2'].sort(),
    );
  });

  it('tries each comment of a failed statement again alone, so one failure is no one else’s', async () => {
    const held = Array.from({ length: COMMENT_STATEMENTS_IN_FLIGHT }, (_, i) =>
      entry(`held again ${i}`),
    );
    // An author no one is: the foreign key fails the whole statement the four share.
    const queued = [
      entry('before the bad one'),
      entry('by no one', { authorId: '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11' }),
      entry('after the bad one'),
      entry('ຫຼັງຈາກ'),
    ];
    const { rest } = await whileHeld(held, queued);
    expect(rest.map((r) => ('row' in r ? r.row?.body : r.error.code))).toEqual([
      'before the bad one',
      '23503',
      'after the bad one',
      'ຫຼັງຈາກ',
    ]);
    const count = await t.sql(
      async (c) =>
        (
          await c.query(`SELECT count(*)::int AS n FROM comments WHERE body = ANY($1::text[])`, [
            ['before the bad one', 'by no one', 'after the bad one', 'ຫຼັງຈາກ'],
          ])
        ).rows[0].n,
    );
    expect(count).toBe(3);
  });

  it('answers thirty concurrent POSTs each with its own comment or its own refusal', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) => ({
      sectionKey: i % 5 === 4 ? 'nowhere' : 'hearing',
      body: `concurrent ${i} ຄວາມເຫັນ`,
    }));
    const answers = await Promise.all(
      bodies.map((body) =>
        t
          .http()
          .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
          .set(as(judge))
          .send(body),
      ),
    );
    answers.forEach((res, i) => {
      if (bodies[i].sectionKey === 'nowhere') {
        expect({ i, status: res.status, code: res.body.details?.[0]?.code }).toEqual({
          i,
          status: 422,
          code: 'UNKNOWN_SECTION',
        });
      } else {
        expect({ i, status: res.status, body: res.body.body }).toEqual({
          i,
          status: 201,
          body: bodies[i].body,
        });
      }
    });
    const ids = answers.filter((r) => r.status === 201).map((r) => r.body.id);
    expect(new Set(ids).size).toBe(24);
  });
});
