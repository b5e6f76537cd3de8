import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passwords a person manages: an administrator may set a temporary password that must be changed
 * at the next sign-in (`users.must_change_password`), and a forgotten password is reset through a
 * single-use link sent by e-mail.
 *
 * - `password_reset_requests`: every request, for a known address or not (the same work either
 *   way), counted per e-mail and per client address to limit them; rows older than a day go.
 * - `password_reset_tokens`: the links sent, by the SHA-256 of their token (the token itself is
 *   only in the e-mail); used once, until `expires_at`; revoked when the password changes.
 * - `notifications.in_app`: false for messages that go by e-mail only (the reset link must not
 *   show in the inbox of whoever holds a session).
 */
export class AccountPasswords1796116662952 implements MigrationInterface {
  name = 'AccountPasswords1796116662952';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE notifications ADD COLUMN in_app boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE password_reset_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        address text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX password_reset_requests_email ON password_reset_requests (email, requested_at)`,
    );
    await q.query(
      `CREATE INDEX password_reset_requests_address ON password_reset_requests (address, requested_at)`,
    );
    await q.query(
      `CREATE INDEX password_reset_requests_age ON password_reset_requests (requested_at)`,
    );
    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        request_id uuid NOT NULL UNIQUE,
        token_hash text NOT NULL UNIQUE,
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX password_reset_tokens_open ON password_reset_tokens (user_id)
         WHERE used_at IS NULL AND revoked_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DROP TABLE password_reset_requests`);
    await q.query(`ALTER TABLE notifications DROP COLUMN in_app`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
