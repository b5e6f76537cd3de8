import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row per sign-in (browser cookie and bearer token alike): the access token carries the row's
 * id, and a token is good only while its session is open. So a session ends at once, in every API
 * process: ending it (`ended_at`) is announced on `auth_users` with the session's id, which the
 * callers kept in memory (src/users/active-users.ts) forget.
 *
 * The database itself ends every session of a user whose password changes (own change, reset
 * link, an administrator's new or temporary password, or SQL) or who is deactivated, so no way of
 * changing a password can forget to.
 */
export class Sessions1796125675378 implements MigrationInterface {
  name = 'Sessions1796125675378';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN
          ('SIGNED_OUT','ENDED_BY_USER','ENDED_BY_ADMIN','PASSWORD_CHANGED','DEACTIVATED')),
        device text NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        CONSTRAINT sessions_end_has_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX sessions_user_open ON sessions (user_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX sessions_user_age ON sessions (user_id, expires_at)`);
    await q.query(`
      CREATE FUNCTION session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_users', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_ended AFTER UPDATE OF ended_at ON sessions FOR EACH ROW
        WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL) EXECUTE FUNCTION session_ended()`);
    await q.query(
      `CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION session_ended()`,
    );
    await q.query(`
      CREATE FUNCTION user_sessions_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sessions
           SET ended_at = now(),
               end_reason = CASE WHEN NEW.active THEN 'PASSWORD_CHANGED' ELSE 'DEACTIVATED' END
         WHERE user_id = NEW.id AND ended_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_sessions_end AFTER UPDATE OF password_hash, active ON users FOR EACH ROW
        WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.active AND NOT NEW.active))
        EXECUTE FUNCTION user_sessions_end()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_sessions_end ON users`);
    await q.query(`DROP FUNCTION user_sessions_end()`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP FUNCTION session_ended()`);
  }
}
