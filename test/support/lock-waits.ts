import { Client } from 'pg';
import { eventually } from './review-road';

/**
 * Resolves once a backend of the same database waits for a lock while running a statement that
 * contains `statementPart` (seen in pg_stat_activity). A test that holds a lock and sends a
 * request calls this to know the request reached the database and is blocked there, instead of
 * sleeping and hoping it did.
 */
export async function lockWaitSeen(
  sql: <T>(fn: (client: Client) => Promise<T>) => Promise<T>,
  statementPart: string,
  timeoutMs = 15_000,
): Promise<void> {
  await eventually(
    () =>
      sql(async (c) => {
        const { rows } = await c.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
          [statementPart],
        );
        return rows.length > 0;
      }),
    `a statement containing "${statementPart}" to wait for a lock`,
    timeoutMs,
  );
}

/** How many backends of the same database wait for a lock on a statement containing the text. */
export async function lockWaiters(
  sql: <T>(fn: (client: Client) => Promise<T>) => Promise<T>,
  statementPart: string,
): Promise<number> {
  return sql(async (c) => {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
      [statementPart],
    );
    return rows[0].n as number;
  });
}
