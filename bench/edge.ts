// `npm run bench:edge`: what one request costs the service, route by route. Starts the compiled
// service on a fresh database with the data set of `npm run bench`, loads each route at 32
// connections, and prints requests/s, median latency, the answer's size and the service's own CPU
// per request (user and system, every thread, read from /proc): the figure to watch when changing
// the HTTP edge, since the requests/s of a 2-core machine also move with whatever else runs.
// EDGE_ROUTES=post,read picks routes; EDGE_DURATION_S (6) sets each run;
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/tmp" profiles the service meanwhile.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadDataSet, obliterate } from './bench';
import {
  cpuMs,
  dropDatabase,
  freePort,
  freshDatabase,
  REDIS_URL,
  startProcess,
  stopProcess,
  waitReady,
} from './support';

const DURATION_S = Number(process.env.EDGE_DURATION_S ?? 6);
const ROUTES = (process.env.EDGE_ROUTES ?? 'post,refused,read,live').split(',').filter(Boolean);

async function main(): Promise<void> {
  const runId = `edge_${Date.now().toString(36)}`;
  const databaseUrl = await freshDatabase(runId);
  const port = await freePort();
  const service = startProcess(
    'main',
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: runId,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'bench-admin@bench.court.la',
      ADMIN_PASSWORD: 'bench-admin-password',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    port,
    (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    await waitReady(service);
    const data = await loadDataSet(service.url, pool);
    const comments = `${service.url}/api/guidelines/${data.loadGuidelineId}/versions/1/comments`;
    const asJudge = { authorization: `Bearer ${data.judgeToken}` };
    const json = { ...asJudge, 'content-type': 'application/json' };
    const routes: Record<string, { what: string; options: autocannon.Options }> = {
      post: {
        what: 'POST a comment (201)',
        options: {
          url: comments,
          method: 'POST',
          headers: json,
          body: JSON.stringify({ sectionKey: 's-001', body: 'ຄວນເພີ່ມການປົກປ້ອງຜູ້ເສຍຫາຍ (edge)' }),
        },
      },
      refused: {
        what: 'the same POST refused by validation (400, no database)',
        options: {
          url: comments,
          method: 'POST',
          headers: json,
          body: JSON.stringify({ sectionKey: 's-001' }),
        },
      },
      read: {
        what: 'GET a version of 200 sections (200)',
        options: {
          url: `${service.url}/api/guidelines/${data.readGuidelineId}/versions/1`,
          method: 'GET',
          headers: asJudge,
        },
      },
      live: {
        what: 'GET /health/live (the HTTP stack alone)',
        options: { url: `${service.url}/health/live`, method: 'GET' },
      },
    };
    const rows = [];
    for (const name of ROUTES) {
      const route = routes[name];
      if (!route)
        throw new Error(`unknown route ${name}: one of ${Object.keys(routes).join(', ')}`);
      await autocannon({ ...route.options, connections: 32, duration: 2 });
      const before = cpuMs(service.child.pid!);
      const run = await autocannon({ ...route.options, connections: 32, duration: DURATION_S });
      const used = cpuMs(service.child.pid!) - before;
      rows.push({
        route: name,
        what: route.what,
        'requests/s': Math.round(run.requests.average),
        'p50 ms': run.latency.p50,
        'bytes/answer': Math.round(run.throughput.total / run.requests.total),
        'service CPU µs/request': Math.round((used * 1000) / run.requests.total),
      });
    }
    console.table(rows);
  } finally {
    await pool.end();
    await stopProcess(service);
    await obliterate(runId);
    await dropDatabase(runId);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
