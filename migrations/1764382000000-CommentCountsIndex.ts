import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading a version counts its live comments per section. With a correlated version id the
 * planner cannot know how many comments one version has, and once statistics show a few versions
 * holding most comments it scanned the whole table on every read. A covering index of live
 * comments answers the counts from the index alone, whatever the statistics say.
 */
export class CommentCountsIndex1764382000000 implements MigrationInterface {
  name = 'CommentCountsIndex1764382000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX comments_counts_idx ON comments (version_id, section_key) INCLUDE (parent_id, disposition_status) WHERE deleted_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX comments_counts_idx`);
  }
}
