// `npm run bench`: the service's figures beside the raw limits of this machine, in one run.
// Starts the compiled service on a fresh database, loads a realistic data set, measures every
// figure of issue 14 with its baseline (the five ratios to raw PostgreSQL and BullMQ, idle memory,
// the 90,000-key sign-in body, the 99,000-character diff, the exports and pages at 20,000
// comments), prints a table with the machine's load average and writes bench/results.json.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { Job, Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Env, validateEnv } from '../src/config/env';
import { ReminderPlanner } from '../src/reminders/reminder-planner.service';
import { ReviewRequestsService } from '../src/reviews/review-requests.service';
import { ReminderSweep } from '../src/workers/reminder-sweep';
import {
  api,
  cpuMs,
  cpuByProgram,
  cpuSpent,
  dropDatabase,
  freePort,
  freshDatabase,
  percentile,
  REDIS_URL,
  rssMb,
  ServiceProcess,
  sleep,
  startProcess,
  stopProcess,
  until,
  waitReady,
} from './support';

/** Production settings refuse a weak or published secret: a random one per run. */
const BENCH_SECRET = randomBytes(32).toString('hex');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 32;
const APP_POOL_SIZE = 20; // src/database/data-source-options.ts extra.max
const REVIEW_REQUESTS = 10_000;
// Reminders of figure 4: due from LATENESS_LEAD_MS on, spread evenly over LATENESS_SPREAD_MS
// (100 a second), after a warm-up round of LATENESS_WARMUP that is not counted (as for the raw side).
const LATENESS_SAMPLES = 1000;
const LATENESS_WARMUP = 50;
const LATENESS_LEAD_MS = 3000;
const LATENESS_SPREAD_MS = 10_000;
// BENCH_ONLY=reminder_planning,reminder_delay_p99 measures a subset (the data set is always loaded).
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const wanted = (id: string) => !ONLY.length || ONLY.includes(id);
const ADMIN = { email: 'bench-admin@bench.court.la', password: 'bench-admin-password' };
const PASSWORD = 'bench-user-password';

