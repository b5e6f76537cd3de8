import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working draft of each guideline's next version, the wording a commenter suggests, and the
 * record of which suggestions a published version applied.
 *
 * - `guideline_drafts`: at most one row per guideline, changed in place under its `revision`
 *   (optimistic concurrency: a save names the revision it started from). `sections` NULL means
 *   "a copy of the current version": the draft is only materialised when someone changes it.
 *   `applied_suggestions` lists the suggestions written into the draft since its last
 *   publication: `[{commentId, sectionKey, text}]`.
 * - `comments.suggestion`: the words a top-level comment proposes instead of its quoted passage
 *   (or of the whole section body when it quotes nothing).
 * - `version_applied_suggestions`: part of a published version's record, immutable like it;
 *   a comment's suggestion is applied by one version at most.
 */
export class WorkingDrafts1796117246191 implements MigrationInterface {
  name = 'WorkingDrafts1796117246191';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guideline_drafts (
        guideline_id uuid PRIMARY KEY REFERENCES guidelines(id),
        revision int NOT NULL DEFAULT 0 CHECK (revision >= 0),
        base_version_number int,
        sections jsonb CHECK (sections IS NULL OR jsonb_typeof(sections) = 'array'),
        change_summary text NOT NULL DEFAULT '',
        applied_suggestions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(applied_suggestions) = 'array'),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz
      )`);

    await q.query(`ALTER TABLE comments ADD COLUMN suggestion text`);
    await q.query(
      `ALTER TABLE comments ADD CONSTRAINT comments_suggestion_top_level CHECK (suggestion IS NULL OR parent_id IS NULL)`,
    );

    await q.query(`
      CREATE TABLE version_applied_suggestions (
        version_id uuid NOT NULL REFERENCES guideline_versions(id),
        comment_id uuid NOT NULL REFERENCES comments(id),
        section_key text NOT NULL,
        position int NOT NULL CHECK (position >= 0),
        PRIMARY KEY (version_id, position),
        CONSTRAINT version_applied_suggestions_once UNIQUE (comment_id)
      )`);
    await q.query(
      `CREATE TRIGGER version_applied_suggestions_immutable BEFORE UPDATE OR DELETE ON version_applied_suggestions FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER version_applied_suggestions_no_truncate BEFORE TRUNCATE ON version_applied_suggestions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE version_applied_suggestions`);
    await q.query(`ALTER TABLE comments DROP CONSTRAINT comments_suggestion_top_level`);
    await q.query(`ALTER TABLE comments DROP COLUMN suggestion`);
    await q.query(`DROP TABLE guideline_drafts`);
  }
}
