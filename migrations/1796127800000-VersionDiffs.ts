import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions never change, so the diff of two versions is computed once and kept: keyed by the two
 * content hashes (the same content gives the same diff, whichever guideline it is in) and by the
 * method that made it (a new tokenizer or budget gives a new method, and new rows).
 */
export class VersionDiffs1796127800000 implements MigrationInterface {
  name = 'VersionDiffs1796127800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE version_diffs (
        from_hash text NOT NULL,
        to_hash text NOT NULL,
        method text NOT NULL,
        sections_json text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (from_hash, to_hash, method)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE version_diffs`);
  }
}
