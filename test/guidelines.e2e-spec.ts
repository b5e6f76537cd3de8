import { createHash } from 'node:crypto';
import { Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

// The e2e project's testTimeout is not applied per project by Jest 30: boot + seeding can exceed 5 s on a busy machine.
jest.setTimeout(60_000);

describe('guidelines and their versions', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let secretariatLo: TestUser;
  let judge: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('guidelines');
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Secretariat One' });
    secretariatLo = await t.user(Role.SECRETARIAT, { locale: 'lo' });
    judge = await t.user(Role.JUDGE);
  });
  afterAll(() => t.close());

  let seq = 0;
  const createGuideline = async (code = `G-${++seq}-${Date.now().toString(36)}`) => {
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code, title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  };
  const publish = (guidelineId: string, body: object, user = secretariat) =>
    t.http().post(`/api/guidelines/${guidelineId}/versions`).set(as(user)).send(body);
  const sections = [
    { key: 'intro', heading: 'Introduction', body: 'These guidelines apply to all courts.' },
    {
      key: 'art-1',
      heading: 'ມາດຕາ 1: ການຮັບຟັງ',
      body: 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.',
    },
    {
      key: 'ind-1',
      kind: 'indicator',
      code: 'VSC-1',
      category: 'Court process',
      heading: 'Waiting rooms',
      body: 'Victims wait apart from the accused.',
    },
  ];
  const setStage = (id: string, stage: string) =>
    t.sql((c) => c.query(`UPDATE guidelines SET stage = $2 WHERE id = $1`, [id, stage]));

  describe('guidelines', () => {
    it('creates a guideline in DRAFTING with its first history row', async () => {
      const res = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({
          code: 'vsc-2025',
          title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'VSC-2025',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
        stage: 'DRAFTING',
        currentVersion: null,
        openReviewCount: 0,
        openCommentCount: 0,
        consultationClosesAt: null,
        adopted: null,
        createdBy: { id: secretariat.id, name: 'Secretariat One' },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        updatedAt: expect.any(String),
        yourActions: {
          comment: false,
          reply: false,
          commentOnBehalf: false,
          publishVersion: true,
          move: true,
          decideComments: false,
          recordEvent: true,
          readDraft: true,
          editDraft: true,
        },
      });
      const history = await t.sql((c) =>
        c.query(
          `SELECT from_stage, to_stage, actor_id, reason FROM stage_transitions WHERE guideline_id = $1`,
          [res.body.id],
        ),
      );
      expect(history.rows).toEqual([
        { from_stage: null, to_stage: 'DRAFTING', actor_id: secretariat.id, reason: 'created' },
      ]);

      const got = await t.http().get(`/api/guidelines/${res.body.id}`).set(as(judge));
      expect(got.status).toBe(200);
      // The same guideline; what the judge may do there is theirs: nothing while it is drafted.
      expect(got.body).toEqual({
        ...res.body,
        yourActions: {
          comment: false,
          reply: false,
          commentOnBehalf: false,
          publishVersion: false,
          move: false,
          decideComments: false,
          recordEvent: false,
          readDraft: false,
          editDraft: false,
        },
      });
    });

    it('refuses a duplicate code (any case) with 409 and other roles with 403', async () => {
      const dup = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({ code: 'VSC-2025', title: { en: 'x', lo: 'ກ' } });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      const byJudge = await t
        .http()
        .post('/api/guidelines')
        .set(as(judge))
        .send({ code: 'OTHER', title: { en: 'x', lo: 'ກ' } });
      expect(byJudge.status).toBe(403);
    });

    it('answers 400 for bad input and ids, 404 for unknown ids', async () => {
      const bad = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({ code: 'bad code!', title: { en: '' }, extra: 1 });
      expect(bad.status).toBe(400);
      const fields = bad.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['code', 'title.en', 'title.lo', 'extra']));
      expect((await t.http().get('/api/guidelines/not-a-uuid').set(as(judge))).status).toBe(400);
      const unknown = await t.http().get(`/api/guidelines/${UNKNOWN_ID}`).set(as(judge));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect((await t.http().get('/api/guidelines?stage=NOPE').set(as(judge))).status).toBe(400);
    });

    it('lists guidelines by code, filters by stage and pages with a cursor', async () => {
      const a = await createGuideline('LIST-A');
      const b = await createGuideline('LIST-B');
      await setStage(b.id, 'CONSULTATION');
      const consultation = await t.http().get('/api/guidelines?stage=CONSULTATION').set(as(judge));
      expect(consultation.status).toBe(200);
      expect(consultation.body.items.map((g: { id: string }) => g.id)).toEqual([b.id]);

      const first = await t.http().get('/api/guidelines?limit=1').set(as(judge));
      expect(first.body.items).toHaveLength(1);
      expect(first.body.next).toEqual(expect.any(String));
      const all: string[] = [];
      let next: string | null = null;
      do {
        const page: { body: { items: { code: string }[]; next: string | null } } = await t
          .http()
          .get(`/api/guidelines?limit=2${next ? `&cursor=${next}` : ''}`)
          .set(as(judge));
        all.push(...page.body.items.map((g: { code: string }) => g.code));
        next = page.body.next;
      } while (next);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining(['LIST-A', 'LIST-B', 'VSC-2025']));
      expect(new Set(all).size).toBe(all.length);
      expect(a.id).toBeDefined();
      expect((await t.http().get('/api/guidelines?cursor=garbage').set(as(judge))).status).toBe(
        400,
      );
    });

    it('counts pending review requests as openReviewCount', async () => {
      const g = await createGuideline();
      const v = await publish(g.id, { changeSummary: 'First', sections });
      expect(v.status).toBe(201);
      await t.sql(async (c) => {
        const version = await c.query(`SELECT id FROM guideline_versions WHERE guideline_id = $1`, [
          g.id,
        ]);
        const agencies = await c.query(`SELECT id, code FROM agencies ORDER BY code`);
        for (const [i, agency] of agencies.rows.entries()) {
          await c.query(
            `INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, due_date, requested_by, status, withdrawn_at)
             VALUES ($1, $2, 1, $3, '2030-01-01', $4, $5, $6)`,
            [
              g.id,
              version.rows[0].id,
              agency.id,
              secretariat.id,
              i === 0 ? 'WITHDRAWN' : 'PENDING',
              i === 0 ? new Date() : null,
            ],
          );
        }
      });
      const got = await t.http().get(`/api/guidelines/${g.id}`).set(as(judge));
      expect(got.body.openReviewCount).toBe(3);
      expect(got.body.currentVersion).toBe(1);
    });
  });

  describe('publishing and reading versions', () => {
    it('publishes version 1 with its content hash, stage and publisher, and reads it back', async () => {
      const g = await createGuideline();
      const res = await publish(g.id, { changeSummary: 'First draft', sections });
      expect(res.status).toBe(201);
      const canonical = JSON.stringify({
        sections: sections.map((s) => ({
          key: s.key,
          kind: s.kind ?? 'text',
          heading: s.heading,
          body: s.body,
          code: s.code ?? null,
          category: s.category ?? null,
        })),
      });
      const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
      expect(res.body).toMatchObject({
        guidelineId: g.id,
        number: 1,
        contentHash: hash,
        changeSummary: 'First draft',
        stage: 'DRAFTING',
        publishedBy: { id: secretariat.id, name: 'Secretariat One' },
        sectionCount: 3,
      });

      const read = await t.http().get(`/api/guidelines/${g.id}/versions/1`).set(as(judge));
      expect(read.status).toBe(200);
      expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(read.body).toEqual({
        // A judge may not comment while the guideline is being drafted.
        yourActions: { comment: false, reply: false, commentOnBehalf: false },
        guidelineId: g.id,
        number: 1,
        contentHash: hash,
        changeSummary: 'First draft',
        stage: 'DRAFTING',
        publishedAt: res.body.publishedAt,
        publishedBy: { id: secretariat.id, name: 'Secretariat One' },
        sectionCount: 3,
        appliedSuggestions: [],
        sections: [
          {
            key: 'intro',
            position: 0,
            kind: 'text',
            heading: 'Introduction',
            body: sections[0].body,
            commentCount: 0,
            openCommentCount: 0,
          },
          {
            key: 'art-1',
            position: 1,
            kind: 'text',
            heading: sections[1].heading,
            body: sections[1].body,
            commentCount: 0,
            openCommentCount: 0,
          },
          {
            key: 'ind-1',
            position: 2,
            kind: 'indicator',
            code: 'VSC-1',
            category: 'Court process',
            heading: 'Waiting rooms',
            body: sections[2].body,
            commentCount: 0,
            openCommentCount: 0,
          },
        ],
      });
      // The publication answers the very view a read gives (one builder), without yourActions.
      const { yourActions: _actions, ...readView } = read.body;
      expect(res.body).toEqual(readView);

      const guideline = await t.http().get(`/api/guidelines/${g.id}`).set(as(judge));
      expect(guideline.body.currentVersion).toBe(1);

      await setStage(g.id, 'TECHNICAL_WORKING_GROUP');
      const v2 = await publish(g.id, {
        changeSummary: 'After consultation',
        sections: sections.slice(0, 2),
      });
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({
        number: 2,
        stage: 'TECHNICAL_WORKING_GROUP',
        sectionCount: 2,
      });

      const list = await t.http().get(`/api/guidelines/${g.id}/versions`).set(as(judge));
      expect(list.status).toBe(200);
      expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
      expect(list.body.items[1]).toEqual({
        guidelineId: g.id,
        number: 1,
        contentHash: hash,
        changeSummary: 'First draft',
        stage: 'DRAFTING',
        publishedAt: res.body.publishedAt,
        publishedBy: { id: secretariat.id, name: 'Secretariat One' },
        sectionCount: 3,
        appliedSuggestions: [],
      });
      expect(list.body.next).toBeNull();
      const paged = await t.http().get(`/api/guidelines/${g.id}/versions?limit=1`).set(as(judge));
      const rest = await t
        .http()
        .get(`/api/guidelines/${g.id}/versions?limit=1&cursor=${paged.body.next}`)
        .set(as(judge));
      expect([paged.body.items[0].number, rest.body.items[0].number]).toEqual([2, 1]);
      expect(rest.body.next).toBeNull();
    });

    it('allows publishing only by the secretariat, and only in drafting or the working group', async () => {
      const g = await createGuideline();
      expect((await publish(g.id, { changeSummary: 'x', sections }, judge)).status).toBe(403);

      await setStage(g.id, 'CONSULTATION');
      const lo = await publish(g.id, { changeSummary: 'x', sections }, secretariatLo);
      expect(lo.status).toBe(422);
      expect(lo.body.details).toEqual([
        { code: 'PUBLISH_NOT_ALLOWED_IN_STAGE', message: expect.stringMatching(/[\u0E80-\u0EFF]/) },
      ]);
      const en = await publish(g.id, { changeSummary: 'x', sections });
      expect(en.body.message).toMatch(/only in drafting or technical working group/);

      for (const stage of ['ADOPTED', 'WITHDRAWN']) {
        await setStage(g.id, stage);
        const frozen = await publish(g.id, { changeSummary: 'x', sections });
        expect(frozen.status).toBe(422);
        expect(frozen.body.details[0].code).toBe('GUIDELINE_FROZEN');
      }
      const count = await t.sql((c) =>
        c.query(`SELECT count(*)::int AS n FROM guideline_versions WHERE guideline_id = $1`, [
          g.id,
        ]),
      );
      expect(count.rows[0].n).toBe(0);
    });

    it('gives ten concurrent publications the numbers 1 to 10', async () => {
      const g = await createGuideline();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          publish(g.id, {
            changeSummary: `Concurrent ${i}`,
            sections: [{ key: 's', heading: 'H', body: `Body ${i}` }],
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(results.map((r) => r.body.number).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      const stored = await t.sql((c) =>
        c.query(
          `SELECT g.current_version_number AS current, array_agg(v.number ORDER BY v.number) AS numbers
             FROM guidelines g JOIN guideline_versions v ON v.guideline_id = g.id
            WHERE g.id = $1 GROUP BY g.current_version_number`,
          [g.id],
        ),
      );
      expect(stored.rows[0]).toEqual({ current: 10, numbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    });
  });

  describe('immutability', () => {
    it('has no route that changes or removes a version', async () => {
      const g = await createGuideline();
      await publish(g.id, { changeSummary: 'First', sections });
      for (const method of ['put', 'patch', 'delete'] as const) {
        const agent = t.http();
        const res = await agent[method](`/api/guidelines/${g.id}/versions/1`)
          .set(as(secretariat))
          .send({ changeSummary: 'rewritten' });
        expect(res.status).toBe(404);
      }
      const read = await t.http().get(`/api/guidelines/${g.id}/versions/1`).set(as(judge));
      expect(read.body.changeSummary).toBe('First');
    });

    it('is enforced by the database: UPDATE and DELETE of versions and sections fail', async () => {
      const g = await createGuideline();
      await publish(g.id, { changeSummary: 'First', sections });
      const attempts = [
        `UPDATE guideline_versions SET change_summary = 'forged' WHERE guideline_id = '${g.id}'`,
        `DELETE FROM guideline_versions WHERE guideline_id = '${g.id}'`,
        `UPDATE version_sections SET body = 'forged' WHERE version_id IN (SELECT id FROM guideline_versions WHERE guideline_id = '${g.id}')`,
        `DELETE FROM version_sections WHERE version_id IN (SELECT id FROM guideline_versions WHERE guideline_id = '${g.id}')`,
      ];
      for (const sql of attempts) {
        await expect(t.sql((c) => c.query(sql))).rejects.toThrow(/immutable/);
      }
      const read = await t.http().get(`/api/guidelines/${g.id}/versions/1`).set(as(judge));
      expect(read.body.changeSummary).toBe('First');
      expect(read.body.sections.map((s: { body: string }) => s.body)).toEqual(
        sections.map((s) => s.body),
      );
    });
  });

  describe('bad input', () => {
    let g: { id: string };
    const versionCount = () =>
      t.sql(async (c) =>
        Number(
          (await c.query(`SELECT count(*) FROM guideline_versions WHERE guideline_id = $1`, [g.id]))
            .rows[0].count,
        ),
      );
    beforeAll(async () => {
      g = await createGuideline();
    });

    it('answers 400 for missing or empty sections and a missing change summary', async () => {
      const missing = await publish(g.id, { changeSummary: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('sections');
      const empty = await publish(g.id, { changeSummary: 'x', sections: [] });
      expect(empty.status).toBe(400);
      const noSummary = await publish(g.id, { sections });
      expect(noSummary.status).toBe(400);
      expect(noSummary.body.details.map((d: { field: string }) => d.field)).toContain(
        'changeSummary',
      );
      expect(await versionCount()).toBe(0);
    });

    it('names every duplicated section key', async () => {
      const res = await publish(g.id, {
        changeSummary: 'x',
        sections: [
          { key: 'a', heading: 'A', body: '1' },
          { key: 'b', heading: 'B', body: '2' },
          { key: 'a', heading: 'A again', body: '3' },
          { key: 'b', heading: 'B again', body: '4' },
          { key: 'c', heading: 'C', body: '5' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'DUPLICATE_SECTION_KEY', key: 'a', positions: [0, 2] }),
        expect.objectContaining({ code: 'DUPLICATE_SECTION_KEY', key: 'b', positions: [1, 3] }),
      ]);
      expect(await versionCount()).toBe(0);
    });

    it('answers 400 for 1,001 sections (413 for 10,000), bad keys, long texts and indicator mistakes', async () => {
      const sections = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ key: `s${i}`, heading: 'H', body: 'B' }));
      // 40,000 members: refused before validation (src/common/request-bounds.ts).
      const tooMany = await publish(g.id, { changeSummary: 'x', sections: sections(10_000) });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.details[0].code).toBe('JSON_TOO_MANY_MEMBERS');
      const many = await publish(g.id, { changeSummary: 'x', sections: sections(1_001) });
      expect(many.status).toBe(400);
      expect(many.body.details.map((d: { field: string }) => d.field)).toContain('sections');

      const bad = await publish(g.id, {
        changeSummary: 'x',
        sections: [
          { key: 'has space', heading: 'H', body: 'B' },
          { key: 'k'.repeat(65), heading: 'H', body: 'B' },
          { key: 'long-heading', heading: 'h'.repeat(501), body: 'B' },
          { key: 'long-body', heading: 'H', body: 'b'.repeat(100_001) },
          { key: 'kind', heading: 'H', body: 'B', kind: 'table' },
          { key: 'no-body', heading: 'H' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([
          'sections.0.key',
          'sections.1.key',
          'sections.2.heading',
          'sections.3.body',
          'sections.4.kind',
          'sections.5.body',
        ]),
      );

      const indicator = await publish(g.id, {
        changeSummary: 'x',
        sections: [
          { key: 'i', kind: 'indicator', heading: 'H', body: 'Statement' },
          { key: 't', heading: 'H', body: 'B', code: 'VSC-9' },
        ],
      });
      expect(indicator.status).toBe(400);
      expect(indicator.body.details.map((d: { code: string }) => d.code)).toEqual([
        'INDICATOR_CODE_REQUIRED',
        'INDICATOR_FIELD_ON_TEXT',
      ]);
      expect(await versionCount()).toBe(0);
    });

    it('answers 413 for a 5 MB section body', async () => {
      const res = await publish(g.id, {
        changeSummary: 'x',
        sections: [{ key: 'big', heading: 'H', body: 'x'.repeat(5 * 1024 * 1024) }],
      });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(await versionCount()).toBe(0);
    });

    it('answers 404 for unknown guidelines and versions, 400 for malformed ids and numbers', async () => {
      await publish(g.id, { changeSummary: 'x', sections });
      const cases: [string, number][] = [
        [`/api/guidelines/${g.id}/versions/2`, 404],
        [`/api/guidelines/${g.id}/versions/99999`, 404],
        [`/api/guidelines/${UNKNOWN_ID}/versions/1`, 404],
        [`/api/guidelines/${UNKNOWN_ID}/versions`, 404],
        [`/api/guidelines/${g.id}/versions/0`, 400],
        [`/api/guidelines/${g.id}/versions/-1`, 400],
        [`/api/guidelines/${g.id}/versions/1.5`, 400],
        [`/api/guidelines/${g.id}/versions/abc`, 400],
        [`/api/guidelines/${g.id}/versions/99999999999`, 400],
        [`/api/guidelines/not-a-uuid/versions/1`, 400],
        [`/api/guidelines/not-a-uuid/versions`, 400],
        [`/api/guidelines/${g.id}/versions/1/diff`, 400],
        [`/api/guidelines/${g.id}/versions/1/diff?against=2`, 404],
        [`/api/guidelines/${g.id}/versions/1/diff?against=0`, 400],
        [`/api/guidelines/${g.id}/versions/1/diff?against=x`, 400],
        [`/api/guidelines/${g.id}/versions/1/diff?against=99999999999`, 400],
        [`/api/guidelines/${g.id}/versions/7/diff?against=1`, 404],
        [`/api/guidelines/${UNKNOWN_ID}/versions/2/diff`, 404],
        [`/api/guidelines/${g.id}/versions?limit=0`, 400],
        [`/api/guidelines/${g.id}/versions?cursor=zzz`, 400],
      ];
      for (const [url, status] of cases) {
        const res = await t.http().get(url).set(as(judge));
        expect({ url, status: res.status }).toEqual({ url, status });
        expect(res.body).toMatchObject({
          statusCode: status,
          message: expect.any(String),
          details: expect.any(Array),
        });
      }
      expect((await publish(UNKNOWN_ID, { changeSummary: 'x', sections })).status).toBe(404);
      expect((await publish('not-a-uuid', { changeSummary: 'x', sections })).status).toBe(400);
    });
  });

  it('documents every guideline, version and comment route in the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string[]][] = [
      ['/api/guidelines', ['get', 'post']],
      ['/api/guidelines/{id}', ['get']],
      ['/api/guidelines/{id}/versions', ['get', 'post']],
      ['/api/guidelines/{id}/versions/{number}', ['get']],
      ['/api/guidelines/{id}/versions/{number}/diff', ['get']],
      ['/api/guidelines/{id}/versions/{number}/comments', ['get', 'post']],
      ['/api/comments/{id}', ['get', 'patch', 'delete']],
      ['/api/comments/{id}/disposition', ['put']],
      ['/api/guidelines/{id}/comment-matrix', ['get']],
      ['/api/guidelines/{id}/search', ['get']],
    ];
    for (const [path, methods] of expected) {
      expect(Object.keys(paths[path] ?? {}).sort()).toEqual(expect.arrayContaining(methods));
    }
    const schemas = Object.keys(res.body.components.schemas);
    expect(schemas).toEqual(
      expect.arrayContaining([
        'GuidelineView',
        'VersionView',
        'VersionDiffView',
        'CommentView',
        'MatrixView',
      ]),
    );
  });

  describe('diff', () => {
    it('shows an English edit word by word, and added, removed and moved sections', async () => {
      const g = await createGuideline();
      await publish(g.id, {
        changeSummary: 'v1',
        sections: [
          { key: 'a', heading: 'Hearing', body: 'Judges must hear the victim patiently.' },
          { key: 'b', heading: 'Privacy', body: 'Hearings may be closed.' },
          { key: 'c', heading: 'Old', body: 'Removed later.' },
          { key: 'd', heading: 'Final', body: 'Entry into force.' },
        ],
      });
      await publish(g.id, {
        changeSummary: 'v2',
        sections: [
          { key: 'd', heading: 'Final', body: 'Entry into force.' },
          { key: 'a', heading: 'Hearing', body: 'Judges should hear the victim patiently.' },
          { key: 'b', heading: 'Privacy', body: 'Hearings may be closed.' },
          { key: 'e', heading: 'Interpreters', body: 'Victims get an interpreter.' },
        ],
      });
      const res = await t.http().get(`/api/guidelines/${g.id}/versions/2/diff`).set(as(judge));
      expect(res.status).toBe(200);
      expect(res.body.from.number).toBe(1);
      expect(res.body.to.number).toBe(2);
      expect(res.body.summary).toEqual({
        added: 1,
        removed: 1,
        moved: 1,
        changed: 1,
        unchanged: 1,
      });
      const byKey = Object.fromEntries(res.body.sections.map((s: { key: string }) => [s.key, s]));
      expect(byKey.d).toMatchObject({
        status: 'moved',
        moved: true,
        fromPosition: 3,
        toPosition: 0,
      });
      expect(byKey.a).toMatchObject({ status: 'changed', moved: false });
      expect(byKey.a.changes.body).toEqual([
        { op: 'equal', text: 'Judges ' },
        { op: 'delete', text: 'must' },
        { op: 'insert', text: 'should' },
        { op: 'equal', text: ' hear the victim patiently.' },
      ]);
      expect(byKey.a.changes.heading).toBeUndefined();
      expect(byKey.b.status).toBe('unchanged');
      expect(byKey.c).toMatchObject({ status: 'removed', content: { body: 'Removed later.' } });
      expect(byKey.e).toMatchObject({ status: 'added', content: { heading: 'Interpreters' } });

      const reverse = await t
        .http()
        .get(`/api/guidelines/${g.id}/versions/1/diff?against=2`)
        .set(as(judge));
      expect(reverse.status).toBe(200);
      expect(reverse.body.summary).toMatchObject({ added: 1, removed: 1, changed: 1 });
    });

    it('shows a Lao edit as the changed Lao words', async () => {
      const g = await createGuideline();
      await publish(g.id, {
        changeSummary: 'v1',
        sections: [{ key: 'art-1', heading: 'ມາດຕາ 1', body: 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.' }],
      });
      await publish(g.id, {
        changeSummary: 'v2',
        sections: [{ key: 'art-1', heading: 'ມາດຕາ 1', body: 'ຜູ້ພິພາກສາຄວນຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.' }],
      });
      const res = await t
        .http()
        .get(`/api/guidelines/${g.id}/versions/2/diff?against=1`)
        .set(as(judge));
      expect(res.status).toBe(200);
      const body = res.body.sections[0].changes.body as { op: string; text: string }[];
      expect(body.filter((o) => o.op === 'delete')).toEqual([{ op: 'delete', text: 'ຕ້ອງ' }]);
      expect(body.filter((o) => o.op === 'insert')).toEqual([{ op: 'insert', text: 'ຄວນ' }]);
      expect(body.filter((o) => o.op === 'equal').map((o) => o.text)).toEqual([
        'ຜູ້ພິພາກສາ',
        'ຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.',
      ]);
    });
  });
});
