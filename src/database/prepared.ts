import { EntityManager } from 'typeorm';

/** A statement PostgreSQL parses and plans once per connection, then only executes. */
export interface PreparedStatement {
  /** Unique in the application, and always with the same text. */
  name: string;
  text: string;
}

/**
 * Runs a named prepared statement: for the few hot statements (a comment posted, a version read,
 * review requests opened with their reminders) whose parsing and planning cost PostgreSQL more
 * than executing them. TypeORM hands the query to `pg` unchanged, and `pg` takes a query config
 * with a name; errors still arrive as TypeORM's QueryFailedError, so the error mapping is the same
 * as for any other statement.
 *
 * A connection pooler in between must keep prepared statements per client (PgBouncer >= 1.21 with
 * max_prepared_statements, or session pooling).
 */
export function runPrepared<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  return manager.query(statement as unknown as string, values) as Promise<T[]>;
}
