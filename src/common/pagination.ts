import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { detail } from './app-error';
import { CommonErrorCode, CommonException } from './common.exception';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`next`)' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Keyset cursors: the sort key values of the last item, base64url-encoded. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function invalidCursor(): CommonException {
  return new CommonException(CommonErrorCode.INVALID_CURSOR, {}, [
    detail('INVALID_CURSOR_DETAIL', {}, { field: 'cursor' }),
  ]);
}

/** One check per sort key of a list's cursor, in order. */
export type CursorChecks<T extends unknown[]> = {
  [K in keyof T]: (value: unknown) => value is T[K];
};

/**
 * The one cursor decoder of every list: the sort key values of the last item seen, each of which
 * must pass its check (one per sort key). A cursor this API did not give (not base64url JSON, the
 * wrong number of keys, a value of the wrong form) is 400 INVALID_CURSOR here, before its values
 * reach SQL, where PostgreSQL would read odd values ('epoch', 'today', a bare number, a uuid in
 * braces) as real ones.
 */
export function decodeCursor<T extends unknown[]>(
  cursor: string | undefined,
  checks: CursorChecks<T>,
  /** A check of the values together, for a cursor whose keys depend on each other. */
  whole: (values: T) => boolean = () => true,
): T | null {
  if (!cursor) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(values) ||
    values.length !== checks.length ||
    !checks.every((check, i) => check(values[i])) ||
    !whole(values as T)
  ) {
    throw invalidCursor();
  }
  return values as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's id: the canonical uuid text PostgreSQL gives (no braces, no bare hex). */
export function isUuidText(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A cursor's text key (a name, a code): any string, passed to SQL as a parameter. */
export function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** A cursor's bigint id as PostgreSQL gives it: decimal digits. */
export function isDigitsText(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,18}$/.test(value);
}

/** A key that is either null or passes the check. */
export function nullOr<T>(check: (value: unknown) => value is T) {
  return (value: unknown): value is T | null => value === null || check(value);
}

/** A cursor's integer key within [min, max] (a version number, a position, an offset). */
export function isIntegerIn(min: number, max: number): (value: unknown) => value is number {
  return (value: unknown): value is number =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Builds a page from rows fetched with `limit + 1`, so `next` is null on the last page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, next };
}
