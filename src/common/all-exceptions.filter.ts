import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import type { Locale } from '../court/roles';
import { AnswerDetail, AppError } from './app-error';
import {
  ErrorMessageCode,
  inLocale,
  kindOf,
  MessageCode,
  ParamsOf,
  texts,
} from '../court/catalogue';
import { ErrorKind } from '../court/error-kind';
import { ErrorBody, errorBody } from './error-body';
import { answerLocale } from './request-locale';

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
const FASTIFY_ERRORS: Record<string, ErrorMessageCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_NOT_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_EMPTY_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BODY_LENGTH_MISMATCH',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_NOT_JSON',
};

/** The Lao sentence of an answer the framework worded (in English) itself, by its status. */
const FOREIGN_TEXT: Partial<Record<number, MessageCode>> = {
  400: 'HTTP_400',
  401: 'HTTP_401',
  403: 'HTTP_403',
  404: 'HTTP_404',
  409: 'HTTP_409',
  413: 'HTTP_413',
  415: 'HTTP_415',
  422: 'HTTP_422',
  429: 'HTTP_429',
  503: 'HTTP_503',
};

/** The one mapping of a refusal's kind to its HTTP status. */
export const STATUS_OF: Record<ErrorKind, number> = {
  [ErrorKind.BAD_REQUEST]: 400,
  [ErrorKind.UNAUTHORIZED]: 401,
  [ErrorKind.FORBIDDEN]: 403,
  [ErrorKind.NOT_FOUND]: 404,
  [ErrorKind.CONFLICT]: 409,
  [ErrorKind.PAYLOAD_TOO_LARGE]: 413,
  [ErrorKind.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorKind.UNPROCESSABLE]: 422,
  [ErrorKind.TOO_MANY_REQUESTS]: 429,
  [ErrorKind.UNAVAILABLE]: 503,
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

/** An error code's answer: its status from its kind, its sentence in the reader's language. */
function codeBody(code: ErrorMessageCode, locale: Locale, params?: ParamsOf<ErrorMessageCode>) {
  return errorBody(STATUS_OF[kindOf(code)], inLocale(texts(code, params), locale));
}

/** A framework's own sentence (English only): kept for English, a Lao sentence by status for Lao. */
function foreignBody(
  status: number,
  english: string,
  locale: Locale,
  details: AnswerDetail[] = [],
): ErrorBody {
  if (locale === 'en') return errorBody(status, english, details);
  const lao = texts(FOREIGN_TEXT[status] ?? 'HTTP_ERROR').lo;
  return errorBody(
    status,
    lao,
    details.map((d) => ({ ...d, message: lao })),
  );
}

/**
 * Maps every error to the one shape of shared/API.md, worded in `locale`; never leaks a stack
 * trace.
 */
export function toErrorBody(exception: unknown, locale: Locale = 'en'): ErrorBody {
  const fastify = fastifyError(exception);
  if (fastify) {
    const known = FASTIFY_ERRORS[fastify.code];
    if (known) return codeBody(known, locale);
    if (fastify.statusCode && fastify.statusCode < 500) {
      return errorBody(fastify.statusCode, inLocale(texts('BODY_NOT_READABLE'), locale));
    }
  }
  if (exception instanceof AppError) {
    return errorBody(
      STATUS_OF[exception.kind],
      inLocale(exception.texts, locale),
      exception.details.map((d) => ({ ...d, message: inLocale(d.message, locale) })),
    );
  }
  if (exception instanceof ThrottlerException) return codeBody('TOO_MANY_REQUESTS', locale);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 404 && typeof response === 'object' && response !== null) {
      // Nest's answer for an address no route serves: "Cannot GET /api/nothing".
      const route = /^Cannot (\w+) (.*)$/.exec(String((response as { message?: unknown }).message));
      if (route) return codeBody('ROUTE_NOT_FOUND', locale, { method: route[1], path: route[2] });
    }
    if (typeof response === 'string') return foreignBody(status, response, locale);
    const r = response as {
      message?: unknown;
      details?: AnswerDetail[];
      status?: string;
      error?: unknown;
    };
    if (r.status === 'error' && r.error && typeof r.error === 'object') {
      return healthBody(status, r.error as Record<string, { message?: string }>, locale);
    }
    if (Array.isArray(r.message)) {
      return foreignBody(status, r.message.join('; '), locale, r.details ?? []);
    }
    return foreignBody(status, String(r.message ?? exception.message), locale, r.details ?? []);
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string })?.code;
    if (code === PG_UNIQUE_VIOLATION) return codeBody('RECORD_EXISTS', locale);
    if (code === PG_FOREIGN_KEY_VIOLATION) return codeBody('RECORD_MISSING', locale);
    if (code && PG_MALFORMED_VALUE.includes(code)) return codeBody('VALUE_MALFORMED', locale);
    if (code === PG_CHECK_VIOLATION) return codeBody('VALUE_BREAKS_RULE', locale);
    if (code && PG_SERIALIZATION.includes(code)) return codeBody('RACE_LOST', locale);
    if (code && PG_UNAVAILABLE.includes(code)) return codeBody('DATABASE_UNAVAILABLE', locale);
  }
  if (isUnavailable(exception)) return codeBody('DEPENDENCY_UNAVAILABLE', locale);
  return errorBody(500, inLocale(texts('INTERNAL_ERROR'), locale));
}

/** Terminus reports failed checks by name: keep the names, in the one error shape. */
function healthBody(
  status: number,
  failed: Record<string, { message?: string }>,
  locale: Locale,
): ErrorBody {
  const names = Object.keys(failed);
  const details = names.map((name) => ({
    code: name,
    message:
      locale === 'en' && failed[name]?.message
        ? failed[name].message
        : inLocale(texts('CHECK_DOWN', { name }), locale),
  }));
  return errorBody(
    status,
    inLocale(texts('NOT_READY', { names: names.join(', ') }), locale),
    details,
  );
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
    const reader = exception instanceof AppError ? exception.readerLocale : undefined;
    const body = toErrorBody(exception, answerLocale(host.switchToHttp().getRequest(), reader));
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
    // @nestjs/throttler names its header after a named limit (Retry-After-<name>): say it as the
    // standard header too, which clients and proxies read.
    if (exception instanceof ThrottlerException) {
      const seconds = namedRetryAfter(response);
      if (seconds !== undefined) httpAdapter.setHeader(response, 'Retry-After', seconds);
    }
    httpAdapter.reply(response, body, body.statusCode);
  }
}

function namedRetryAfter(response: unknown): string | undefined {
  const headers = (response as { getHeaders?: () => Record<string, unknown> }).getHeaders?.() ?? {};
  const named = Object.entries(headers).find(([name]) => /^retry-after-/i.test(name));
  return named ? String(named[1]) : undefined;
}
