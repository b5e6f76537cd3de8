import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API processes keep the callers they authenticated in memory (src/users/active-users.ts) and
 * must forget one as soon as it changes: any change to a user row, or to the code of an agency,
 * is announced on the channel `auth_users` (delivered on commit), whichever process or SQL
 * session made it. The payload is the user's id, or '*' for "forget everyone".
 */
export class AuthUserChanges1764380000000 implements MigrationInterface {
  name = 'AuthUserChanges1764380000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION auth_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('auth_users', OLD.id::text);
        ELSE
          PERFORM pg_notify('auth_users', '*');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION auth_user_changed()`,
    );
    await q.query(
      `CREATE TRIGGER agencies_auth_changed AFTER UPDATE OF code OR DELETE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION auth_user_changed()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER agencies_auth_changed ON agencies`);
    await q.query(`DROP TRIGGER users_auth_changed ON users`);
    await q.query(`DROP FUNCTION auth_user_changed()`);
  }
}
