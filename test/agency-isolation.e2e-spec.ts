import { Queue } from 'bullmq';
import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'supertest';
import { Committee, Role } from '../src/court/roles';
import { auth, eventually, localDay, move, openQueue, reviewersOf } from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(240_000);

const DAY = 86_400_000;

/** What no answer to an MPS reviewer may hold: the other agencies' codes and names (the seed's). */
const OTHER_AGENCY_CODES = /(?<![A-Za-z0-9_])(MOJ|MOFA|OSPP)(?![A-Za-z0-9_])/;
const OTHER_AGENCY_NAMES = [
  'Ministry of Justice',
  'ກະຊວງຍຸຕິທຳ',
  'Ministry of Foreign Affairs',
  'ກະຊວງການຕ່າງປະເທດ',
  "Office of the Supreme People's Prosecutor",
  'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ',
];
/** Words only the judges wrote: their deliberations stay inside the court. */
const JUDGES_WORDS = ['JUDGESONLY'];

/** An answer's bytes as text: a Word file is unpacked, its XML parts read as text. */
function answerText(res: Response): string {
  const body = res.body as Buffer;
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('wordprocessingml')) {
    const parts = unzipSync(new Uint8Array(body));
    return Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return body.toString('utf8');
}

/** supertest keeps every answer as raw bytes (JSON, CSV, Markdown, HTML and Word alike). */
function rawBytes(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: { enum?: unknown[] } }[];
}

/**
 * Agency isolation: an agency reviewer reads a guideline only once its agency was asked, only the
 * versions it was asked about, only its own agency's comments, requests and answers; the rule is
 * src/court/reader-scope.ts. The road: MOJ, MOFA, OSPP and MPS asked about version 2 (MOJ objects,
 * the others approve, MOJ and MPS comment, MOJ replies in MPS's thread), back to the TWG with the
 * reason naming MOJ, version 3, then a second round asking MOJ, MOFA and OSPP only (three pending,
 * a new MOJ comment). A second guideline asks MOJ only.
 */
