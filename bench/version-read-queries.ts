/**
 * Shows that reading a version and listing its comments take a fixed, small number of SQL
 * queries whatever the number of comments: 200 sections, then 20 and 2,000 top-level comments
 * (plus replies), counted at the pg client (every statement the app sends), through the services
 * and through HTTP (which adds the auth guard's user lookup).
 *
 * Run: npm run bench:queries   (needs PostgreSQL and Redis as for the tests)
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AuthUser, Role } from '../src/court/roles';
import { CommentsService } from '../src/comments/comments.service';
import { validateEnv } from '../src/config/env';
import { createApp } from '../src/create-app';
import { GuidelinesService } from '../src/guidelines/guidelines.service';
import { VersionsService } from '../src/guidelines/versions.service';
import { dropDatabase, freshDatabase, REDIS_URL } from './support';

const SECTIONS = 200;
const ADMIN_EMAIL = 'bench-admin@bench.court.la';
const ADMIN_PASSWORD = 'bench-admin-password';

// Count every statement any pooled pg client sends while `counting` is on.
let counting = false;
let statements: string[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const clientProto = Client.prototype as any;
const originalQuery = clientProto.query;
clientProto.query = function (this: Client, ...args: unknown[]) {
  if (counting) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === 'string' ? first : (first?.text ?? '?'));
  }
  return originalQuery.apply(this, args);
};

async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number; ms: number; sql: string[] }> {
  statements = [];
  counting = true;
  const started = process.hrtime.bigint();
  try {
    const result = await fn();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { result, queries: statements.length, ms, sql: [...statements] };
  } finally {
    counting = false;
  }
}

function sectionsOf(version: number) {
  return Array.from({ length: SECTIONS }, (_, i) => ({
    key: `s${i}`,
    heading: `Section ${i}: ມາດຕາ ${i}`,
    body:
      `Section ${i} text. ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ. `.repeat(8) +
      (version > 1 && i % 10 === 0 ? ' Revised in version 2.' : ''),
  })).filter((s) => !(version > 1 && s.key === 's199'));
}

async function main(): Promise<void> {
  const name = `bench_queries_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await freshDatabase(name);

  const env = validateEnv({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PASSWORD_SCRYPT_LOG_N: '12',
    QUEUE_PREFIX: name,
    WORKERS: 'off',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(env);
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    }).then(
      (r) => r.json() as Promise<{ accessToken: string; user: { id: string; name: string } }>,
    );
    const actor: AuthUser = {
      id: login.user.id,
      email: ADMIN_EMAIL,
      name: login.user.name,
      role: Role.SECRETARIAT,
      committees: [],
      agencyId: null,
      agencyCode: null,
      institution: null,
      locale: 'en',
      mustChangePassword: false,
      totpEnabled: false,
    };
    const guideline = await app
      .get(GuidelinesService)
      .create({ code: 'BENCH', title: { en: 'Bench', lo: 'ທົດສອບ' } }, actor);
    const versions = app.get(VersionsService);
    const comments = app.get(CommentsService);
    await versions.publish(guideline.id, { changeSummary: 'v1', sections: sectionsOf(1) }, actor);
    const v1 = (
      await sql.query(`SELECT id FROM guideline_versions WHERE guideline_id = $1`, [guideline.id])
    ).rows[0].id as string;

    const seed = async (from: number, to: number) => {
      await sql.query(
        `INSERT INTO comments (guideline_id, version_id, version_number, section_key, author_id, body, quote, stage, created_at)
         SELECT $1, $2, 1, 's' || (i % ${SECTIONS}), $3, 'Comment ' || i || ': ຄວນປັບປຸງຂໍ້ຄວາມນີ້',
                CASE WHEN i % 3 = 0 THEN 'ຮັບຟັງ' END, 'CONSULTATION', now() - make_interval(secs => i)
           FROM generate_series($4::int, $5::int) AS i`,
        [guideline.id, v1, actor.id, from, to],
      );
      // One reply for every second new top-level comment; a disposition on every fourth.
      await sql.query(
        `INSERT INTO comments (guideline_id, version_id, version_number, section_key, parent_id, author_id, body, stage)
         SELECT guideline_id, version_id, 1, section_key, id, author_id, 'Reply', 'CONSULTATION'
           FROM (SELECT c.*, row_number() OVER (ORDER BY c.created_at) AS n FROM comments c
                  WHERE c.parent_id IS NULL AND c.body ~ ('^Comment (' || $1 || ')[:]')) t
          WHERE n % 2 = 0`,
        [Array.from({ length: to - from + 1 }, (_, k) => from + k).join('|')],
      );
      await sql.query(
        `UPDATE comments SET disposition_status = 'NOTED', disposition_by = $1, disposition_at = now(),
                disposition_version_number = 1
          WHERE parent_id IS NULL AND disposition_status IS NULL AND random() < 0.25`,
        [actor.id],
      );
    };

    const rows: string[][] = [];
    const run = async () => {
      const counts = (
        await sql.query(
          `SELECT count(*) FILTER (WHERE parent_id IS NULL)::int AS top, count(*) FILTER (WHERE parent_id IS NOT NULL)::int AS replies FROM comments`,
        )
      ).rows[0];
      const read = await measure(
        async () =>
          JSON.parse((await versions.getJson(guideline.id, 1, actor)).toString()) as {
            sections: { commentCount: number }[];
          },
      );
      const list = await measure(() =>
        comments.listForVersion(guideline.id, 1, { limit: 200 }, { ...actor, locale: 'en' }),
      );
      const search = await measure(() =>
        comments.listForVersion(guideline.id, 1, { limit: 50, q: 'ປັບປຸງ', status: 'OPEN' }, actor),
      );
      const headers = { authorization: `Bearer ${login.accessToken}` };
      const httpRead = await measure(() =>
        fetch(`${base}/api/guidelines/${guideline.id}/versions/1`, { headers }).then((r) =>
          r.json(),
        ),
      );
      const httpList = await measure(() =>
        fetch(`${base}/api/guidelines/${guideline.id}/versions/1/comments?limit=200`, {
          headers,
        }).then((r) => r.json()),
      );
      const commentsOnSections = read.result.sections.reduce((n, s) => n + s.commentCount, 0);
      rows.push([
        `${counts.top} + ${counts.replies}`,
        `${read.queries} (${read.ms.toFixed(0)} ms, ${commentsOnSections} counted)`,
        `${list.queries} (${list.ms.toFixed(0)} ms, ${list.result.items.length} items)`,
        `${search.queries} (${search.ms.toFixed(0)} ms)`,
        `${httpRead.queries} / ${httpList.queries}`,
      ]);
      return { read, list, httpExtra: httpRead.queries - read.queries };
    };

    await seed(1, 20);
    // A newer version exists, so every listed comment of version 1 carries its carry-over flags.
    await versions.publish(guideline.id, { changeSummary: 'v2', sections: sectionsOf(2) }, actor);
    const small = await run();
    await seed(21, 2000);
    await run();

    const header = [
      'comments (top + replies)',
      'read version 1 (200 sections)',
      'list v1 comments, limit 200, carry-over',
      'list with q= (Lao) + status',
      'HTTP read / list',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
    console.log('SQL statements per call (counted at the pg client):\n');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const r of rows) console.log(line(r));
    console.log('\nStatements of one version read:');
    small.read.sql.forEach((s) =>
      console.log(`  - ${s.replace(/\s+/g, ' ').trim().slice(0, 110)}…`),
    );
    console.log('Statements of one comment listing:');
    small.list.sql.forEach((s) =>
      console.log(`  - ${s.replace(/\s+/g, ' ').trim().slice(0, 110)}…`),
    );
    console.log(
      `(Through HTTP the auth guard adds ${small.httpExtra} statement(s) per request: it loads the caller and their agency.)`,
    );
  } finally {
    await sql.end();
    await app.close();
    await dropDatabase(name);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
