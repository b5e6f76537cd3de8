import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { detail } from '../common/app-error';
import { IdempotencyErrorCode, IdempotencyException } from './idempotency.exception';
import type { AuthUser } from '../court/roles';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII without spaces, as UUIDs and random tokens are. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A write's key, its caller and what the request said: a retry must say the same. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  /** SHA-256 of the method, the path with its query and the JSON body (keys in sorted order). */
  fingerprint: string;
}

/** JSON with object keys sorted, so the same body sent with its fields in another order matches. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const readKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IdempotentRequest | null => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const sent = request.headers[IDEMPOTENCY_HEADER];
    if (sent === undefined || !request.user) return null;
    const key = Array.isArray(sent) ? null : sent.trim();
    if (!key || !KEY_PATTERN.test(key)) {
      throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_INVALID, {}, [
        detail('IDEMPOTENCY_KEY_DETAIL', {}, { field: 'Idempotency-Key' }),
      ]);
    }
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body)}`)
      .digest('hex');
    return { userId: request.user.id, key, fingerprint };
  },
);

/**
 * The `Idempotency-Key` header of a creating route (null without one), described in the OpenAPI
 * document. Pass it to {@link IdempotentWrites.transaction}.
 */
export function IdempotencyKey(): ParameterDecorator {
  const read = readKey();
  const describe = ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    description:
      'Makes a retry safe: the same key with the same request within 24 hours answers the first answer and creates nothing new; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Keys are per caller; a random UUID per intended write is a good key.',
  });
  return (target, key, index) => {
    read(target, key, index);
    if (key === undefined) return;
    describe(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

/**
 * The same request when it carried a file (a form with a signed letter): the file's SHA-256 joins
 * the fingerprint, so the same key with another file is another request (422), and a retry with
 * the same file answers the first answer. A request without a file keeps its fingerprint.
 */
export function withFileDigest(
  request: IdempotentRequest | null,
  sha256: Buffer | undefined,
): IdempotentRequest | null {
  if (!request || !sha256) return request;
  const fingerprint = createHash('sha256')
    .update(`${request.fingerprint}\nfile ${sha256.toString('hex')}`)
    .digest('hex');
  return { ...request, fingerprint };
}
