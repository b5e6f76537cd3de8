import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AppError } from './app-error';

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

function invalidCursor(): AppError {
  return AppError.badRequest('Invalid cursor', [
    { field: 'cursor', message: 'cursor is not one this API gave' },
  ]);
}

export function decodeCursor<T extends unknown[]>(
  cursor: string | undefined,
  arity: number,
): T | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values as T;
  } catch {
    // fall through
  }
  throw invalidCursor();
}

type CursorChecks<T extends unknown[]> = { [K in keyof T]: (value: unknown) => value is T[K] };

/**
 * Like {@link decodeCursor}, and each value must pass its check (one per sort key): a forged
 * cursor is a 400 here, before its values reach SQL, where PostgreSQL would read odd values
 * ('epoch', 'today', a bare number, a uuid in braces) as real ones.
 */
export function decodeCheckedCursor<T extends unknown[]>(
  cursor: string | undefined,
  checks: CursorChecks<T>,
): T | null {
  const values = decodeCursor<T>(cursor, checks.length);
  if (values && !checks.every((check, i) => check(values[i]))) throw invalidCursor();
  return values;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's id: the canonical uuid text PostgreSQL gives (no braces, no bare hex). */
export function isUuidText(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Builds a page from rows fetched with `limit + 1`, so `next` is null on the last page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, next };
}
