// `npm run bench:cluster`: 2 API and 2 worker processes on one PostgreSQL and Redis. Plans 1,000
// reminders due within a minute, kills one worker with SIGKILL halfway, starts nothing in its
// place, and counts what was delivered: every reminder exactly once (one notification, one e-mail
// per reviewer), none for the requests answered meanwhile through the second API.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { validateEnv } from '../src/config/env';
import { ReminderPlanner } from '../src/reminders/reminder-planner.service';
import { startSmtp } from '../test/support/smtp';
import {
  api,
  dropDatabase,
  freePort,
  freshDatabase,
  REDIS_URL,
  sleep,
  startProcess,
  stopProcess,
  until,
  waitReady,
} from './support';

const REMINDERS = Number(process.env.CLUSTER_REMINDERS ?? 1000);
const ANSWERED = 50;
const ADMIN = { email: 'cluster-admin@bench.court.la', password: 'cluster-admin-password' };
const PASSWORD = 'cluster-user-password';

async function main(): Promise<void> {
  const runId = `cluster_${Date.now().toString(36)}`;
  const databaseUrl = await freshDatabase(runId);
  const smtp = await startSmtp('accept');
  const common = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: runId,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: smtp.url,
    EMAIL_BACKOFF_MS: '200',
    // A killed worker's jobs go back to the queue after this long without its heartbeat.
    JOB_LOCK_MS: '5000',
  };
  const [port1, port2] = [await freePort(), await freePort()];
  const api1 = startProcess('main', { ...common, WORKERS: 'off' }, port1);
  const api2 = startProcess('main', { ...common, WORKERS: 'off' }, port2);
  await Promise.all([waitReady(api1), waitReady(api2)]);
  const workers = [startProcess('worker', common), startProcess('worker', common)];
  const pool = new Pool({ connectionString: databaseUrl, max: 5 });
  let failed: boolean;
  try {
    // Reviewers of the four agencies and a secretary, through the first API.
    const admin = api(
      api1.url,
      (await api(api1.url)('POST', '/api/auth/login', ADMIN)).body.accessToken,
    );
    const secretary = await admin('POST', '/api/users', {
      email: 'sec@cluster.court.la',
      name: 'Secretariat',
      password: PASSWORD,
      role: 'SECRETARIAT',
      locale: 'lo',
    });
    for (const [i, code] of ['MOFA', 'MOJ', 'OSPP', 'MPS'].entries()) {
      await admin('POST', '/api/users', {
        email: `rev.${code.toLowerCase()}@cluster.court.la`,
        name: `Reviewer ${code}`,
        password: PASSWORD,
        role: 'AGENCY_REVIEWER',
        agencyCode: code,
        locale: i % 2 ? 'en' : 'lo',
      });
    }
    // 250 guidelines in interagency review, each with its four requests (SQL: the load is not measured).
    await pool.query(
      `WITH g AS (
         INSERT INTO guidelines (code, title_en, title_lo, stage, current_version_number, created_by)
         SELECT 'CL-' || n, 'Cluster guideline ' || n, 'ຂໍ້ແນະນຳ ' || n, 'INTERAGENCY_REVIEW', 1, $1
         FROM generate_series(1, $2) AS n RETURNING id
       ), v AS (
         INSERT INTO guideline_versions (guideline_id, number, stage, change_summary, content_hash, section_count, published_by)
         SELECT id, 1, 'DRAFTING', 'cluster', repeat('0', 64), 0, $1 FROM g RETURNING id, guideline_id
       ), t AS (
         INSERT INTO stage_transitions (guideline_id, from_stage, to_stage, actor_id, version_number, reason)
         SELECT id, 'COUNCIL_OF_JUDGES', 'INTERAGENCY_REVIEW', $1, 1, 'cluster run' FROM g RETURNING id, guideline_id
       )
       INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, transition_id, due_date, requested_by)
       SELECT v.guideline_id, v.id, 1, a.id, t.id, (now() + interval '30 days')::date, $1
       FROM v JOIN t ON t.guideline_id = v.guideline_id CROSS JOIN agencies a WHERE a.code IN ('MOFA','MOJ','OSPP','MPS')`,
      [secretary.body.id, REMINDERS / 4],
    );
    const requests = (await pool.query(`SELECT id FROM review_requests ORDER BY id`)).rows.map(
      (r) => r.id as string,
    );

    // The service's own planner writes one reminder per request, due 10 to 40 s from now.
    const env = validateEnv({
      ...common,
      NODE_ENV: 'production',
      WORKERS: 'off',
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'warn',
    });
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(env), {
      logger: ['error', 'warn'],
    });
    const start = Date.now() + 10_000;
    try {
      const planner = context.get(ReminderPlanner);
      await context.get(DataSource).transaction(async (manager) => {
        for (const [i, id] of requests.entries()) {
          const plannedAt = new Date(start + Math.floor((i * 30_000) / requests.length));
          await planner.plan(manager, id, [{ kind: 'D-1', dayOffset: -1, plannedAt }]);
        }
      });
    } finally {
      await context.close();
    }
    console.log(
      `${requests.length} reminders planned between +10 s and +40 s; 2 APIs and 2 workers running`,
    );

    // Meanwhile the second API takes answers from reviewers: those requests' reminders must not go out.
    const reviewerToken = (
      await api(api2.url)('POST', '/api/auth/login', {
        email: 'rev.moj@cluster.court.la',
        password: PASSWORD,
      })
    ).body.accessToken;
    const reviewer = api(api2.url, reviewerToken);
    const mine = (
      await pool.query(
        `SELECT q.id FROM review_requests q JOIN agencies a ON a.id = q.agency_id JOIN reminders r ON r.review_request_id = q.id
         WHERE a.code = 'MOJ' ORDER BY r.planned_at DESC LIMIT $1`,
        [ANSWERED],
      )
    ).rows.map((r) => r.id as string);
    for (const id of mine) {
      const res = await reviewer('POST', `/api/reviews/${id}/response`, {
        decision: 'APPROVE',
        comments: 'No objection.',
        signatory: { name: 'Chanthala D.', title: 'Director' },
      });
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`answer: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const expected = requests.length - ANSWERED;

    // Halfway through the deliveries, one worker dies without warning.
    await until(
      async () => (await countSent(pool)) >= expected / 2,
      120_000,
      'half of the reminders',
    );
    const killedAt = await countSent(pool);
    workers[0].child.kill('SIGKILL');
    await workers[0].exited;
    console.log(`worker 1 killed with SIGKILL after ${killedAt} reminders were sent`);

    await until(async () => (await countSent(pool)) >= expected, 180_000, 'every reminder');
    await sleep(3000); // let any duplicate surface
    await until(async () => smtp.messages.length >= expected, 60_000, 'every e-mail');
    await sleep(2000);

    const sent = await countSent(pool);
    const answeredSent = Number(
      (
        await pool.query(
          `SELECT count(*) FROM reminders WHERE review_request_id = ANY($1::uuid[]) AND state = 'SENT'`,
          [mine],
        )
      ).rows[0].count,
    );
    const notifications = Number(
      (await pool.query(`SELECT count(*) FROM notifications WHERE dedupe_key LIKE 'reminder-%'`))
        .rows[0].count,
    );
    const perReminder = (
      await pool.query(
        `SELECT max(n)::int AS max FROM (SELECT count(*) AS n FROM notifications WHERE dedupe_key LIKE 'reminder-%' GROUP BY user_id, dedupe_key) x`,
      )
    ).rows[0].max;
    const ids = smtp.messages.map((m) => m.notificationId);
    const duplicateMails = ids.length - new Set(ids).size;
    const reminderNotificationIds = new Set(
      (
        await pool.query(`SELECT id FROM notifications WHERE dedupe_key LIKE 'reminder-%'`)
      ).rows.map((r) => r.id as string),
    );
    const reminderEmails = ids.filter((id) => reminderNotificationIds.has(id)).length;

    const rows = [
      { what: 'reminders planned', count: requests.length },
      { what: 'requests answered meanwhile (API 2)', count: ANSWERED },
      { what: 'reminders sent', count: sent, expected },
      { what: 'reminders sent for answered requests', count: answeredSent, expected: 0 },
      { what: 'reminder notifications', count: notifications, expected },
      { what: 'most notifications of one reminder to one person', count: perReminder, expected: 1 },
      { what: 'reminder e-mails received', count: reminderEmails, expected },
      { what: 'duplicate e-mails', count: duplicateMails, expected: 0 },
      { what: 'sent when worker 1 was killed', count: killedAt },
    ];
    console.table(rows);
    failed = rows.some((r) => r.expected !== undefined && r.count !== r.expected);
    console.log(
      failed ? 'cluster run: FAILED' : 'cluster run: every reminder delivered exactly once',
    );
  } finally {
    await pool.end();
    await Promise.all([...workers, api1, api2].map((p) => stopProcess(p)));
    await smtp.close();
    await dropDatabase(runId);
  }
  process.exit(failed ? 1 : 0);
}

async function countSent(pool: Pool): Promise<number> {
  return Number(
    (await pool.query(`SELECT count(*) FROM reminders WHERE state = 'SENT'`)).rows[0].count,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
