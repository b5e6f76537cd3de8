import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How often each person wants the e-mail of each kind of notice, and the daily digests.
 *
 * - `notification_preferences`: one row per (person, kind) set away from the default
 *   (IMMEDIATE); DAILY gathers the kind into the morning digest, OFF sends no e-mail of it.
 * - `email_digests`: one digest e-mail per person and court day, with its delivery state like a
 *   notification's. UNIQUE (user_id, digest_day): never two digests the same day.
 * - `notifications.digest_id`: the digest that claimed the notice (each notice in one at most);
 *   `email_state` gains DAILY (waiting for the next digest) and OFF (the reader wants no e-mail
 *   of this kind).
 */
export class NotificationPreferences1796137446344 implements MigrationInterface {
  name = 'NotificationPreferences1796137446344';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        email text NOT NULL CHECK (email IN ('IMMEDIATE','DAILY','OFF')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE email_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        digest_day date NOT NULL,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','SENT','FAILED')),
        attempts int NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT email_digests_once UNIQUE (user_id, digest_day)
      )`);
    await q.query(
      `ALTER TABLE notifications ADD COLUMN digest_id uuid REFERENCES email_digests(id)`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_email_state_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_email_state_check
         CHECK (email_state IN ('PENDING','SENT','FAILED','SKIPPED','DAILY','OFF'))`,
    );
    // The digest scan reads the notices still waiting, by reader; the sender reads a digest's notices.
    await q.query(
      `CREATE INDEX notifications_digest_waiting_idx ON notifications (user_id, created_at)
         WHERE email_state = 'DAILY' AND digest_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX notifications_digest_idx ON notifications (digest_id) WHERE digest_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_digest_idx`);
    await q.query(`DROP INDEX notifications_digest_waiting_idx`);
    // The older schema knows neither state: those e-mails were not sent, as SKIPPED says.
    await q.query(
      `UPDATE notifications SET email_state = 'SKIPPED' WHERE email_state IN ('DAILY','OFF')`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_email_state_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_email_state_check
         CHECK (email_state IN ('PENDING','SENT','FAILED','SKIPPED'))`,
    );
    await q.query(`ALTER TABLE notifications DROP COLUMN digest_id`);
    await q.query(`DROP TABLE email_digests`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
