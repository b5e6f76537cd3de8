import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A page of a version's comments reads each section's live top-level comments in order (time,
 * id) and stops at the page's size: this index gives that order for exactly those comments, so the
 * first page costs the same at 2,000 comments as at 20,000, even when most sit in one section.
 */
export class CommentPagesIndex1796128900000 implements MigrationInterface {
  name = 'CommentPagesIndex1796128900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX comments_page_idx ON comments (version_id, section_key, created_at, id) WHERE parent_id IS NULL AND deleted_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX comments_page_idx`);
  }
}