interface Figure {
  id: string;
  value: number;
  baseline: number;
  ratio: number;
  unit: string;
  target: string;
  note?: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  console.log(
    `load average at the start (1, 5, 15 min): ${loadAtStart.map((n) => n.toFixed(2)).join(', ')}`,
  );
  const runId = `bench_${Date.now().toString(36)}`;
  const databaseUrl = await freshDatabase(runId);
  const port = await freePort();
  const service = startProcess(
    'main',
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: runId,
      JWT_SECRET: BENCH_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    port,
    // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/tmp" to profile the service under load.
    (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const figures: Figure[] = [];
  const ceilings: Record<string, string> = {};
  const pool = new Pool({ connectionString: databaseUrl, max: APP_POOL_SIZE });
  try {
    await waitReady(service);
    console.log(`service up on ${service.url} (pid ${service.child.pid}), database ${runId}`);
    // 5a. Memory at rest: started, migrated, workers running, nothing asked of it yet.
    await sleep(3000);
    const rssIdle = rssMb(service.child.pid!);
    const data = await loadDataSet(service.url, pool);
    await sleep(2000);
    const rssAfterLoad = rssMb(service.child.pid!);

    // 1. POST a comment (auth, validation, stage rule, one transaction) against raw INSERTs.
    const rssSamples: number[] = [];
    if (wanted('comment_post')) {
      const sampler = setInterval(() => rssSamples.push(rssMb(service.child.pid!)), 250);
      const post = await cannon({
        url: `${service.url}/api/guidelines/${data.loadGuidelineId}/versions/1/comments`,
        method: 'POST',
        headers: { authorization: `Bearer ${data.judgeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          sectionKey: 's-001',
          body: 'ຄວນເພີ່ມການປົກປ້ອງຜູ້ເສຍຫາຍໃນຂັ້ນຕອນນີ້ (bench)',
        }),
      });
      clearInterval(sampler);
      const rawInsert = await rawLoop(pool, CONNECTIONS, DURATION_S, (client) =>
        client.query(
          `INSERT INTO comments (guideline_id, version_id, version_number, section_key, author_id, body, stage)
         VALUES ($1, $2, 1, 's-001', $3, $4, 'CONSULTATION')`,
          [
            data.loadGuidelineId,
            data.loadVersionId,
            data.judgeId,
            'ຄວນເພີ່ມການປົກປ້ອງຜູ້ເສຍຫາຍໃນຂັ້ນຕອນນີ້ (raw)',
          ],
        ),
      );
      // What this machine lets any request cost: the same POST refused by validation (auth and
      // validation, no database), and the liveness route (the HTTP stack alone).
      const refused = await cannon(
        {
          url: `${service.url}/api/guidelines/${data.loadGuidelineId}/versions/1/comments`,
          method: 'POST',
          headers: {
            authorization: `Bearer ${data.judgeToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ sectionKey: 's-001' }),
        },
        400,
      );
      const live = await cannon({ url: `${service.url}/health/live`, method: 'GET' });
      ceilings.http_ceiling =
        `POST refused by validation (no database): ${round(refused.rps)} requests/s ` +
        `(${round(refused.rps / rawInsert.rps, 3)} of the raw INSERTs); ` +
        `GET /health/live: ${round(live.rps)} requests/s`;
      figures.push({
        id: 'comment_post',
        value: round(post.rps),
        baseline: round(rawInsert.rps),
        ratio: round(post.rps / rawInsert.rps, 3),
        unit: 'requests/s',
        target: '>= 0.5',
        note: `API p50 ${post.p50} ms, p99 ${post.p99} ms, ${post.non2xx} non-2xx`,
      });
    }

    // 2. GET a version of 200 sections whose counts cover 2,000 comments, against hand-written SQL.
    if (wanted('version_read')) {
      // Both sides read settled comments: figure 1 has just inserted thousands of them, and an
      // autovacuum landing in one side's run only would tilt the comparison.
      await pool.query('VACUUM (ANALYZE) comments');
      const read = await cannon({
        url: `${service.url}/api/guidelines/${data.readGuidelineId}/versions/1`,
        method: 'GET',
        headers: { authorization: `Bearer ${data.judgeToken}` },
      });
      const rawRead = await rawLoop(pool, CONNECTIONS, DURATION_S, async (client) => {
        await client.query(
          `SELECT v.*, g.stage AS guideline_stage FROM guideline_versions v JOIN guidelines g ON g.id = v.guideline_id
         WHERE v.guideline_id = $1 AND v.number = 1`,
          [data.readGuidelineId],
        );
        await client.query(
          `SELECT s.position, s.key, s.kind, s.heading, s.body, s.indicator_code, s.indicator_category,
                coalesce(c.total, 0) AS comment_count, coalesce(c.open, 0) AS open_count
         FROM version_sections s
         LEFT JOIN (
           SELECT section_key, count(*) AS total,
                  count(*) FILTER (WHERE parent_id IS NULL AND disposition_status IS NULL) AS open
           FROM comments WHERE version_id = $1 AND deleted_at IS NULL GROUP BY section_key
         ) c ON c.section_key = s.key
         WHERE s.version_id = $1 ORDER BY s.position`,
          [data.readVersionId],
        );
      });
      figures.push({
        id: 'version_read',
        value: round(read.rps),
        baseline: round(rawRead.rps),
        ratio: round(read.rps / rawRead.rps, 3),
        unit: 'requests/s',
        target: '>= 0.6',
        note: `API p50 ${read.p50} ms, p99 ${read.p99} ms; raw p50 ${rawRead.p50} ms, p99 ${rawRead.p99} ms`,
      });
    }

    // 8-9. Bounds on the work of one request: a sign-in body of 90,000 unknown keys, and the
    // word diff of 9 sections of 99,000 characters with thousands of scattered edits.
    if (wanted('login_90k_keys_ms') || wanted('diff_99k_cpu_ms')) {
      figures.push(...(await measureBounds(service, data)));
    }

    // 5-7. Exports and pages at 20,000 comments: the event loop while a matrix DOCX renders, the
    // DOCX's own time, and the first page of comments at 20,000 against 2,000.
    if (
      wanted('export_stall_ms') ||
      wanted('matrix_docx_20k_ms') ||
      wanted('comments_page_growth')
    ) {
      figures.push(...(await measureExports(service.url, pool, data)));
    }

    // 3 and 4 run the service's own planning code in this process (workers off here): the
    // service's relay publishes what it writes.
    const env = validateEnv({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: runId,
      JWT_SECRET: BENCH_SECRET,
      WORKERS: 'off',
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'warn',
    });
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(env), {
      logger: ['error', 'warn'],
    });
    try {
      if (
        wanted('reminder_planning') ||
        wanted('reminder_queueing') ||
        wanted('reminder_delay_p99')
      ) {
        const processes = { service: service.child.pid!, bench: process.pid };
        const planning = await measurePlanning(
          context.get(DataSource),
          context.get(ReviewRequestsService),
          pool,
          data,
          processes,
        );
        // The service's workers first finish the 2,500 'review requested' events (one per move)
        // the moves queued, so each figure has the machine as quiet as the raw side has it.
        await drained(runId);
        const queueing = await measureQueueing(
          context.get(DataSource),
          context.get(ReminderPlanner),
          env,
          pool,
          planning.requestIds,
          processes,
        );
        await drained(runId);
        const rawPlanning = await rawAddBulk(planning.reminders, `${runId}-raw`);
        const bothSeconds =
          planning.reminders / planning.perSecond + queueing.jobs / queueing.jobsPerSecond;
        figures.push({
          id: 'reminder_planning',
          value: round(planning.perSecond),
          baseline: round(rawPlanning),
          ratio: round(planning.perSecond / rawPlanning, 3),
          unit: 'reminders/s',
          target: '>= 0.5',
          note: `${REVIEW_REQUESTS} requests with ${planning.reminders} reminders planned in ${planning.ms} ms; due in 23-33 days, none within the ${env.REMINDER_HORIZON_HOURS}-hour horizon, so none has its job yet: reminder_queueing has those`,
        });
        figures.push({
          id: 'reminder_queueing',
          value: round(queueing.jobsPerSecond),
          baseline: round(rawPlanning),
          ratio: round(queueing.jobsPerSecond / rawPlanning, 3),
          unit: 'jobs/s',
          target: '>= 0.5',
          note: `the same ${queueing.jobs} reminders coming within the horizon: the sweep writes their jobs to the outbox, the relay adds them to BullMQ (${queueing.ms} ms); planning and queueing together ${round(planning.reminders / bothSeconds)} reminders/s, ${round(planning.reminders / bothSeconds / rawPlanning, 3)} of the raw addBulk`,
        });

        const lateness = await measureLateness(
          context.get(DataSource),
          context.get(ReminderPlanner),
          pool,
        );
        const rawLateness = await rawDelayedLateness(`${runId}-rawdelay`);
        figures.push({
          id: 'reminder_delay_p99',
          value: lateness.p99,
          baseline: rawLateness.p99,
          ratio: round(rawLateness.p99 / Math.max(lateness.p99, 1), 3),
          unit: 'ms',
          target: 'value <= baseline (ratio >= 1)',
          note: `service p50 ${lateness.p50} ms; raw BullMQ p50 ${rawLateness.p50} ms, p99 ${rawLateness.p99} ms (${LATENESS_SAMPLES} reminders over ${LATENESS_SPREAD_MS / 1000} s after ${LATENESS_WARMUP} not counted)`,
        });
      }
    } finally {
      await context.close();
    }

    const rssLoad = rssSamples.length ? Math.max(...rssSamples) : NaN;
    figures.push({
      id: 'rss_idle_mb',
      value: rssIdle,
      baseline: 200,
      ratio: round(200 / rssIdle, 3),
      unit: 'MB',
      target: '< 200 MB idle',
      note: `after the data load ${rssAfterLoad} MB; under the load of figure 1: ${rssLoad} MB (peak)`,
    });

    printTable(figures);
    console.log(
      `load average at the end (1, 5, 15 min): ${loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')}`,
    );
    for (const [key, text] of Object.entries(ceilings)) console.log(`${key}: ${text}`);
    const out = join(__dirname, 'results.json');
    writeFileSync(
      out,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: {
            cpus: cpus().length,
            node: process.version,
            loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
          },
          settings: {
            durationSeconds: DURATION_S,
            connections: CONNECTIONS,
            poolSize: APP_POOL_SIZE,
          },
          figures: figures.map(({ id, value, baseline, ratio, unit }) => ({
            id,
            value,
            baseline,
            ratio,
            unit,
          })),
          notes: Object.fromEntries(figures.map((f) => [f.id, `${f.target}; ${f.note ?? ''}`])),
          context: ceilings,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nwritten ${out}`);
  } finally {
    await pool.end();
    await stopProcess(service);
    await obliterate(runId);
    await dropDatabase(runId);
  }
}

export interface DataSet {
  judgeToken: string;
  secretaryToken: string;
  judgeId: string;
  secretaryId: string;
  readGuidelineId: string;
  readVersionId: string;
  loadGuidelineId: string;
  loadVersionId: string;
  /** Two more guidelines of 20 sections (for the export figures). */
  spareGuidelineIds: string[];
}

/** 20 guidelines through the API; one version of 200 sections with 2,000 comments (+ replies). */
export async function loadDataSet(baseUrl: string, pool: Pool): Promise<DataSet> {
  const anon = api(baseUrl);
  const adminToken = (await anon('POST', '/api/auth/login', ADMIN)).body.accessToken as string;
  const asAdmin = api(baseUrl, adminToken);
  const secretary = await asAdmin('POST', '/api/users', {
    email: 'secretariat@bench.court.la',
    name: 'Bench Secretariat',
    password: PASSWORD,
    role: 'SECRETARIAT',
    locale: 'lo',
  });
  const judge = await asAdmin('POST', '/api/users', {
    email: 'judge@bench.court.la',
    name: 'Bench Judge',
    password: PASSWORD,
    role: 'JUDGE',
    locale: 'lo',
    committees: ['TWG'],
  });
  for (const agency of ['MOFA', 'MOJ', 'OSPP', 'MPS']) {
    await asAdmin('POST', '/api/users', {
      email: `reviewer.${agency.toLowerCase()}@bench.court.la`,
      name: `Reviewer ${agency}`,
      password: PASSWORD,
      role: 'AGENCY_REVIEWER',
      agencyCode: agency,
      locale: 'en',
    });
  }
  const secToken = (
    await anon('POST', '/api/auth/login', {
      email: 'secretariat@bench.court.la',
      password: PASSWORD,
    })
  ).body.accessToken;
  const judgeToken = (
    await anon('POST', '/api/auth/login', { email: 'judge@bench.court.la', password: PASSWORD })
  ).body.accessToken;
  const asSec = api(baseUrl, secToken);
  const asJudge = api(baseUrl, judgeToken);

  const sections = Array.from({ length: 200 }, (_, i) => ({
    key: `s-${String(i + 1).padStart(3, '0')}`,
    heading: i % 2 ? `Article ${i + 1}: treatment of victims` : `ມາດຕາ ${i + 1}: ການປະຕິບັດຕໍ່ຜູ້ເສຍຫາຍ`,
    body:
      i % 2
        ? 'Judges shall ensure that a trafficked victim is heard in a separate room, with a support person, and is never confronted with the accused without consent. '.repeat(
            3,
          )
        : 'ຜູ້ພິພາກສາຕ້ອງຮັບປະກັນໃຫ້ຜູ້ເສຍຫາຍຈາກການຄ້າມະນຸດໄດ້ຮັບການຮັບຟັງໃນຫ້ອງແຍກຕ່າງຫາກ ພ້ອມດ້ວຍຜູ້ໃຫ້ການຊ່ວຍເຫຼືອ. '.repeat(
            3,
          ),
  }));
  const guidelineIds: string[] = [];
  for (let g = 0; g < 20; g += 1) {
    const created = await asSec('POST', '/api/guidelines', {
      code: `VSC-BENCH-${g + 1}`,
      title: {
        en: `Victim-sensitive court guideline ${g + 1}`,
        lo: `ຂໍ້ແນະນຳສານທີ່ອ່ອນໄຫວຕໍ່ຜູ້ເສຍຫາຍ ${g + 1}`,
      },
    });
    if (created.status !== 201) throw new Error(`guideline: ${JSON.stringify(created.body)}`);
    guidelineIds.push(created.body.id);
    const version = await asSec('POST', `/api/guidelines/${created.body.id}/versions`, {
      changeSummary: 'First draft',
      sections: g < 2 ? sections : sections.slice(0, 20),
    });
    if (version.status !== 201) throw new Error(`version: ${JSON.stringify(version.body)}`);
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const moved = await asSec('POST', `/api/guidelines/${created.body.id}/transitions`, {
      to: 'CONSULTATION',
      consultationClosesAt: closes,
    });
    if (moved.status !== 200) throw new Error(`move: ${JSON.stringify(moved.body)}`);
  }
  const [readGuidelineId, loadGuidelineId] = guidelineIds;
  const versionId = async (guidelineId: string) =>
    (
      await pool.query(`SELECT id FROM guideline_versions WHERE guideline_id = $1 AND number = 1`, [
        guidelineId,
      ])
    ).rows[0].id as string;

  // 2,000 top-level comments through the API (spread over the sections), and 500 replies.
  const readVersionId = await versionId(readGuidelineId);
  const ids: string[] = [];
  await runConcurrently(2000, 16, async (i) => {
    const res = await asJudge('POST', `/api/guidelines/${readGuidelineId}/versions/1/comments`, {
      sectionKey: sections[i % 200].key,
      body: `${i % 2 ? 'Please add a support person here.' : 'ຄວນລະບຸສິດຂອງຜູ້ເສຍຫາຍໃຫ້ຈະແຈ້ງ.'} #${i}`,
    });
    if (res.status !== 201) throw new Error(`comment: ${JSON.stringify(res.body)}`);
    ids.push(res.body.id);
  });
  await runConcurrently(500, 16, async (i) => {
    const res = await asJudge('POST', `/api/guidelines/${readGuidelineId}/versions/1/comments`, {
      parentId: ids[i],
      body: `Agreed (${i}).`,
    });
    if (res.status !== 201) throw new Error(`reply: ${JSON.stringify(res.body)}`);
  });
  console.log(
    'data set: 20 guidelines, 2 versions of 200 sections, 2,000 comments + 500 replies, 6 users',
  );
  return {
    judgeToken,
    secretaryToken: secToken,
    judgeId: judge.body.id,
    secretaryId: secretary.body.id,
    readGuidelineId,
    readVersionId,
    loadGuidelineId,
    loadVersionId: await versionId(loadGuidelineId),
    spareGuidelineIds: guidelineIds.slice(2, 4),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds of one GET, the body read to its end; throws unless 200. */
async function timedGet(url: string, token: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return performance.now() - started;
}

/** Latencies of GET /health/live asked every 50 ms until `done` settles (or for `idleMs`). */
async function sampleLiveness(baseUrl: string, done: Promise<unknown> | number): Promise<number[]> {
  const samples: number[] = [];
  const inFlight: Promise<void>[] = [];
  let stop = false;
  const timer = setInterval(() => {
    if (stop) return;
    const started = performance.now();
    inFlight.push(
      fetch(`${baseUrl}/health/live`)
        .then((res) => res.arrayBuffer())
        .then(() => {
          samples.push(performance.now() - started);
        }),
    );
  }, 50);
  await (typeof done === 'number' ? sleep(done) : done);
  stop = true;
  clearInterval(timer);
  await Promise.all(inFlight);
  return samples;
}

/**
 * 20,000 comments on one version (nine in ten in its first section) and 2,000 on another, written
 * by SQL; then the three export and page figures of issue 14.
 */
async function measureExports(baseUrl: string, pool: Pool, data: DataSet): Promise<Figure[]> {
  const [large, small] = data.spareGuidelineIds;
  for (const [guidelineId, count] of [
    [large, 20_000],
    [small, 2_000],
  ] as const) {
    await pool.query(
      `INSERT INTO comments (guideline_id, version_id, version_number, section_key, author_id,
                             body, stage, disposition_status, disposition_response, created_at)
       SELECT v.guideline_id, v.id, 1, s.key, $2,
              CASE WHEN n % 2 = 0 THEN 'ຄວນລະບຸສິດຂອງຜູ້ເສຍຫາຍໃຫ້ຈະແຈ້ງ ແລະ ເພີ່ມຜູ້ໃຫ້ການຊ່ວຍເຫຼືອ #' || n
                   ELSE 'Please add a support person and an interpreter at every hearing #' || n END,
              'CONSULTATION',
              CASE WHEN n % 3 = 0 THEN 'ACCEPTED' END,
              CASE WHEN n % 3 = 0 THEN 'ເພີ່ມແລ້ວໃນສະບັບທີ 2' END,
              now() - n * interval '1 second'
         FROM generate_series(1, $3) AS n
         JOIN guideline_versions v ON v.guideline_id = $1 AND v.number = 1
         JOIN version_sections s ON s.version_id = v.id
          AND s.position = CASE WHEN n % 10 = 0 THEN n % 20 ELSE 0 END`,
      [guidelineId, data.judgeId, count],
    );
  }
  await pool.query('VACUUM (ANALYZE) comments');
  const figures: Figure[] = [];
  const token = data.judgeToken;
  const page = (g: string) => `${baseUrl}/api/guidelines/${g}/versions/1/comments?limit=50`;
  if (wanted('comments_page_growth')) {
    const times: Record<string, number> = {};
    for (const g of [small, large]) {
      for (let i = 0; i < 5; i++) await timedGet(page(g), token);
      const runs: number[] = [];
      for (let i = 0; i < 31; i++) runs.push(await timedGet(page(g), token));
      times[g] = median(runs);
    }
    figures.push({
      id: 'comments_page_growth',
      value: round(times[large], 2),
      baseline: round(times[small], 2),
      ratio: round(times[large] / times[small], 3),
      unit: 'ms',
      target: 'ratio <= 1.5',
      note: 'first page of 50 comments, median of 31, at 20,000 comments (value) and 2,000 (baseline)',
    });
  }
  const docx = (g: string) =>
    `${baseUrl}/api/guidelines/${g}/comment-matrix?format=docx&version=1&locale=lo`;
  if (wanted('matrix_docx_20k_ms')) {
    await timedGet(docx(small), token); // starts the export thread
    const atSmall = median(await runs(3, () => timedGet(docx(small), token)));
    const atLarge = median(await runs(3, () => timedGet(docx(large), token)));
    figures.push({
      id: 'matrix_docx_20k_ms',
      value: Math.round(atLarge),
      baseline: Math.round(atSmall),
      ratio: round(atLarge / atSmall, 2),
      unit: 'ms',
      target: 'value < 5000 ms',
      note: 'comment matrix DOCX of one version, median of 3: 20,000 comments (value), 2,000 (baseline); ratio 10 = linear',
    });
  }
  if (wanted('export_stall_ms')) {
    // Three renders one after another, so the p99 rests on some 170 samples rather than on the
    // one worst of 50 (a render takes about 3 s); the idle baseline as long.
    const idle = (await sampleLiveness(baseUrl, 10_000)).sort((a, b) => a - b);
    const renders: number[] = [];
    // The service's own event-loop delay (prom-client's monitorEventLoopDelay, reset by each
    // scrape of /metrics): scraped once before the renders and once after, it tells a blocked
    // event loop from a slow machine or client.
    await eventLoopLag(baseUrl);
    const rendering = (async () => {
      for (let i = 0; i < 3; i++) renders.push(await timedGet(docx(large), token));
    })();
    const during = (await sampleLiveness(baseUrl, rendering)).sort((a, b) => a - b);
    await rendering;
    const lag = await eventLoopLag(baseUrl);
    figures.push({
      id: 'export_stall_ms',
      value: round(percentile(during, 99), 1),
      baseline: round(percentile(idle, 99), 1),
      ratio: round(percentile(during, 99) / Math.max(percentile(idle, 99), 0.1), 2),
      unit: 'ms',
      target: 'value < 100 ms',
      note: `p99 of GET /health/live every 50 ms: ${during.length} samples while a 20,000-comment matrix DOCX rendered three times (${renders.map((ms) => Math.round(ms)).join(', ')} ms), ${idle.length} idle (baseline); p50 ${round(percentile(during, 50), 1)} ms, max ${round(during[during.length - 1], 1)} ms; the service's event-loop delay meanwhile p99 ${lag.p99} ms, max ${lag.max} ms`,
    });
  }
  return figures;
}

/** The service's event-loop delay since the last scrape of /metrics (p99 and max, in ms). */
async function eventLoopLag(baseUrl: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const read = (name: string) =>
    round(Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000, 1);
  return {
    p99: read('nodejs_eventloop_lag_p99_seconds'),
    max: read('nodejs_eventloop_lag_max_seconds'),
  };
}

/** A POST of raw text: milliseconds until the answer's last byte, the status and the answer's size. */
async function timedPost(
  url: string,
  body: string,
): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, status: res.status, bytes };
}

