import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** How long a key is remembered. */
export const IDEMPOTENCY_KEY_HOURS = 24;

export interface UsedKey {
  fingerprint: string;
  answer: unknown;
}

/** Owns `idempotency_keys` (migration 1796128285754-IdempotencyKeys). */
@Injectable()
export class IdempotencyKeysRepository {
  /**
   * Claims the caller's key in this transaction (null), or answers what the committed write that
   * used it left. A second request with the same key waits here until the first one's transaction
   * ends (the insert waits on the primary key), then sees its answer; if the first one rolled
   * back, the key is free and the second one claims it. The caller's expired keys go first.
   */
  async claim(
    manager: EntityManager,
    userId: string,
    key: string,
    fingerprint: string,
  ): Promise<UsedKey | null> {
    await manager.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND created_at < now() - make_interval(hours => $2)`,
      [userId, IDEMPOTENCY_KEY_HOURS],
    );
    for (;;) {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, answer)
         VALUES ($1, $2, $3, 'null'::jsonb)
         ON CONFLICT (user_id, key) DO NOTHING
         RETURNING 1`,
        [userId, key, fingerprint],
      );
      if (claimed.length) return null;
      const rows: UsedKey[] = await manager.query(
        `SELECT fingerprint, answer FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      );
      // Gone meanwhile (it expired): claim it again.
      if (rows[0]) return rows[0];
    }
  }

  /** Stores the write's answer under the key claimed in this transaction. */
  async record(
    manager: EntityManager,
    userId: string,
    key: string,
    answer: unknown,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET answer = $3::jsonb WHERE user_id = $1 AND key = $2`,
      [userId, key, JSON.stringify(answer ?? null)],
    );
  }
}
