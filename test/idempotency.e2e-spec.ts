import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../src/court/roles';
import { lockWaitSeen } from './support/lock-waits';
import {
  auth,
  guidelineAtCouncil,
  localDay,
  move,
  reviewersOf,
  reviewRequests,
} from './support/review-road';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const SECTIONS = [
  { key: 'hearing', heading: 'Hearing', body: 'Victims are heard in a separate room.' },
  { key: 'privacy', heading: 'Privacy', body: 'Hearings with child victims may be closed.' },
];

/**
 * Idempotency-Key on the routes that create things: a client that did not get (or did not trust)
 * its answer retries with the same key and makes nothing twice. The app reaches PostgreSQL
 * through a proxy this test can cut, for the answer that is a 503.
 */
describe('idempotent writes', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let secretariat: TestUser;
  let judge: TestUser;
  let otherJudge: TestUser;
  let guidelineId: string;

  beforeAll(async () => {
    proxy = await new TcpProxy('127.0.0.1', 5432).start();
    t = await startTestApp(
      'idempotency',
      {},
      {
        mapDatabaseUrl: (url) => {
          const viaProxy = new URL(url);
          viaProxy.port = String(proxy.port);
          return viaProxy.toString();
        },
      },
    );
    secretariat = await t.user(Role.SECRETARIAT);
    judge = await t.user(Role.JUDGE);
    otherJudge = await t.user(Role.JUDGE, { locale: 'lo' });
    guidelineId = await newGuideline();
  }, 120_000);
  afterAll(async () => {
    proxy?.restore();
    await t?.close();
    await proxy?.stop();
  });

  let seq = 0;
  async function newGuideline(): Promise<string> {
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(auth(secretariat))
      .send({ code: `IK-${++seq}-${Date.now().toString(36)}`, title: { en: 'G', lo: 'ຂ' } });
    expect(g.status).toBe(201);
    await t
      .http()
      .post(`/api/guidelines/${g.body.id}/versions`)
      .set(auth(secretariat))
      .send({ changeSummary: 'First draft', sections: SECTIONS })
      .expect(201);
    await t.sql((c) =>
      c.query(`UPDATE guidelines SET stage = 'CONSULTATION' WHERE id = $1`, [g.body.id]),
    );
    return g.body.id as string;
  }

  const comment = (user: TestUser, key: string | null, body: object, id = guidelineId) => {
    const req = t.http().post(`/api/guidelines/${id}/versions/1/comments`).set(auth(user));
    if (key !== null) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const commentsWith = (text: string) =>
    t.sql(
      async (c) =>
        (await c.query(`SELECT id, parent_id FROM comments WHERE body = $1`, [text])).rows as {
          id: string;
          parent_id: string | null;
        }[],
    );

  it('the same comment POST sent twice with one key makes one comment, answered the same twice', async () => {
    const key = randomUUID();
    const body = { sectionKey: 'hearing', body: `Twice sent ${key}` };
    const first = await comment(judge, key, body);
    expect(first.status).toBe(201);
    const second = await comment(judge, key, body);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await commentsWith(body.body)).toHaveLength(1);

    // A reply the same way; the fields in another order are the same request.
    const replyKey = randomUUID();
    const reply = { body: `Reply ${replyKey}`, parentId: first.body.id };
    const r1 = await comment(otherJudge, replyKey, reply);
    const r2 = await comment(otherJudge, replyKey, { parentId: reply.parentId, body: reply.body });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body.id).toBe(r1.body.id);
    expect(await commentsWith(reply.body)).toEqual([{ id: r1.body.id, parent_id: first.body.id }]);

    // Without a key, each POST is a new comment, as before.
    const plain = { sectionKey: 'hearing', body: `No key ${key}` };
    await comment(judge, null, plain).expect(201);
    await comment(judge, null, plain).expect(201);
    expect(await commentsWith(plain.body)).toHaveLength(2);
  });

  it('the same key with another request is 422 IDEMPOTENCY_KEY_REUSED and creates nothing; keys are per caller', async () => {
    const key = randomUUID();
    const body = { sectionKey: 'hearing', body: `Kept ${key}` };
    await comment(judge, key, body).expect(201);
    const other = await comment(judge, key, { ...body, body: `Changed ${key}` });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      details: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' }],
    });
    expect(await commentsWith(`Changed ${key}`)).toHaveLength(0);
    // The same body on another guideline is another request too.
    const elsewhere = await comment(judge, key, body, await newGuideline());
    expect(elsewhere.status).toBe(422);
    // In the caller's language.
    const lao = await comment(otherJudge, key, body);
    expect(lao.status).toBe(201);
    const laoAgain = await comment(otherJudge, key, { ...body, sectionKey: 'privacy' });
    expect(laoAgain.body.message).toMatch(/^Idempotency-Key ນີ້ຖືກໃຊ້ກັບຄຳຮ້ອງອື່ນແລ້ວ/);
    expect(await commentsWith(body.body)).toHaveLength(2);

    for (const bad of ['', 'has space', 'x'.repeat(256), 'clé']) {
      const res = await comment(judge, bad, { sectionKey: 'hearing', body: `bad key ${key}` });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('Idempotency-Key');
    }
    expect(await commentsWith(`bad key ${key}`)).toHaveLength(0);
  });

  it('requests racing with one key make one comment and all get its answer', async () => {
    const key = randomUUID();
    const body = { sectionKey: 'privacy', body: `Raced ${key}` };
    const answers = await Promise.all(Array.from({ length: 6 }, () => comment(judge, key, body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await commentsWith(body.body)).toHaveLength(1);
  });

  /** Holds the guideline's row so a comment's transaction waits inside, after claiming its key. */
  async function holdGuideline(id: string): Promise<Client> {
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM guidelines WHERE id = $1 FOR UPDATE`, [id]);
    return holder;
  }

  it('a 503 answer followed by a retry with the same key makes one comment', async () => {
    const key = randomUUID();
    const body = { sectionKey: 'hearing', body: `Through a fault ${key}` };
    const holder = await holdGuideline(guidelineId);
    let cut: Awaited<ReturnType<typeof comment>>;
    try {
      const pending = comment(judge, key, body).then((res) => res);
      await lockWaitSeen(t.sql, 'FOR SHARE OF g');
      // The database goes away under the waiting write: its transaction never commits.
      proxy.cut();
      cut = await pending;
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(cut.status).toBe(503);
    proxy.restore();
    const retry = await comment(judge, key, body);
    expect(retry.status).toBe(201);
    const again = await comment(judge, key, body);
    expect(again.body.id).toBe(retry.body.id);
    expect(await commentsWith(body.body)).toHaveLength(1);
  });

  it('an answer the client never saw: the retry waits for the first write and gets its answer', async () => {
    const key = randomUUID();
    const body = { sectionKey: 'privacy', body: `Gave up waiting ${key}` };
    const holder = await holdGuideline(guidelineId);
    let retried: Promise<Awaited<ReturnType<typeof comment>>>;
    try {
      // The client gives up on its first POST while the write still waits for the lock.
      const gaveUp = comment(judge, key, body)
        .timeout(2_000)
        .then(
          () => 'answered',
          (error: Error & { timeout?: number }) => (error.timeout ? 'timed out' : error.message),
        );
      await lockWaitSeen(t.sql, 'FOR SHARE OF g');
      await expect(gaveUp).resolves.toBe('timed out');
      // Its retry waits on the key the first write holds.
      retried = comment(judge, key, body).then((res) => res);
      await lockWaitSeen(t.sql, 'INSERT INTO idempotency_keys');
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    const answer = await retried;
    expect(answer.status).toBe(201);
    const rows = await commentsWith(body.body);
    expect(rows).toHaveLength(1);
    expect(answer.body.id).toBe(rows[0].id);
  });

  it('versions, events, transitions and review answers take a key too', async () => {
    const key = () => randomUUID();
    const publish = (k: string, id: string) =>
      t
        .http()
        .post(`/api/guidelines/${id}/versions`)
        .set(auth(secretariat))
        .set('Idempotency-Key', k)
        .send({ changeSummary: 'Second draft', sections: SECTIONS.slice(0, 1) });
    const g = await newGuideline();
    await t.sql((c) => c.query(`UPDATE guidelines SET stage = 'DRAFTING' WHERE id = $1`, [g]));
    const vk = key();
    const v1 = await publish(vk, g);
    const v2 = await publish(vk, g);
    expect([v1.status, v2.status]).toEqual([201, 201]);
    expect([v1.body.number, v2.body.number]).toEqual([2, 2]);
    const versions = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM guideline_versions WHERE guideline_id = $1`,
            [g],
          )
        ).rows[0].n,
    );
    expect(versions).toBe(2);

    const event = {
      guidelineId: g,
      title: `Workshop ${vk}`,
      date: '2026-03-10',
      location: 'Vientiane Capital',
      kind: 'WORKSHOP',
      participants: { female: 6, male: 23, other: 0 },
      institutions: [{ category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 29 }],
    };
    const ek = key();
    const postEvent = () =>
      t.http().post('/api/events').set(auth(secretariat)).set('Idempotency-Key', ek).send(event);
    const e1 = await postEvent();
    const e2 = await postEvent();
    expect([e1.status, e2.status]).toEqual([201, 201]);
    expect(e2.body.id).toBe(e1.body.id);
    const events = await t.sql(
      async (c) =>
        (
          await c.query(`SELECT count(*)::int AS n FROM consultation_events WHERE title = $1`, [
            event.title,
          ])
        ).rows[0].n,
    );
    expect(events).toBe(1);

    // A move retried with its key is answered as the first time, not refused as stale.
    const reviewed = await guidelineAtCouncil(t, secretariat);
    const reviewers = await reviewersOf(t, { MOJ: 'en' });
    const mk = key();
    const moveBody = {
      to: 'INTERAGENCY_REVIEW',
      expectedStage: 'COUNCIL_OF_JUDGES',
      reviewDueAt: localDay(10),
      agencies: ['MOJ'],
    };
    const moveOnce = () =>
      t
        .http()
        .post(`/api/guidelines/${reviewed}/transitions`)
        .set(auth(secretariat))
        .set('Idempotency-Key', mk)
        .send(moveBody);
    const m1 = await moveOnce();
    const m2 = await moveOnce();
    expect([m1.status, m2.status]).toEqual([200, 200]);
    expect(m2.body).toEqual(m1.body);
    const moves = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM stage_transitions WHERE guideline_id = $1 AND to_stage = 'INTERAGENCY_REVIEW'`,
            [reviewed],
          )
        ).rows[0].n,
    );
    expect(moves).toBe(1);
    // Without the key, the same move again is stale.
    await expect(move(t, secretariat, reviewed, moveBody)).rejects.toThrow(/409/);

    const [request] = await reviewRequests(t, reviewed);
    const ak = key();
    const answer = {
      decision: 'APPROVE_WITH_COMMENTS',
      comments: 'Article 1 should name the interpreter service.',
      signatory: { name: 'Khamla S.', title: 'Director-General' },
    };
    const respond = () =>
      t
        .http()
        .post(`/api/reviews/${request.id}/response`)
        .set(auth(reviewers.MOJ))
        .set('Idempotency-Key', ak)
        .send(answer);
    const a1 = await respond();
    const a2 = await respond();
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a2.body).toEqual(a1.body);
    expect(a1.body.status).toBe('ANSWERED');
    // Without the key, a second answer is refused as before.
    const plain = await t
      .http()
      .post(`/api/reviews/${request.id}/response`)
      .set(auth(reviewers.MOJ))
      .send(answer);
    expect(plain.status).toBe(409);
  });
});
