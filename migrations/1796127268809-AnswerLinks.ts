import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies answer by link, without an account.
 *
 * - `agencies.locale`: the language the agency's contact address is written to (default Lao).
 * - `agency_messages`: e-mails to an agency's contact address (the review request, a moved due
 *   date, every reminder), one per dedupe key, with their delivery state like notifications'.
 *   The text is stored without the answer link: each e-mail carries a link of its own, minted
 *   when it is sent, of which only the digest is kept.
 * - `review_links`: the SHA-256 of each link's token, scoped to one review request; revoked when
 *   the request is answered or withdrawn, or the secretariat re-issues the link.
 * - `review_requests.answered_through`: ACCOUNT (a reviewer signed in) or LINK.
 */
export class AnswerLinks1796127268809 implements MigrationInterface {
  name = 'AnswerLinks1796127268809';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE agencies ADD COLUMN locale text NOT NULL DEFAULT 'lo' CHECK (locale IN ('lo','en'))`,
    );
    await q.query(`
      CREATE TABLE agency_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        review_request_id uuid NOT NULL REFERENCES review_requests(id),
        kind text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        address text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('lo','en')),
        subject text NOT NULL,
        body text NOT NULL,
        email_state text NOT NULL DEFAULT 'PENDING'
          CHECK (email_state IN ('PENDING','SENT','FAILED','SKIPPED')),
        email_attempts int NOT NULL DEFAULT 0,
        email_error text,
        email_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX agency_messages_request_idx ON agency_messages (review_request_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE review_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_request_id uuid NOT NULL REFERENCES review_requests(id),
        agency_message_id uuid REFERENCES agency_messages(id),
        token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        issued_at timestamptz NOT NULL DEFAULT now(),
        last_opened_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('ANSWERED','WITHDRAWN','REISSUED')),
        CONSTRAINT review_links_revoked_consistent CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX review_links_request_idx ON review_links (review_request_id) WHERE revoked_at IS NULL`,
    );
    await q.query(
      `ALTER TABLE review_requests ADD COLUMN answered_through text CHECK (answered_through IN ('ACCOUNT','LINK'))`,
    );
    await q.query(
      `UPDATE review_requests SET answered_through = 'ACCOUNT' WHERE status = 'ANSWERED'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_requests DROP COLUMN answered_through`);
    await q.query(`DROP TABLE review_links`);
    await q.query(`DROP TABLE agency_messages`);
    await q.query(`ALTER TABLE agencies DROP COLUMN locale`);
  }
}
