import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agency's signed letter attached to its answer (by a reviewer or through the answer link).
 *
 * - `review_letters`: at most one per review request (an answer is given once), written in the
 *   answer's own transaction. The file is kept in PostgreSQL (bytea, stored out of line and not
 *   compressed again: PDF, JPEG and PNG are compressed already), so every API process serves it.
 *   `media_type` is what the content is (checked by its bytes, not by its name); `file_name` is
 *   the name on the sender's computer, shown but never used as the download's name.
 * - A letter is part of the record: like the answer it belongs to, it is never changed or removed.
 */
export class ReviewLetters1796137407558 implements MigrationInterface {
  name = 'ReviewLetters1796137407558';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_letters (
        review_request_id uuid PRIMARY KEY REFERENCES review_requests(id),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf','image/jpeg','image/png')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
        sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
        content bytea NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT review_letters_size_is_content CHECK (octet_length(content) = size)
      )`);
    await q.query(`ALTER TABLE review_letters ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE TRIGGER review_letters_immutable BEFORE UPDATE OR DELETE ON review_letters FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER review_letters_no_truncate BEFORE TRUNCATE ON review_letters FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_letters`);
  }
}
