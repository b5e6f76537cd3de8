import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/prepare-database';
import { createTestDatabase, withSql } from './support/test-database';

/**
 * The migrations as an operator runs them: every one applied, then reverted one by one back to the
 * first, then applied again, on a database holding the rows that once made a down path fail.
 */
describe('migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(() => db.drop());

  it('revert all the way down past reminders cancelled and re-planned at the same time, and apply again', async () => {
    const request = '6f1c0d2e-0000-4000-8000-000000000001';
    await withSql(db.url, async (c) => {
      // Only the reminders matter here: the request's own rows are left out (foreign keys off).
      await c.query(`SET session_replication_role = replica`);
      await c.query(
        `INSERT INTO reminders (review_request_id, kind, planned_at, state, created_at) VALUES
           ($1, 'D-7', '2026-12-01T01:00:00Z', 'CANCELLED', now() - interval '2 days'),
           ($1, 'D-7', '2026-12-01T01:00:00Z', 'PLANNED',   now() - interval '1 day'),
           ($1, 'D-2', '2026-12-06T01:00:00Z', 'CANCELLED', now() - interval '2 days'),
           ($1, 'D-2', '2026-12-06T01:00:00Z', 'CANCELLED', now() - interval '1 day'),
           ($1, 'D',   '2026-12-08T01:00:00Z', 'CANCELLED', now())`,
        [request],
      );
    });

    const source = new DataSource(dataSourceOptions(db.url));
    await source.initialize();
    const reverted: string[] = [];
    try {
      for (;;) {
        const executed: { name: string }[] = await source.query(
          `SELECT name FROM migrations ORDER BY id DESC LIMIT 1`,
        );
        if (!executed.length) break;
        await source.undoLastMigration({ transaction: 'each' });
        reverted.push(executed[0].name);
      }
    } finally {
      await source.destroy();
    }
    expect(reverted).toContain('ReviewReminders1764377000000');
    expect(reverted.at(-1)).toBe('Foundation1764374400000');

    // Apply everything again on the reverted database: the schema comes back whole.
    const applied = await runMigrations(db.url);
    expect(applied).toEqual([...reverted].reverse());
  });

  it('keeps, of reminders repeating a key, the live one or else the newest cancelled one', async () => {
    const fresh = await createTestDatabase('migrations_rows');
    try {
      const request = '6f1c0d2e-0000-4000-8000-000000000002';
      await withSql(fresh.url, async (c) => {
        await c.query(`SET session_replication_role = replica`);
        await c.query(
          `INSERT INTO reminders (review_request_id, kind, planned_at, state, created_at) VALUES
             ($1, 'D-7', '2026-12-01T01:00:00Z', 'CANCELLED', now() - interval '2 days'),
             ($1, 'D-7', '2026-12-01T01:00:00Z', 'PLANNED',   now() - interval '1 day'),
             ($1, 'D-2', '2026-12-06T01:00:00Z', 'CANCELLED', now() - interval '2 days'),
             ($1, 'D-2', '2026-12-06T01:00:00Z', 'CANCELLED', now() - interval '1 day')`,
          [request],
        );
      });
      const source = new DataSource(dataSourceOptions(fresh.url));
      await source.initialize();
      try {
        // Down to just before ReviewReminders' own down would run.
        for (;;) {
          const [last]: { name: string }[] = await source.query(
            `SELECT name FROM migrations ORDER BY id DESC LIMIT 1`,
          );
          await source.undoLastMigration({ transaction: 'each' });
          if (last.name.startsWith('ReviewRemindersRevertible')) break;
        }
      } finally {
        await source.destroy();
      }
      const rows = await withSql(
        fresh.url,
        async (c) =>
          (
            await c.query(
              `SELECT kind, state, created_at < now() - interval '36 hours' AS older
               FROM reminders ORDER BY kind`,
            )
          ).rows,
      );
      expect(rows).toEqual([
        { kind: 'D-2', state: 'CANCELLED', older: false },
        { kind: 'D-7', state: 'PLANNED', older: false },
      ]);
    } finally {
      await fresh.drop();
    }
  });
});
