import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on the routes that create things (src/idempotency): a key, per caller, is
 * claimed in the transaction of the write it names, and the write's answer is stored with it in
 * that same transaction, so a key is either unused or belongs to a committed write and its
 * answer: a retry replays that answer instead of writing again. Keys live 24 hours.
 */
export class IdempotencyKeys1796128285754 implements MigrationInterface {
  name = 'IdempotencyKeys1796128285754';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        fingerprint text NOT NULL,
        answer jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_age ON idempotency_keys (user_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