const DIFF_WORDS = [
  'court',
  'victim',
  'the',
  'interpreter',
  'shall',
  'protect',
  'hearing',
  'of',
  'and',
];

/** `length` characters of words, the same for the same seed (test/diff-budget.e2e-spec.ts). */
function diffText(seed: number, length: number): string {
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += `${DIFF_WORDS[x % DIFF_WORDS.length]} `;
  }
  return s.slice(0, length);
}

/**
 * Figures 8 and 9 of issue 14. The sign-in body of 90,000 unknown keys (955 KB), median of 5,
 * beside a one-byte malformed body (the HTTP stack's own refusal, before any route); its answer's
 * size beside that one's. The service's CPU (all its threads, from /proc) for the word diff of two
 * versions of 9 sections of 99,000 characters with every tenth word changed, beside the same diff
 * asked again (read back from version_diffs).
 */
async function measureBounds(service: ServiceProcess, data: DataSet): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (wanted('login_90k_keys_ms')) {
    const keys = Object.fromEntries(
      Array.from({ length: 90_000 }, (_, i) => [`k${String(i).padStart(5, '0')}`, 1]),
    );
    const body = JSON.stringify({ email: 'nobody@bench.court.la', password: 'x', ...keys });
    const login = `${service.url}/api/auth/login`;
    let bigBytes = 0;
    const bigRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await timedPost(login, body);
      if (r.status !== 413 && r.status !== 400) throw new Error(`90,000 keys: ${r.status}`);
      bigRuns.push(r.ms);
      bigBytes = r.bytes;
    }
    let smallBytes = 0;
    const smallRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await timedPost(login, '{');
      if (r.status !== 400) throw new Error(`malformed body: ${r.status}`);
      smallRuns.push(r.ms);
      smallBytes = r.bytes;
    }
    figures.push({
      id: 'login_90k_keys_ms',
      value: round(median(bigRuns), 1),
      baseline: round(median(smallRuns), 1),
      ratio: round(median(bigRuns) / median(smallRuns), 2),
      unit: 'ms',
      target: 'value < 50 ms',
      note: `POST /api/auth/login without a token, ${Math.round(body.length / 1000)} KB of 90,000 unknown keys, median of 5 (value); a one-byte malformed body (baseline)`,
    });
    figures.push({
      id: 'login_90k_keys_answer_bytes',
      value: bigBytes,
      baseline: smallBytes,
      ratio: round(bigBytes / smallBytes, 2),
      unit: 'bytes',
      target: 'a small answer (was 5.5 MB)',
      note: 'the answer to the 90,000-key body (value), to the malformed body (baseline)',
    });
  }
  if (wanted('diff_99k_cpu_ms')) {
    const asSec = api(service.url, data.secretaryToken);
    const g = await asSec('POST', '/api/guidelines', {
      code: 'VSC-BENCH-DIFF',
      title: { en: 'Diff bound', lo: 'ຂອບເຂດ' },
    });
    if (g.status !== 201) throw new Error(`guideline: ${JSON.stringify(g.body)}`);
    const bodies = Array.from({ length: 9 }, (_, i) => diffText(i + 1, 99_000));
    const scattered = (body: string) =>
      body
        .split(' ')
        .map((w, i) => (i % 10 === 5 ? w.toUpperCase() : w))
        .join(' ');
    for (const [n, texts] of [bodies, bodies.map(scattered)].entries()) {
      const v = await asSec('POST', `/api/guidelines/${g.body.id}/versions`, {
        changeSummary: `long ${n + 1}`,
        sections: texts.map((body, i) => ({
          key: `art-${i + 1}`,
          heading: `Article ${i + 1}`,
          body,
        })),
      });
      if (v.status !== 201) throw new Error(`version: ${v.status} ${JSON.stringify(v.body)}`);
    }
    const diffUrl = `${service.url}/api/guidelines/${g.body.id}/versions/2/diff`;
    const cpuOf = async () => {
      await sleep(500); // the service settles (no request of this bench in flight)
      const before = cpuMs(service.child.pid!);
      const ms = await timedGet(diffUrl, data.judgeToken);
      return { cpu: cpuMs(service.child.pid!) - before, ms };
    };
    const first = await cpuOf();
    const kept = await cpuOf();
    figures.push({
      id: 'diff_99k_cpu_ms',
      value: first.cpu,
      baseline: kept.cpu,
      ratio: round(first.cpu / Math.max(kept.cpu, 10), 2),
      unit: 'ms CPU',
      target: 'value < 200 ms CPU',
      note: `GET …/versions/2/diff of 9 sections of 99,000 characters, every tenth word changed: the service's CPU (all threads, 10 ms ticks) computing it (value, ${Math.round(first.ms)} ms wall) and reading the kept diff (baseline, ${Math.round(kept.ms)} ms wall)`,
    });
  }
  return figures;
}

