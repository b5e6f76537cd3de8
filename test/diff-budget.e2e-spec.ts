import { Role } from '../src/court/roles';
import { sideOf, WordOp } from '../src/guidelines/diff/word-diff';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(120_000);

const WORDS = ['court', 'victim', 'the', 'interpreter', 'shall', 'protect', 'hearing', 'of', 'and'];

/** `length` characters of words, the same for the same seed. */
function text(seed: number, length: number): string {
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += `${WORDS[x % WORDS.length]} `;
  }
  return s.slice(0, length);
}

/** Every tenth word changed (same length): thousands of scattered edits, the expensive case. */
const scattered = (body: string) =>
  body
    .split(' ')
    .map((w, i) => (i % 10 === 5 ? w.toUpperCase() : w))
    .join(' ');

interface SectionDiffBody {
  key: string;
  status: string;
  budgetExceeded: boolean;
  changes: { body?: WordOp[] } | null;
}

/**
 * The diff of two versions has a work budget per request: 9 sections of 99,000 characters with
 * thousands of scattered edits are given up on (shown as replaced and marked), the small
 * section beside them is still compared word by word, and the answer is kept for the next reader.
 */
describe('the diff budget', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const big = Array.from({ length: 9 }, (_, i) => text(i + 1, 99_000));
  const small = 'Judges must hear the victim patiently.';

  beforeAll(async () => {
    t = await startTestApp('diff_budget');
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: 'VSC-D', title: { en: 'Victim-sensitive courts', lo: 'ສານ' } });
    guidelineId = g.body.id;
    const publish = async (bodies: string[], last: string) => {
      const res = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as(secretariat))
        .send({
          changeSummary: 'long',
          sections: [
            ...bodies.map((body, i) => ({
              key: `art-${i + 1}`,
              heading: `Article ${i + 1}`,
              body,
            })),
            { key: 'hearing', heading: 'Hearing', body: last },
          ],
        });
      expect(res.status).toBe(201);
    };
    await publish(big, small);
    await publish(big.map(scattered), 'Judges should hear the victim patiently.');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('marks the sections it gave up on and compares the others word by word', async () => {
    const res = await t.http().get(`/api/guidelines/${guidelineId}/versions/2/diff`).set(as(judge));
    expect(res.status).toBe(200);
    expect(res.body.budgetExceeded).toBe(true);
    const sections = res.body.sections as SectionDiffBody[];
    const given = sections.filter((s) => s.budgetExceeded).map((s) => s.key);
    expect(given).toEqual(big.map((_, i) => `art-${i + 1}`));
    for (const [i, s] of sections.slice(0, 9).entries()) {
      expect(s.status).toBe('changed');
      const ops = s.changes!.body!;
      // Shown as replaced: the words around the edits kept, between them one deletion and insertion.
      expect(ops.map((o) => o.op).filter((op) => op !== 'equal')).toEqual(['delete', 'insert']);
      expect(ops[0]).toEqual({ op: 'equal', text: big[i].split(' ').slice(0, 5).join(' ') + ' ' });
      expect(sideOf(ops, 'before')).toBe(big[i]);
      expect(sideOf(ops, 'after')).toBe(scattered(big[i]));
    }
    const hearing = sections.find((s) => s.key === 'hearing')!;
    expect(hearing.budgetExceeded).toBe(false);
    expect(hearing.changes!.body).toEqual([
      { op: 'equal', text: 'Judges ' },
      { op: 'delete', text: 'must' },
      { op: 'insert', text: 'should' },
      { op: 'equal', text: ' hear the victim patiently.' },
    ]);
  });

  it('computes the diff of two versions once and reads it back after', async () => {
    const kept = () =>
      t.sql((c) =>
        c.query<{ n: string }>(
          `SELECT count(*) AS n FROM version_diffs d
             JOIN guideline_versions a ON a.content_hash = d.from_hash
             JOIN guideline_versions b ON b.content_hash = d.to_hash
            WHERE a.guideline_id = $1 AND a.number = 1 AND b.guideline_id = $1 AND b.number = 2`,
          [guidelineId],
        ),
      );
    expect((await kept()).rows[0].n).toBe('1');
    // A stored answer is what the next reader gets: change it and see it come back.
    await t.sql((c) =>
      c.query(
        `UPDATE version_diffs SET sections_json = $1
          WHERE to_hash = (SELECT content_hash FROM guideline_versions
                            WHERE guideline_id = $2 AND number = 2)`,
        [JSON.stringify([]), guidelineId],
      ),
    );
    const res = await t.http().get(`/api/guidelines/${guidelineId}/versions/2/diff`).set(as(judge));
    expect(res.status).toBe(200);
    expect(res.body.sections).toEqual([]);
    expect(res.body.budgetExceeded).toBe(false);
    expect((await kept()).rows[0].n).toBe('1');
  });
});
