import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in (TOTP, RFC 6238). `user_totp` holds one enrolment per user: the secret
 * encrypted (AES-256-GCM, src/second-factor/secret-box.ts; never answered after enrolment), when it
 * was confirmed (`enabled_at`; NULL while enrolment is started but not confirmed), the last time
 * step a code was accepted for (a code works once) and the count of wrong codes in the current
 * window (codes are limited per account). `totp_recovery_codes` holds the SHA-256 of each recovery
 * code (single use: `used_at`). `second_factor_history` records enrolment, recovery code use and
 * an administrator's reset, append-only.
 *
 * A change to a user's enrolment is announced on `auth_users` with the user's id, so every API
 * process forgets the callers it keeps in memory (src/users/active-users.ts) and sees the new
 * `totpEnabled` at the next request.
 */
export class SecondFactor1796137426636 implements MigrationInterface {
  name = 'SecondFactor1796137426636';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret_encrypted bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enabled_at timestamptz,
        last_time_step bigint,
        failed_codes integer NOT NULL DEFAULT 0 CHECK (failed_codes >= 0),
        failed_since timestamptz
      )`);
    await q.query(`
      CREATE TABLE totp_recovery_codes (
        user_id uuid NOT NULL REFERENCES user_totp(user_id) ON DELETE CASCADE,
        code_hash bytea NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE second_factor_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        event text NOT NULL CHECK (event IN ('ENROLLED','RECOVERY_CODE_USED','RESET_BY_ADMIN','DISABLED')),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX second_factor_history_user ON second_factor_history (user_id, at)`);
    await q.query(`
      CREATE FUNCTION second_factor_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'second_factor_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER second_factor_history_no_update BEFORE UPDATE ON second_factor_history
        FOR EACH ROW EXECUTE FUNCTION second_factor_history_append_only()`);
    await q.query(`
      CREATE FUNCTION user_totp_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_users', COALESCE(NEW.user_id, OLD.user_id)::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER user_totp_enabled AFTER INSERT OR DELETE OR UPDATE OF enabled_at ON user_totp
        FOR EACH ROW EXECUTE FUNCTION user_totp_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER user_totp_enabled ON user_totp`);
    await q.query(`DROP FUNCTION user_totp_changed()`);
    await q.query(`DROP TABLE second_factor_history`);
    await q.query(`DROP FUNCTION second_factor_history_append_only()`);
    await q.query(`DROP TABLE totp_recovery_codes`);
    await q.query(`DROP TABLE user_totp`);
  }
}