async function runs(count: number, run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await run());
  return out;
}

async function runConcurrently(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** Load at CONNECTIONS connections; every answer must have `status` (2xx by default). */
async function cannon(options: autocannon.Options, status?: number): Promise<LoadResult> {
  // Warm-up so the JIT and the pools are in their steady state.
  await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
  const unexpected = status
    ? result.requests.total - (result.statusCodeStats?.[String(status) as '400']?.count ?? 0)
    : result.non2xx;
  if (result.errors || unexpected > result.requests.total * 0.01) {
    throw new Error(
      `load test of ${options.url}: ${result.errors} errors, ${unexpected} unexpected answers`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** The same statements straight through pg, CONNECTIONS loops sharing a pool of the app's size. */
async function rawLoop(
  pool: Pool,
  loops: number,
  seconds: number,
  statement: (client: Pool) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < end) {
        const start = process.hrtime.bigint();
        await statement(pool);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: round(percentile(latencies, 50), 2),
    p99: round(percentile(latencies, 99), 2),
    non2xx: 0,
  };
}

/**
 * Opens 10,000 review requests with the service's own code (2,500 guidelines x the four agencies,
 * in transactions of one guideline each, 8 at a time) and waits until the service's relay has
 * published every reminder job to BullMQ.
 */
async function measurePlanning(
  dataSource: DataSource,
  reviews: ReviewRequestsService,
  pool: Pool,
  data: DataSet,
  processes: Record<string, number>,
): Promise<{ requestIds: string[]; reminders: number; perSecond: number; ms: number }> {
  const guidelines = REVIEW_REQUESTS / 4;
  // Guidelines with one (empty) version and the move into review each, loaded with SQL: planning is what is measured.
  await pool.query(
    `WITH g AS (
       INSERT INTO guidelines (code, title_en, title_lo, stage, current_version_number, created_by)
       SELECT 'VSC-REVIEW-' || n, 'Review load ' || n, 'ທົດສອບ ' || n, 'INTERAGENCY_REVIEW', 1, $1
       FROM generate_series(1, $2) AS n RETURNING id
     ), v AS (
       INSERT INTO guideline_versions (guideline_id, number, stage, change_summary, content_hash, section_count, published_by)
       SELECT id, 1, 'DRAFTING', 'load', repeat('0', 64), 0, $1 FROM g
     )
     INSERT INTO stage_transitions (guideline_id, from_stage, to_stage, actor_id, version_number, reason)
     SELECT id, 'COUNCIL_OF_JUDGES', 'INTERAGENCY_REVIEW', $1, 1, 'bench' FROM g`,
    [data.secretaryId, guidelines],
  );
  const targets = (
    await pool.query(
      `SELECT g.id AS guideline_id, v.id AS version_id, t.id::text AS transition_id FROM guidelines g
       JOIN guideline_versions v ON v.guideline_id = g.id
       JOIN stage_transitions t ON t.guideline_id = g.id AND t.to_stage = 'INTERAGENCY_REVIEW'
       WHERE g.code LIKE 'VSC-REVIEW-%'`,
    )
  ).rows as { guideline_id: string; version_id: string; transition_id: string }[];
  const agencyIds = (
    await pool.query(`SELECT id FROM agencies WHERE code IN ('MOFA','MOJ','OSPP','MPS')`)
  ).rows.map((r) => r.id);
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  const cpuBefore = cpuByProgram(processes);
  const started = Date.now();
  await runConcurrently(targets.length, 8, async (i) => {
    await dataSource.transaction((manager) =>
      reviews.openForVersion(manager, {
        guidelineId: targets[i].guideline_id,
        versionId: targets[i].version_id,
        versionNumber: 1,
        agencyIds,
        dueDate,
        requestedBy: data.secretaryId,
        transitionId: targets[i].transition_id,
      }),
    );
  });
  const written = Date.now() - started;
  // Jobs of reminders within the horizon (none here) are published before the figure is read.
  await reminderJobsPublished(pool);
  const ms = Date.now() - started;
  const cpu = cpuSpent(cpuBefore, cpuByProgram(processes));
  const requestIds = (
    await pool.query(
      `SELECT q.id FROM review_requests q JOIN guidelines g ON g.id = q.guideline_id
        WHERE g.code LIKE 'VSC-REVIEW-%'`,
    )
  ).rows.map((r) => r.id as string);
  const reminders = (
    await pool.query(
      `SELECT count(*)::int AS n FROM reminders WHERE review_request_id = ANY($1::uuid[])`,
      [requestIds],
    )
  ).rows[0].n as number;
  console.log(
    `planning: ${reminders} reminders of ${requestIds.length} requests written in ${written} ms, their queued jobs published after ${ms} ms; CPU (core-s) ${cpu}`,
  );
  return { requestIds, reminders, perSecond: reminders / (ms / 1000), ms };
}

/** Resolves once the relay has published every reminder job of the outbox. */
function reminderJobsPublished(pool: Pool): Promise<void> {
  return until(
    async () =>
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND queue = 'reminders'`,
        )
      ).rows[0].n === 0,
    600_000,
    'the relay to publish every reminder job',
  );
}

/**
 * The reminders of those requests coming within the horizon: the workers' sweep (its own code,
 * run here on a horizon 40 days on) writes their jobs to the outbox, and the service's relay
 * publishes them to BullMQ; timed until the last one is published.
 */
async function measureQueueing(
  dataSource: DataSource,
  planner: ReminderPlanner,
  env: Env,
  pool: Pool,
  requestIds: string[],
  processes: Record<string, number>,
): Promise<{ jobs: number; jobsPerSecond: number; ms: number }> {
  const sweep = new ReminderSweep(dataSource, planner, env);
  const cpuBefore = cpuByProgram(processes);
  const started = Date.now();
  await sweep.sweep(new Date(started + 40 * 86_400_000));
  const swept = Date.now() - started;
  await reminderJobsPublished(pool);
  const ms = Date.now() - started;
  const cpu = cpuSpent(cpuBefore, cpuByProgram(processes));
  const jobs = (
    await pool.query(
      `SELECT count(*)::int AS n FROM reminders WHERE review_request_id = ANY($1::uuid[]) AND queued_at IS NOT NULL`,
      [requestIds],
    )
  ).rows[0].n as number;
  console.log(
    `queueing: ${jobs} reminder jobs swept in ${swept} ms, all published after ${ms} ms; CPU (core-s) ${cpu}`,
  );
  return { jobs, jobsPerSecond: jobs / (ms / 1000), ms };
}

/** Raw BullMQ: the same number of delayed jobs with addBulk, 1,000 a call. */
async function rawAddBulk(count: number, prefix: string): Promise<number> {
  const queue = new Queue('raw-reminders', { connection: { url: REDIS_URL }, prefix });
  try {
    await queue.waitUntilReady();
    const started = Date.now();
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          name: 'review.reminder',
          data: { reminderId: `raw-${i + j}` },
          opts: {
            jobId: `reminder-raw-${i + j}`,
            delay: 30 * 86_400_000,
            removeOnComplete: { age: 3600, count: 1000 },
          },
        })),
      );
    }
    return count / ((Date.now() - started) / 1000);
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/**
 * Plans reminders with the service's planner on pending requests, a warm-up round and then
 * LATENESS_SAMPLES spread over LATENESS_SPREAD_MS, and reads how late each was claimed by the
 * service's workers (sent_at - planned_at).
 */
async function measureLateness(
  dataSource: DataSource,
  planner: ReminderPlanner,
  pool: Pool,
): Promise<{ p50: number; p99: number }> {
  const requests = (
    await pool.query(
      `SELECT id FROM review_requests WHERE status = 'PENDING' ORDER BY id LIMIT $1`,
      [LATENESS_WARMUP + LATENESS_SAMPLES],
    )
  ).rows.map((r) => r.id as string);
  const lateness = async (ofRequests: string[], spreadMs: number): Promise<number[]> => {
    const base = Date.now() + LATENESS_LEAD_MS;
    const ids: string[] = [];
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < ofRequests.length; i += 1) {
        const plannedAt = new Date(base + Math.floor((i * spreadMs) / ofRequests.length));
        const plan = [{ kind: 'D-1', dayOffset: -1, plannedAt }];
        ids.push(...(await planner.plan(manager, ofRequests[i], plan)));
      }
    });
    await until(
      async () =>
        (
          await pool.query(
            `SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND state = 'SENT'`,
            [ids],
          )
        ).rows[0].n === ids.length,
      120_000,
      'every lateness reminder to be sent',
    );
    return (
      await pool.query(
        `SELECT extract(epoch FROM (sent_at - planned_at)) * 1000 AS ms FROM reminders WHERE id = ANY($1::uuid[]) ORDER BY 1`,
        [ids],
      )
    ).rows.map((r) => Math.max(0, Number(r.ms)));
  };
  await lateness(requests.slice(0, LATENESS_WARMUP), 1000);
  const late = await lateness(requests.slice(LATENESS_WARMUP), LATENESS_SPREAD_MS);
  return { p50: round(percentile(late, 50)), p99: round(percentile(late, 99)) };
}

/** Raw BullMQ: the same rounds of delayed jobs; lateness as the worker sees it. */
async function rawDelayedLateness(prefix: string): Promise<{ p50: number; p99: number }> {
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('raw-delay', { connection, prefix });
  const late = new Map<string, number>();
  const worker = new Worker(
    'raw-delay',
    async (job: Job<{ plannedAt: number }>) => {
      late.set(job.id!, Math.max(0, Date.now() - job.data.plannedAt));
    },
    // The same concurrency as the service's workers (WORKER_CONCURRENCY default).
    { connection, prefix, concurrency: 5 },
  );
  const lateness = async (name: string, count: number, spreadMs: number): Promise<number[]> => {
    const base = Date.now() + LATENESS_LEAD_MS;
    const ids = Array.from({ length: count }, (_, i) => `${name}-${i}`);
    await queue.addBulk(
      ids.map((jobId, i) => {
        const plannedAt = base + Math.floor((i * spreadMs) / count);
        return {
          name: 'tick',
          data: { plannedAt },
          opts: { jobId, delay: plannedAt - Date.now() },
        };
      }),
    );
    await until(async () => ids.every((id) => late.has(id)), 60_000, 'raw delayed jobs');
    return ids.map((id) => late.get(id)!).sort((a, b) => a - b);
  };
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    await lateness('warmup', LATENESS_WARMUP, 1000);
    const measured = await lateness('tick', LATENESS_SAMPLES, LATENESS_SPREAD_MS);
    return { p50: round(percentile(measured, 50)), p99: round(percentile(measured, 99)) };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/** Waits until the service's queues hold no waiting or running job. */
async function drained(prefix: string): Promise<void> {
  const queues = ['domain-events', 'email'].map(
    (name) => new Queue(name, { connection: { url: REDIS_URL }, prefix }),
  );
  try {
    await until(
      async () => {
        for (const queue of queues) {
          const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
          if (Object.values(counts).some((n) => n > 0)) return false;
        }
        return true;
      },
      300_000,
      "the service's queues to drain",
    );
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

export async function obliterate(prefix: string): Promise<void> {
  for (const name of ['domain-events', 'reminders', 'email']) {
    const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => ({
    figure: f.id,
    service: `${f.value} ${f.unit}`,
    baseline: `${f.baseline} ${f.unit}`,
    ratio: f.ratio,
    target: f.target,
    note: f.note ?? '',
  }));
  console.log('');
  console.table(rows);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
