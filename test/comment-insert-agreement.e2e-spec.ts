import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../src/common/app-error';
import { stagesOpenTo } from '../src/court/comment-rules';
import { AuthUser, Committee, Role } from '../src/court/roles';
import { Stage } from '../src/court/stage';
import { CreateCommentDto } from '../src/comments/comment.dto';
import { CommentRow, CommentsRepository } from '../src/comments/comments.repository';
import { CommentsService } from '../src/comments/comments.service';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(180_000);

/**
 * A top-level comment in one's own name is first tried in one statement
 * (CommentsRepository.insertIfAllowed), which repeats in SQL what the full check of
 * CommentsService (insertChecked: the rules of src/court/comment-rules.ts and
 * comments/comment-reasons.ts) decides. Here both run on the same facts, every combination of
 * stage, role and committees, current or older version, section, and quote absent, present as
 * written (NFC), present decomposed (NFD) or missing, each in a transaction rolled back: the
 * one-statement path inserts exactly when the full check would, the same row, and never for a
 * caller it leaves to the full check (an agency reviewer, whose right depends on the review).
 */
describe('the one-statement comment insert agrees with the full check', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let service: CommentsService;
  let repository: CommentsRepository;
  let guidelineId: string;
  const actors: { label: string; user: AuthUser }[] = [];

  const SECTIONS = [
    {
      key: 'composed',
      heading: 'Caf\u00e9 rule',
      body: 'Victims may wait at the caf\u00e9 of the court.',
    },
    {
      key: 'decomposed',
      heading: 'R\u00e9sum\u00e9 rule'.normalize('NFD'),
      body: 'A r\u00e9sum\u00e9 of the hearing is read to the victim.'.normalize('NFD'),
    },
  ];
  /** Section and quote: each section with every form of quote, and a section neither version has. */
  const TARGETS: { sectionKey: string; quote: string | undefined; label: string }[] = [
    ...[
      { key: 'composed', word: 'caf\u00e9 of' },
      { key: 'decomposed', word: 'r\u00e9sum\u00e9 of' },
    ].flatMap(({ key, word }) => [
      { sectionKey: key, quote: undefined, label: `${key}, no quote` },
      { sectionKey: key, quote: word.normalize('NFC'), label: `${key}, quote NFC` },
      { sectionKey: key, quote: word.normalize('NFD'), label: `${key}, quote NFD` },
      { sectionKey: key, quote: 'interpreter', label: `${key}, quote missing` },
    ]),
    { sectionKey: 'nowhere', quote: undefined, label: 'unknown section, no quote' },
    { sectionKey: 'nowhere', quote: 'caf\u00e9 of', label: 'unknown section, quote' },
  ];

  beforeAll(async () => {
    t = await startTestApp('comment-insert-agreement');
    dataSource = t.app.get(DataSource);
    service = t.app.get(CommentsService);
    repository = t.app.get(CommentsRepository);
    const secretariat = await t.user(Role.SECRETARIAT);
    const users: [string, TestUser][] = [
      ['judge', await t.user(Role.JUDGE)],
      ['TWG judge', await t.user(Role.JUDGE, { committees: [Committee.TWG] })],
      ['Council judge', await t.user(Role.JUDGE, { committees: [Committee.COUNCIL] })],
      [
        'TWG and Council judge',
        await t.user(Role.JUDGE, { committees: [Committee.TWG, Committee.COUNCIL] }),
      ],
      ['secretariat', secretariat],
      ['observer', await t.user(Role.OBSERVER)],
      ['admin', t.admin],
      ['agency reviewer', await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOFA' })],
    ];
    for (const [label, user] of users) {
      const row = await t.sql(
        async (c) =>
          (
            await c.query(
              `SELECT u.id, u.email, u.name, u.role, u.committees, u.agency_id, a.code AS agency_code,
                      u.institution, u.locale
                 FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
              [user.id],
            )
          ).rows[0],
      );
      actors.push({
        label,
        user: {
          id: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          committees: row.committees,
          agencyId: row.agency_id,
          agencyCode: row.agency_code,
          institution: row.institution,
          locale: row.locale,
          mustChangePassword: false,
          totpEnabled: false,
        },
      });
    }
    const as = { Authorization: `Bearer ${secretariat.token}` };
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as)
      .send({ code: 'AGREE-1', title: { en: 'Guideline', lo: 'ຂໍ້ແນະນຳ' } });
    expect(g.status).toBe(201);
    guidelineId = g.body.id;
    for (const changeSummary of ['First draft', 'Second draft']) {
      const v = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as)
        .send({ changeSummary, sections: SECTIONS });
      expect(v.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const ROLLBACK = new Error('rolled back');
  /** Runs `fn` in a transaction that is always rolled back: every case starts from the same rows. */
  async function rolledBack<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    let result!: T;
    await dataSource
      .transaction(async (manager) => {
        result = await fn(manager);
        throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      });
    return result;
  }

  type Outcome = { row: CommentRow } | { refused: string };

  /** The full check and insert, as CommentsService runs it when the one statement inserts nothing. */
  const fullPath = (actor: AuthUser, version: number, dto: CreateCommentDto) =>
    rolledBack<Outcome>(async (manager) => {
      try {
        const row = (await service['insertChecked'](
          manager,
          guidelineId,
          version,
          dto,
          actor,
          null,
          null,
        )) as CommentRow;
        return { row };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return { refused: error.details[0]?.code ?? error.code };
      }
    });

  const allowedComment = (actor: AuthUser, version: number, dto: CreateCommentDto) => ({
    guidelineId,
    versionNumber: version,
    sectionKey: dto.sectionKey!,
    authorId: actor.id,
    body: dto.body,
    quote: dto.quote ?? null,
    openStages: stagesOpenTo(actor),
  });
  const oneStatement = (actor: AuthUser, version: number, dto: CreateCommentDto) =>
    rolledBack(async (manager) =>
      repository.insertIfAllowed(manager, allowedComment(actor, version, dto)),
    );

  /** The row without what differs between two inserts of the same comment. */
  const comparable = (row: CommentRow) => {
    const { id: _id, created_at: _created, ...rest } = row;
    return rest;
  };

  it('inserts exactly when the full check does, for every stage, caller, version, section and quote', async () => {
    const refusals = new Set<string>();
    let cases = 0;
    let inserted = 0;
    const disagreements: string[] = [];
    for (const stage of Object.values(Stage)) {
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [guidelineId, stage]),
      );
      const work = actors.flatMap(({ label, user }) =>
        [2, 1].flatMap((version) =>
          TARGETS.map((target) => async () => {
            const dto = {
              sectionKey: target.sectionKey,
              body: 'An agreement case',
              ...(target.quote === undefined ? {} : { quote: target.quote }),
            } as CreateCommentDto;
            const [full, fast] = [
              await fullPath(user, version, dto),
              await oneStatement(user, version, dto),
            ];
            cases += 1;
            const name = `${stage}, ${label}, version ${version} (${version === 2 ? 'current' : 'older'}), ${target.label}`;
            if ('refused' in full) {
              refusals.add(full.refused);
              if (fast)
                disagreements.push(
                  `${name}: one statement inserted, full check refused ${full.refused}`,
                );
              return;
            }
            inserted += 1;
            if (stagesOpenTo(user).length === 0) {
              // Left to the full check: the one statement must not even try.
              if (fast)
                disagreements.push(`${name}: one statement inserted for a caller it leaves out`);
              return;
            }
            if (!fast) disagreements.push(`${name}: full check inserted, one statement refused`);
            else
              expect({ name, row: comparable(fast) }).toEqual({ name, row: comparable(full.row) });
          }),
        ),
      );
      // A few at a time: each case holds a connection for its two transactions.
      for (let i = 0; i < work.length; i += 8) {
        await Promise.all(work.slice(i, i + 8).map((run) => run()));
      }
    }
    expect(disagreements).toEqual([]);
    expect(cases).toBe(Object.values(Stage).length * actors.length * 2 * TARGETS.length);
    // Every way of being refused and of being let in was met, so the agreement is not vacuous.
    expect(inserted).toBeGreaterThan(0);
    // (An agency reviewer whose agency was never asked is refused before these: the guideline
    // is not found for them, in whatever words the error catalogue gives.)
    expect([...refusals]).toEqual(
      expect.arrayContaining([
        'COMMENTS_CLOSED',
        'NOT_A_COMMENTER',
        'QUOTE_NOT_FOUND',
        'UNKNOWN_SECTION',
        'VERSION_NOT_CURRENT',
      ]),
    );
  });

  it('answers every case the same in one statement for all of them as alone', async () => {
    // CommentInsertBatch sends the comments of concurrent requests in one statement: each case of
    // a stage is one entry of it, and must get what it gets alone (a row or nothing, the same row).
    let compared = 0;
    let grouped = 0;
    for (const stage of Object.values(Stage)) {
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [guidelineId, stage]),
      );
      const cases = actors.flatMap(({ label, user }) =>
        [2, 1].flatMap((version) =>
          TARGETS.map((target) => ({
            name: `${stage}, ${label}, version ${version}, ${target.label}`,
            entry: allowedComment(user, version, {
              sectionKey: target.sectionKey,
              body: `A grouped case: ${label}, ${version}, ${target.label}`,
              ...(target.quote === undefined ? {} : { quote: target.quote }),
            } as CreateCommentDto),
          })),
        ),
      );
      const alone: (CommentRow | null)[] = [];
      for (const { entry } of cases) {
        alone.push(await rolledBack((manager) => repository.insertIfAllowed(manager, entry)));
      }
      const together = await rolledBack((manager) =>
        repository.insertAllowed(
          manager,
          cases.map((c) => c.entry),
        ),
      );
      const view = (row: CommentRow | null) => (row ? comparable(row) : null);
      expect(cases.map((c, i) => ({ name: c.name, row: view(together[i]) }))).toEqual(
        cases.map((c, i) => ({ name: c.name, row: view(alone[i]) })),
      );
      compared += cases.length;
      grouped += together.filter(Boolean).length;
    }
    // Statements that inserted some of their entries and left others: not all or nothing.
    expect(grouped).toBeGreaterThan(0);
    expect(grouped).toBeLessThan(compared);
    expect(compared).toBe(Object.values(Stage).length * actors.length * 2 * TARGETS.length);
  });
});
