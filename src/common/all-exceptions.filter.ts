import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorDetail, STATUS_OF } from './app-error';
import { ErrorBody, errorBody } from './error-body';

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
/** A value Postgres could not read: invalid text, datetime format or field, number out of range. */
const PG_MALFORMED_VALUE = ['22P02', '22007', '22008', '22003'];
const PG_CHECK_VIOLATION = '23514';
const PG_SERIALIZATION = ['40001', '40P01'];
const PG_UNAVAILABLE = [
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '53300',
];
const NETWORK_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'];

/** Fastify's refusals of a request it could not read, in our words. */
const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is too large'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Request body is empty but says it is JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Request body size did not match its Content-Length'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'Unsupported media type: send JSON (Content-Type: application/json)',
  ],
};

interface FastifyErrorLike {
  name: string;
  code: string;
  statusCode?: number;
}

/** The Fastify error behind an exception (the adapter wraps its 4xx ones in an HttpException). */
function fastifyError(exception: unknown): FastifyErrorLike | null {
  const candidate = exception instanceof HttpException ? exception.cause : exception;
  const e = candidate as Partial<FastifyErrorLike> | undefined;
  return e?.name === 'FastifyError' && typeof e.code === 'string' ? (e as FastifyErrorLike) : null;
}

/** Maps every error to the one shape of shared/API.md; never leaks a stack trace. */
export function toErrorBody(exception: unknown): ErrorBody {
  const fastify = fastifyError(exception);
  if (fastify) {
    const known = FASTIFY_ERRORS[fastify.code];
    if (known) return errorBody(known[0], known[1]);
    if (fastify.statusCode && fastify.statusCode < 500) {
      return errorBody(fastify.statusCode, 'The request could not be read');
    }
  }
  if (exception instanceof AppError) {
    return errorBody(STATUS_OF[exception.code], exception.message, exception.details);
  }
  if (exception instanceof ThrottlerException) {
    return errorBody(429, 'Too many requests: wait a minute and try again');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'string') return errorBody(status, response);
    const r = response as {
      message?: unknown;
      details?: ErrorDetail[];
      status?: string;
      error?: unknown;
    };
    if (r.status === 'error' && r.error && typeof r.error === 'object') {
      return healthBody(status, r.error as Record<string, { message?: string }>);
    }
    if (Array.isArray(r.message)) {
      return errorBody(status, r.message.join('; '), r.details ?? []);
    }
    return errorBody(status, String(r.message ?? exception.message), r.details ?? []);
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string })?.code;
    if (code === PG_UNIQUE_VIOLATION) return errorBody(409, 'This record already exists');
    if (code === PG_FOREIGN_KEY_VIOLATION)
      return errorBody(422, 'A referenced record does not exist');
    if (code && PG_MALFORMED_VALUE.includes(code))
      return errorBody(400, 'A value has the wrong format');
    if (code === PG_CHECK_VIOLATION) return errorBody(422, 'A value breaks a rule of the record');
    if (code && PG_SERIALIZATION.includes(code))
      return errorBody(409, 'Another change won the race: reload and retry');
    if (code && PG_UNAVAILABLE.includes(code)) return errorBody(503, 'The database is unavailable');
  }
  if (isUnavailable(exception)) {
    return errorBody(503, 'A dependency is unavailable: try again shortly');
  }
  return errorBody(500, 'Internal server error');
}

/** Terminus reports failed checks by name: keep the names, in the one error shape. */
function healthBody(status: number, failed: Record<string, { message?: string }>): ErrorBody {
  const names = Object.keys(failed);
  const details = names.map((name) => ({
    code: name,
    message: failed[name]?.message ?? `${name} is down`,
  }));
  return errorBody(status, `Not ready: ${names.join(', ')} down`, details);
}

function isUnavailable(exception: unknown): boolean {
  const e = exception as { code?: string; message?: string; name?: string };
  if (!e) return false;
  if (e.code && NETWORK_ERRORS.includes(e.code)) return true;
  const message = e.message ?? '';
  return (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection is closed|Client has encountered a connection error/i.test(
      message,
    ) || e.name === 'MaxRetriesPerRequestError'
  );
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // A Fastify reply, or the raw response of a middleware: the adapter answers on either.
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (httpAdapter.isHeadersSent(response)) return;
    // An error that knows when to ask again (a full export queue) says so.
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (exception instanceof AppError && typeof retryAfter === 'number') {
      httpAdapter.setHeader(response, 'Retry-After', String(retryAfter));
    }
    httpAdapter.reply(response, body, body.statusCode);
  }
}