describe('agency isolation', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let judge2: TestUser;
  let twgJudge: TestUser;
  let councilJudge: TestUser;
  let observer: TestUser;
  let reviewers: Record<string, TestUser>;
  let mps: TestUser;
  let domainEvents: Queue;
  const ids = {
    road: '',
    other: '',
    judgeComment: '',
    judgeReply: '',
    twgComment: '',
    councilComment: '',
    mpsComment: '',
    mojComment: '',
    judgeReplyToMps: '',
    mojSecondRoundComment: '',
    mpsReview: '',
    otherReviews: [] as string[],
    event: '',
    mpsNotification: '',
    otherNotification: '',
    mojAgency: '',
  };

  const http = () => t.http();
  const ok = async (res: Promise<Response> | Response, status = 200): Promise<Response> => {
    const r = await res;
    if (r.status !== status)
      throw new Error(`${r.status} instead of ${status}: ${JSON.stringify(r.body)}`);
    return r;
  };
  const comment = async (
    who: TestUser,
    id: string,
    number: number,
    body: Record<string, unknown>,
  ): Promise<string> =>
    (
      await ok(
        http().post(`/api/guidelines/${id}/versions/${number}/comments`).set(auth(who)).send(body),
        201,
      )
    ).body.id;
  const dispose = (id: string) =>
    ok(
      http()
        .put(`/api/comments/${id}/disposition`)
        .set(auth(secretariat))
        .send({ status: 'NOTED', response: 'Noted by the secretariat' }),
    );
  const publish = (id: string, n: number) =>
    ok(
      http()
        .post(`/api/guidelines/${id}/versions`)
        .set(auth(secretariat))
        .send({
          changeSummary: `Version ${n}`,
          sections: [
            { key: 'art-1', heading: 'Article 1', body: `Victims are heard apart (v${n}).` },
            { key: 'art-2', heading: 'Article 2', body: `Witness rooms are private (v${n}).` },
          ],
        }),
      201,
    );
  const answer = (who: TestUser, reviewId: string, decision: string, comments: string) =>
    ok(
      http()
        .post(`/api/reviews/${reviewId}/response`)
        .set(auth(who))
        .send({ decision, comments, signatory: { name: 'Signatory', title: 'Director' } }),
    );
  const requestOf = async (guidelineId: string, code: string, status = 'PENDING') =>
    (
      await t.sql((c) =>
        c.query(
          `SELECT r.id FROM review_requests r JOIN agencies a ON a.id = r.agency_id
            WHERE r.guideline_id = $1 AND a.code = $2 AND r.status = $3`,
          [guidelineId, code, status],
        ),
      )
    ).rows[0].id as string;

  beforeAll(async () => {
    t = await startTestApp('agency_isolation');
    domainEvents = openQueue(t.env, 'domain-events');
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE, { name: 'Judge Bounmy' });
    judge2 = await t.user(Role.JUDGE, { name: 'Judge Khamphone' });
    twgJudge = await t.user(Role.JUDGE, { committees: [Committee.TWG] });
    councilJudge = await t.user(Role.JUDGE, { committees: [Committee.COUNCIL] });
    observer = await t.user(Role.OBSERVER);
    reviewers = await reviewersOf(t, { MOJ: 'en', MOFA: 'lo', OSPP: 'en', MPS: 'en' });
    mps = reviewers.MPS;
    ids.mojAgency = (
      await t.sql((c) => c.query(`SELECT id FROM agencies WHERE code = 'MOJ'`))
    ).rows[0].id;

    // The road: version 1 in DRAFTING, judges deliberate in consultation and in the TWG.
    const created = await ok(
      http()
        .post('/api/guidelines')
        .set(auth(secretariat))
        .send({ code: 'ISO-ROAD', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ເປັນມິດ' } }),
      201,
    );
    const road = (ids.road = created.body.id);
    await publish(road, 1);
    await move(t, secretariat, road, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    ids.judgeComment = await comment(judge, road, 1, {
      sectionKey: 'art-1',
      body: 'JUDGESONLY deliberation: witness protection first',
    });
    ids.judgeReply = await comment(judge2, road, 1, {
      parentId: ids.judgeComment,
      body: 'JUDGESONLY reply: agreed on the witness',
    });
    const event = await ok(
      http()
        .post('/api/events')
        .set(auth(secretariat))
        .send({
          guidelineId: road,
          title: 'Workshop on the draft',
          date: localDay(-1),
          location: 'Vientiane Capital',
          kind: 'WORKSHOP',
          participants: { female: 3, male: 4, other: 0 },
          institutions: [
            { category: 'JUSTICE', name: 'Ministry of Justice', count: 4 },
            { category: 'PROSECUTION', name: 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', count: 3 },
          ],
        }),
      201,
    );
    ids.event = event.body.id;
    await t.sql((c) =>
      c.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [road],
      ),
    );
    await move(t, secretariat, road, { to: 'TECHNICAL_WORKING_GROUP' });
    await publish(road, 2);
    ids.twgComment = await comment(twgJudge, road, 2, {
      sectionKey: 'art-2',
      body: 'JUDGESONLY in the TWG: the witness room',
    });
    for (const id of [ids.judgeComment, ids.twgComment]) await dispose(id);
    await move(t, secretariat, road, { to: 'COUNCIL_OF_JUDGES' });
    ids.councilComment = await comment(councilJudge, road, 2, {
      sectionKey: 'art-1',
      body: 'JUDGESONLY in the Council: the witness again',
    });

    // Round 1: the four agencies on version 2.
    await move(t, secretariat, road, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(14),
      agencies: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
    });
    ids.mpsReview = await requestOf(road, 'MPS');
    ids.mpsComment = await comment(mps, road, 2, {
      sectionKey: 'art-1',
      body: 'MPS: the police escort the witness',
    });
    ids.mojComment = await comment(reviewers.MOJ, road, 2, {
      sectionKey: 'art-1',
      body: 'MOJ: the witness statute applies',
    });
    const round1 = {
      MOJ: await requestOf(road, 'MOJ'),
      MOFA: await requestOf(road, 'MOFA'),
      OSPP: await requestOf(road, 'OSPP'),
    };
    await answer(reviewers.MOJ, round1.MOJ, 'OBJECT', 'MOJ objects to article 1 (witness)');
    await answer(reviewers.MOFA, round1.MOFA, 'APPROVE', '');
    await answer(reviewers.OSPP, round1.OSPP, 'APPROVE_WITH_COMMENTS', 'OSPP: witness note');
    await answer(mps, ids.mpsReview, 'APPROVE_WITH_COMMENTS', 'MPS approves with one remark');
    for (const id of [ids.councilComment, ids.mpsComment, ids.mojComment]) await dispose(id);
    await move(t, secretariat, road, {
      to: 'TECHNICAL_WORKING_GROUP',
      reason: 'Objected to by MOJ (Ministry of Justice): article 1 is revised',
    });
    // Back in the TWG, a judge answers in MPS's thread: a deliberation MPS does not read.
    ids.judgeReplyToMps = await comment(twgJudge, road, 2, {
      parentId: ids.mpsComment,
      body: 'JUDGESONLY reply to MPS on the witness',
    });

    // Version 3, and round 2 without MPS.
    await publish(road, 3);
    await move(t, secretariat, road, { to: 'COUNCIL_OF_JUDGES' });
    await move(t, secretariat, road, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOFA', 'MOJ', 'OSPP'],
    });
    ids.mojSecondRoundComment = await comment(reviewers.MOJ, road, 3, {
      sectionKey: 'art-2',
      body: 'MOJ second round: witness rooms',
    });
    ids.otherReviews = [
      ...Object.values(round1),
      await requestOf(road, 'MOJ'),
      await requestOf(road, 'MOFA'),
      await requestOf(road, 'OSPP'),
    ];

    // Another guideline, reviewed by MOJ only.
    const other = await ok(
      http()
        .post('/api/guidelines')
        .set(auth(secretariat))
        .send({ code: 'ISO-OTHER', title: { en: 'Another guideline', lo: 'ແນວທາງອື່ນ' } }),
      201,
    );
    ids.other = other.body.id;
    await publish(ids.other, 1);
    await move(t, secretariat, ids.other, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    await t.sql((c) =>
      c.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [ids.other],
      ),
    );
    await move(t, secretariat, ids.other, { to: 'TECHNICAL_WORKING_GROUP' });
    await move(t, secretariat, ids.other, { to: 'COUNCIL_OF_JUDGES' });
    await move(t, secretariat, ids.other, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(12),
      agencies: ['MOJ'],
    });
    ids.otherReviews.push(await requestOf(ids.other, 'MOJ'));

    // The notices the road sends are in the inboxes before anything is read.
    const inbox = async (u: TestUser) =>
      (await http().get('/api/notifications').set(auth(u))).body.items as {
        id: string;
        kind: string;
      }[];
    ids.mpsNotification = await eventually(async () => {
      const items = await inbox(mps);
      return items.some((n) => n.kind === 'STAGE_CHANGED') &&
        items.some((n) => n.kind === 'DISPOSITION_GIVEN')
        ? items[0].id
        : undefined;
    }, 'the MPS reviewer’s notices');
    ids.otherNotification = await eventually(
      async () => (await inbox(reviewers.MOJ))[0]?.id,
      'a MOJ notice',
    );
  });

  afterAll(async () => {
    await domainEvents?.close();
    await t?.close();
  });

  const get = (path: string, who: TestUser = mps) => http().get(path).set(auth(who));

  it('reads the guideline its agency was asked about, not the other; counts only its own', async () => {
    const list = await ok(get('/api/guidelines'));
    expect(list.body.items.map((g: { id: string }) => g.id)).toEqual([ids.road]);
    const seen = (await ok(get(`/api/guidelines/${ids.road}`))).body;
    const court = (await ok(get(`/api/guidelines/${ids.road}`, secretariat))).body;
    // The court counts the three pending requests and MOJ's open comment; MPS none of them.
    expect([court.openReviewCount, court.openCommentCount, court.currentVersion]).toEqual([
      3, 1, 3,
    ]);
    expect([seen.openReviewCount, seen.openCommentCount, seen.currentVersion]).toEqual([0, 0, 2]);
    expect(seen.yourActions).toMatchObject({ move: false, comment: false, readDraft: false });
    expect((await get(`/api/guidelines/${ids.other}`)).status).toBe(404);
    // MOJ, asked about both, reads both.
    expect(
      (await ok(get('/api/guidelines', reviewers.MOJ))).body.items
        .map((g: { id: string }) => g.id)
        .sort(),
    ).toEqual([ids.road, ids.other].sort());
  });

  it('reads only the version it was asked about: the DRAFTING version and the next revision are 404', async () => {
    const versions = await ok(get(`/api/guidelines/${ids.road}/versions`));
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2]);
    expect((await get(`/api/guidelines/${ids.road}/versions/1`)).status).toBe(404);
    expect((await get(`/api/guidelines/${ids.road}/versions/3`)).status).toBe(404);
    const v2 = await ok(get(`/api/guidelines/${ids.road}/versions/2`));
    const counts = v2.body.sections.map((s: { key: string; commentCount: number }) => [
      s.key,
      s.commentCount,
    ]);
    // Its own comment only: not the Council judge's, not MOJ's comment or reply.
    expect(counts).toEqual([
      ['art-1', 1],
      ['art-2', 0],
    ]);
    for (const path of [
      `/api/guidelines/${ids.road}/versions/2/diff?against=1`,
      `/api/guidelines/${ids.road}/versions/3/diff?against=2`,
      `/api/guidelines/${ids.road}/versions/2/redline?against=1`,
      `/api/guidelines/${ids.road}/versions/1/document?format=md`,
    ]) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
    expect((await get(`/api/guidelines/${ids.road}/versions/2/document?format=md`)).status).toBe(
      200,
    );
    // The court reads every version.
    expect((await get(`/api/guidelines/${ids.road}/versions/1`, observer)).status).toBe(200);
  });

  it('reads its own agency’s comments only: judges’ and MOJ’s are 404 and absent', async () => {
    const list = await ok(get(`/api/guidelines/${ids.road}/versions/2/comments`));
    expect(
      list.body.items.map((c: { id: string; replyCount: number }) => [c.id, c.replyCount]),
    ).toEqual([[ids.mpsComment, 0]]);
    const own = await ok(get(`/api/comments/${ids.mpsComment}`));
    expect(own.body.replies).toEqual([]);
    expect(own.body.dispositions).toHaveLength(1);
    for (const id of [
      ids.judgeComment,
      ids.judgeReply,
      ids.twgComment,
      ids.councilComment,
      ids.mojComment,
      ids.judgeReplyToMps,
    ]) {
      expect([id, (await get(`/api/comments/${id}`)).status]).toEqual([id, 404]);
    }
    // Not even by editing or deleting.
    expect((await http().delete(`/api/comments/${ids.mojComment}`).set(auth(mps))).status).toBe(
      404,
    );
    expect(
      (await http().patch(`/api/comments/${ids.councilComment}`).set(auth(mps)).send({ body: 'x' }))
        .status,
    ).toBe(404);
    // A reply in a thread it cannot read is refused as for an unknown parent.
    const reply = await http()
      .post(`/api/guidelines/${ids.road}/versions/2/comments`)
      .set(auth(mps))
      .send({ parentId: ids.councilComment, body: 'Answering a judge' });
    expect(reply.status).toBe(422);
    expect(reply.body.details[0].field).toBe('parentId');
    // Another agency cannot even reply in MPS's thread: it does not read it.
    const intruder = await http()
      .post(`/api/guidelines/${ids.road}/versions/2/comments`)
      .set(auth(reviewers.MOJ))
      .send({ parentId: ids.mpsComment, body: 'MOJ answers MPS about the witness' });
    expect([intruder.status, intruder.body.details?.[0]?.code]).toEqual([422, 'PARENT_NOT_FOUND']);
    // Its version is readable, but this review round did not ask MPS: refused with the reason.
    const late = await http()
      .post(`/api/guidelines/${ids.road}/versions/2/comments`)
      .set(auth(mps))
      .send({ sectionKey: 'art-1', body: 'Late remark' });
    expect(late.status).toBe(403);
    expect(late.body.message).toMatch(/reviewers of the agencies asked/);
    // On the other guideline, no comment at all can be placed: it does not exist for MPS.
    const elsewhere = await http()
      .post(`/api/guidelines/${ids.other}/versions/1/comments`)
      .set(auth(mps))
      .send({ sectionKey: 'art-1', body: 'Hello' });
    expect(elsewhere.status).toBe(404);
    const matrix = await ok(get(`/api/guidelines/${ids.road}/comment-matrix?format=json`));
    expect(matrix.body.items.map((i: { commentId: string }) => i.commentId)).toEqual([
      ids.mpsComment,
    ]);
    const search = await ok(get(`/api/guidelines/${ids.road}/search?q=witness`));
    expect(
      search.body.items.map((i: { type: string; commentId?: string; versionNumber: number }) => [
        i.type,
        i.commentId ?? null,
        i.versionNumber,
      ]),
    ).toEqual([
      ['section', null, 2],
      ['comment', ids.mpsComment, 2],
    ]);
  });

  it('sees the history without the court’s reasons, and no move list, events or reports', async () => {
    const history = (await ok(get(`/api/guidelines/${ids.road}/transitions`))).body;
    const court = (await ok(get(`/api/guidelines/${ids.road}/transitions`, observer))).body;
    expect(history.items).toHaveLength(court.items.length);
    expect(court.items.some((i: { reason: string | null }) => i.reason?.includes('MOJ'))).toBe(
      true,
    );
    expect(history.items.every((i: { reason: string | null }) => i.reason === null)).toBe(true);
    expect([
      ...new Set(history.items.map((i: { versionNumber: number | null }) => i.versionNumber)),
    ]).toEqual([null, 2]);
    for (const path of [
      `/api/guidelines/${ids.road}/transitions/available`,
      '/api/events',
      `/api/events/${ids.event}`,
      '/api/reports/participation',
    ]) {
      expect([path, (await get(path)).status]).toEqual([path, 403]);
    }
    expect((await get(`/api/guidelines/${ids.road}/transitions/available`, judge)).status).toBe(
      403,
    );
    expect((await get(`/api/guidelines/${ids.road}/transitions/available`, observer)).status).toBe(
      200,
    );
    const agencies = (await ok(get('/api/agencies'))).body;
    expect(agencies.items.map((a: { code: string }) => a.code)).toEqual(['MPS']);
  });

  it('is not told of a reply it may not read (a court member is)', async () => {
    const state = (jobId: string) =>
      eventually(async () => (await domainEvents.getJobState(jobId)) === 'completed', jobId);
    await state(`reply-${ids.judgeReplyToMps}`);
    await state(`reply-${ids.judgeReply}`);
    const kinds = async (u: TestUser) =>
      (
        await t.sql((c) => c.query(`SELECT kind FROM notifications WHERE user_id = $1`, [u.id]))
      ).rows.map((r: { kind: string }) => r.kind);
    expect(await kinds(mps)).not.toContain('COMMENT_REPLIED');
    expect(await kinds(judge)).toContain('COMMENT_REPLIED');
  });

  it('no answer of any route a reviewer can call holds another agency’s codes, names, ids, decisions or counts, nor the judges’ words', async () => {
    const doc = (await ok(http().get('/api/docs-json'))).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        if (item[method]) operations.push({ ...item[method], method, path });
      }
    }
    const unknownToken = 'A'.repeat(43);
    const random = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';
    const commentIds = [
      ids.mpsComment,
      ids.mojComment,
      ids.judgeReplyToMps,
      ids.mojSecondRoundComment,
      ids.judgeComment,
      ids.judgeReply,
      ids.councilComment,
    ];
    /** The ids a path parameter is filled with: MPS's own and everyone else's. */
    const valuesOf = (path: string, name: string): string[] => {
      if (name === 'number') return ['1', '2', '3'];
      if (name === 'token') return [unknownToken];
      if (name !== 'id')
        throw new Error(`no values for the parameter {${name}} of ${path}: add them`);
      if (path.startsWith('/api/guidelines/')) return [ids.road, ids.other];
      if (path.startsWith('/api/comments/')) return commentIds;
      if (path.startsWith('/api/reviews/')) return [ids.mpsReview, ...ids.otherReviews];
      if (path.startsWith('/api/notifications/'))
        return [ids.mpsNotification, ids.otherNotification];
      if (path.startsWith('/api/events/')) return [ids.event];
      if (path.startsWith('/api/users/')) return [reviewers.MOJ.id];
      if (path.startsWith('/api/agencies/')) return [ids.mojAgency];
      if (path.startsWith('/api/me/sessions/')) return [random];
      throw new Error(`no values for {id} of ${path}: add them`);
    };
    const queryValues = (name: string, enumValues?: unknown[]): (string | undefined)[] => {
      if (enumValues) return enumValues.map(String);
      if (name === 'q') return ['witness'];
      if (name === 'against' || name === 'version') return ['1', '2', '3'];
      if (name === 'guidelineId') return [ids.road, ids.other];
      return [undefined];
    };
    const calls: { method: Operation['method']; url: string }[] = [];
    for (const op of operations) {
      let urls = [op.path];
      for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
        urls = urls.flatMap((u) => valuesOf(op.path, name).map((v) => u.replace(`{${name}}`, v)));
      }
      const withParam = (u: string, name: string, v: string) =>
        `${u}${u.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(v)}`;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      // Every combination of the required parameters' values; then each optional value alone.
      for (const p of query.filter((q) => q.required)) {
        const values = queryValues(p.name, p.schema?.enum).filter((v) => v !== undefined);
        urls = urls.flatMap((u) => values.map((v) => withParam(u, p.name, v)));
      }
      const optional = query
        .filter((q) => !q.required)
        .flatMap((p) =>
          queryValues(p.name, p.schema?.enum)
            .filter((v) => v !== undefined)
            .map((v) => [p.name, v] as const),
        );
      for (const url of urls) {
        calls.push({ method: op.method, url });
        for (const [name, v] of optional)
          calls.push({ method: op.method, url: withParam(url, name, v) });
      }
    }
    // Reads first, writes after; signing out ends the session last of all.
    const rank = (c: { method: string; url: string }) =>
      c.url === '/api/auth/session' && c.method === 'delete' ? 2 : c.method === 'get' ? 0 : 1;
    calls.sort((a, b) => rank(a) - rank(b));
    expect(calls.length).toBeGreaterThan(150);

    const ownIds = new Set([ids.road, ids.mpsComment, ids.mpsReview, ids.mpsNotification, mps.id]);
    const foreignIds = [
      ids.other,
      ...commentIds.filter((id) => !ownIds.has(id)),
      ...ids.otherReviews,
      ids.otherNotification,
      ...Object.values(reviewers)
        .filter((r) => r !== mps)
        .map((r) => r.id),
      ids.mojAgency,
      judge.id,
      judge2.id,
      twgJudge.id,
      councilJudge.id,
    ];
    const leaks: string[] = [];
    const statuses = new Map<string, number>();
    for (const call of calls) {
      let req = http()[call.method](call.url).set(auth(mps)).buffer(true).parse(rawBytes);
      if (call.method !== 'get' && call.method !== 'delete') req = req.send({});
      const res = await req;
      statuses.set(`${call.method.toUpperCase()} ${call.url}`, res.status);
      if (res.status >= 500) leaks.push(`${call.method} ${call.url}: ${res.status}`);
      const text = answerText(res);
      const found = [
        text.match(OTHER_AGENCY_CODES)?.[0],
        ...OTHER_AGENCY_NAMES.filter((name) => text.includes(name)),
        ...JUDGES_WORDS.filter((word) => text.includes(word)),
        // An id the caller sent may come back in a refusal; any other foreign id is a leak.
        ...foreignIds.filter((id) => text.includes(id) && !call.url.includes(id)),
      ].filter(Boolean);
      if (found.length) leaks.push(`${call.method} ${call.url}: ${found.join(', ')}`);
      if (res.status === 200 && String(res.headers['content-type']).includes('json')) {
        // Every count of open requests is MPS's own: none pending on the road.
        const counts = [...text.matchAll(/"openReviewCount":(\d+)/g)].map((m) => Number(m[1]));
        if (counts.some((n) => n !== 0))
          leaks.push(`${call.method} ${call.url}: openReviewCount ${counts}`);
      }
    }
    expect(leaks).toEqual([]);
    // The walk read what MPS may read, and was refused the rest.
    expect(statuses.get(`GET /api/guidelines/${ids.road}/versions/2`)).toBe(200);
    expect(statuses.get(`GET /api/guidelines/${ids.road}/comment-matrix?format=docx`)).toBe(200);
    expect(statuses.get(`GET /api/guidelines/${ids.road}/versions/2/document?format=docx`)).toBe(
      200,
    );
    expect(statuses.get(`GET /api/reviews/${ids.mpsReview}`)).toBe(200);
    expect(statuses.get(`GET /api/guidelines/${ids.other}`)).toBe(404);
    expect(statuses.get(`GET /api/guidelines/${ids.road}/versions/1`)).toBe(404);
    expect(statuses.get(`GET /api/reviews/${ids.otherReviews[0]}`)).toBe(404);
    expect(statuses.get(`GET /api/comments/${ids.councilComment}`)).toBe(404);
  });
});
