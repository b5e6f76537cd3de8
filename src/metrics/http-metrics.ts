import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, register } from 'prom-client';

export const HTTP_REQUESTS_METRIC = 'http_requests_total';
export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/** The route label of a request no route matched (an unknown address): one value, not the URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Seconds: from a cached answer (a few ms) to a Word export (seconds) and a stalled one. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const LABELS = ['route', 'method', 'status'] as const;

/** One metric per process, whichever app (tests start several) registered it first. */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Counts every answer of the HTTP edge by route pattern (`/api/guidelines/:id`, never the raw
 * address, so ids and queries do not multiply the series), method and status, with its duration.
 * An onResponse hook on Fastify itself: it sees what no Nest interceptor would, refusals before
 * routing (400 for %00 in the address), guards' 401/403 and 404s of unknown addresses.
 */
export function measureHttpRequests(fastify: FastifyInstance): void {
  const requests = once(
    HTTP_REQUESTS_METRIC,
    () =>
      new Counter({
        name: HTTP_REQUESTS_METRIC,
        help: 'HTTP requests answered, by route pattern, method and status',
        labelNames: LABELS,
      }),
  );
  const duration = once(
    HTTP_DURATION_METRIC,
    () =>
      new Histogram({
        name: HTTP_DURATION_METRIC,
        help: 'Time from receiving an HTTP request to the end of its answer, by route pattern, method and status',
        labelNames: LABELS,
        buckets: DURATION_BUCKETS,
      }),
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      method: request.method,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
