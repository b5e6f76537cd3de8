import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threads are one level deep: every reply's parent_id is the thread's top-level comment, so a
 * thread reads with one index lookup. A reply to a reply keeps the comment it answered here.
 */
export class CommentReplyTarget1764375000000 implements MigrationInterface {
  name = 'CommentReplyTarget1764375000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comments ADD COLUMN in_reply_to_id uuid REFERENCES comments(id)`);
    await q.query(
      `ALTER TABLE comments ADD CONSTRAINT comments_reply_target_in_thread CHECK (in_reply_to_id IS NULL OR parent_id IS NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comments DROP CONSTRAINT comments_reply_target_in_thread`);
    await q.query(`ALTER TABLE comments DROP COLUMN in_reply_to_id`);
  }
}
