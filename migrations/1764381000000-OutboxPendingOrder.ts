import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay takes unpublished outbox rows in (attempts, id) order (rows that keep failing go last).
 * The partial index on (id) alone made every pass read and sort all unpublished rows (30 ms, spilling
 * to disk, for a pass of 500 out of 50,000); on (attempts, id) a pass reads just its batch. Nothing
 * else used the old index: cancellations find their rows by job_id, counts of what is unpublished
 * are served by the new one as well.
 */
export class OutboxPendingOrder1764381000000 implements MigrationInterface {
  name = 'OutboxPendingOrder1764381000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX outbox_pending_idx ON outbox (attempts, id) WHERE published_at IS NULL`,
    );
    await q.query(`DROP INDEX outbox_unpublished_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`DROP INDEX outbox_pending_idx`);
  }
}
