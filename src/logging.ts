import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { stdSerializers, type Options } from 'pino-http';
import { Env } from './config/env';

/** Query parameters that carry credentials: their values never reach a log line. */
const SECRET_QUERY_PARAM = /^(token|access_token)(\[|$)/i;
const CENSOR = '[redacted]';
/** Paths whose next segment is a credential: the answer links' tokens. */
const SECRET_PATH = /^((?:\/api\/review-links|\/answer)\/)[^/?#]+/i;

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The address with the value of every credential query parameter censored; everything else is
 * kept byte for byte. Names are decoded first, since `%74oken=` reaches the app as `token`.
 */
export function censorUrl(original: string): string {
  // Answer links carry their token in the path (an agency's e-mailed link and its API routes).
  const url = original.replace(SECRET_PATH, `$1${CENSOR}`);
  const start = url.indexOf('?');
  if (start < 0) return url;
  const hash = url.indexOf('#', start);
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(start + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_QUERY_PARAM.test(decodedName(name)) ? `${name}=${CENSOR}` : pair;
    });
  return `${url.slice(0, start + 1)}${params.join('&')}${url.slice(end)}`;
}

interface SerializedRequest {
  url?: unknown;
  query?: unknown;
}

/**
 * pino-http's request serializer, after the standard one: tokens sent in the address (no route
 * accepts them, but a client may still send one) are censored in `url` and `query`.
 */
export function serializeRequest<T extends SerializedRequest>(req: T): T {
  if (typeof req.url === 'string') req.url = censorUrl(req.url);
  if (req.query && typeof req.query === 'object') {
    // A copy: the standard serializer hands over the request's own query object.
    const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
    for (const name of Object.keys(query)) {
      if (SECRET_QUERY_PARAM.test(name)) query[name] = CENSOR;
    }
    req.query = query;
  }
  return req;
}

/**
 * The id of a request: the caller's X-Request-Id when it is a plain token, else a new UUID.
 * Fastify gives it to each request (create-app.ts, which also answers it in X-Request-Id), and
 * the request log line carries it.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

const UNUSED_REQUEST_BINDING = 'unusedRequestBinding';

/** Request logs with a request id; credentials are never written. */
export function pinoHttpOptions(env: Env): Options {
  return {
    level: env.NODE_ENV === 'test' && env.LOG_LEVEL === 'info' ? 'silent' : env.LOG_LEVEL,
    // Fastify has set req.id already (requestIdOf); this only serves a request that bypassed it.
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    // pino-http also binds the whole request to a logger of its own on every request, used only
    // when the loggers are not quiet (they are, below), and pino serialises and redacts such a
    // binding at once: about 60 us a request for nothing. Under its own key it is dropped
    // unread; `req` (the completion line's, customSuccessObject) is serialised in full.
    customAttributeKeys: { req: UNUSED_REQUEST_BINDING },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => serializeRequest(stdSerializers.req(req)),
      res: stdSerializers.res,
      err: stdSerializers.err,
      [UNUSED_REQUEST_BINDING]: () => undefined,
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
    autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
    // Loggers bound to the request id alone; the request itself goes into its completion line only,
    // serialised (and redacted) when that line is written: at a level that writes no such line,
    // a request costs no serialisation of its headers.
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (req, _res, value: object) => ({ req, ...value }),
    customErrorObject: (req, _res, _error, value: object) => ({ req, ...value }),
  };
}
