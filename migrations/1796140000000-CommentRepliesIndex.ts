import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A thread's replies are read a page at a time, in order (time, id): this index gives that order
 * for the live replies of one comment, so a page costs the same whatever the thread's length.
 */
export class CommentRepliesIndex1796140000000 implements MigrationInterface {
  name = 'CommentRepliesIndex1796140000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX comments_replies_idx ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL AND deleted_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX comments_replies_idx`);
  }
}
