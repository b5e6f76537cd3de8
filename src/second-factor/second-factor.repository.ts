import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MAX_WRONG_CODES, WRONG_CODES_WINDOW_SECONDS } from './second-factor-rules';

export type SecondFactorEvent = 'ENROLLED' | 'RECOVERY_CODE_USED' | 'RESET_BY_ADMIN' | 'DISABLED';

export interface Enrolment {
  secretEncrypted: Buffer;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export interface SecondFactorHistoryEntry {
  event: SecondFactorEvent;
  at: Date;
  actorId: string | null;
  actorName: string | null;
}

/**
 * Owns `user_totp`, `totp_recovery_codes` and `second_factor_history` (migration
 * 1796137426636-SecondFactor). Every check that a code works once is a conditional UPDATE, so two
 * requests with the same code (in any API processes) cannot both pass.
 */
@Injectable()
export class SecondFactorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(userId: string): Promise<Enrolment | null> {
    const rows: Enrolment[] = await this.db.query(
      `SELECT secret_encrypted AS "secretEncrypted", enabled_at AS "enabledAt",
              last_time_step::float8 AS "lastTimeStep"
         FROM user_totp WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Starts (or starts again) an enrolment with a new secret; false when one is already enabled
   * (it is never replaced that way).
   */
  async start(userId: string, secretEncrypted: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO user_totp (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE
          SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = now(), last_time_step = NULL
        WHERE user_totp.enabled_at IS NULL
       RETURNING user_id`,
      [userId, secretEncrypted],
    );
    return rows.length > 0;
  }

  /**
   * Counts one code attempt against the account (the window restarts once it has passed); null
   * when it may go on, else the seconds until the window ends. A code that works clears the count.
   */
  async reserveAttempt(userId: string): Promise<number | null> {
    // One UPDATE: under concurrent attempts PostgreSQL re-checks its WHERE on the row as the
    // other attempt left it, so no more than MAX_WRONG_CODES pass in a window.
    const open = `failed_since IS NOT NULL AND failed_since > now() - make_interval(secs => $3)`;
    const counted = await this.changed(
      `UPDATE user_totp
          SET failed_codes = CASE WHEN ${open} THEN failed_codes + 1 ELSE 1 END,
              failed_since = CASE WHEN ${open} THEN failed_since ELSE now() END
        WHERE user_id = $1 AND NOT (${open} AND failed_codes >= $2)
       RETURNING user_id`,
      [userId, MAX_WRONG_CODES, WRONG_CODES_WINDOW_SECONDS],
    );
    if (counted) return null;
    const rows: { retry: number | null }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM failed_since + make_interval(secs => $2) - now()))::int AS retry
         FROM user_totp WHERE user_id = $1`,
      [userId, WRONG_CODES_WINDOW_SECONDS],
    );
    if (!rows.length) return null;
    return Math.max(1, rows[0].retry ?? WRONG_CODES_WINDOW_SECONDS);
  }

  /**
   * Takes a code's time step as used, if it is later than the last one taken: false when this
   * step (or a later one) was already used. Clears the wrong-code count.
   */
  async takeTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const taken = await this.changed(
      `UPDATE user_totp SET last_time_step = $2, failed_codes = 0, failed_since = NULL
        WHERE user_id = $1 AND enabled_at IS NOT NULL
          AND (last_time_step IS NULL OR last_time_step < $2)
       RETURNING user_id`,
      [userId, timeStep],
    );
    return taken > 0;
  }

  /**
   * Enables a started enrolment with the time step of the code that confirmed it and the hashes
   * of its recovery codes; false when it was not pending (confirmed meanwhile, or reset).
   */
  async enable(userId: string, timeStep: number, codeHashes: Buffer[]): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const enabled = await this.changed(
        `UPDATE user_totp
            SET enabled_at = now(), last_time_step = $2, failed_codes = 0, failed_since = NULL
          WHERE user_id = $1 AND enabled_at IS NULL
         RETURNING user_id`,
        [userId, timeStep],
        manager,
      );
      if (!enabled) return false;
      await manager.query(`DELETE FROM totp_recovery_codes WHERE user_id = $1`, [userId]);
      await manager.query(
        `INSERT INTO totp_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])`,
        [userId, codeHashes],
      );
      await this.record(manager, userId, 'ENROLLED', userId);
      return true;
    });
  }

  /** Uses a recovery code once (recorded); false when it is unknown or already used. */
  async useRecoveryCode(userId: string, codeHash: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH used AS (
         UPDATE totp_recovery_codes SET used_at = now()
          WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
            AND EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL)
         RETURNING user_id
       ), cleared AS (
         UPDATE user_totp SET failed_codes = 0, failed_since = NULL
          WHERE user_id IN (SELECT user_id FROM used)
       )
       INSERT INTO second_factor_history (user_id, event, actor_id)
       SELECT user_id, 'RECOVERY_CODE_USED', user_id FROM used
       RETURNING id`,
      [userId, codeHash],
    );
    return rows.length > 0;
  }

  /**
   * Removes the user's enrolment (enabled or only started) and its recovery codes, recording the
   * event when there was one; true when there was.
   */
  async remove(
    userId: string,
    event: 'RESET_BY_ADMIN' | 'DISABLED',
    actorId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH gone AS (DELETE FROM user_totp WHERE user_id = $1 RETURNING user_id)
       INSERT INTO second_factor_history (user_id, event, actor_id)
       SELECT user_id, $2, $3 FROM gone
       RETURNING id`,
      [userId, event, actorId],
    );
    return rows.length > 0;
  }

  async status(userId: string): Promise<SecondFactorStatus> {
    const rows: SecondFactorStatus[] = await this.db.query(
      `SELECT t.enabled_at IS NOT NULL AS enabled, t.enabled_at AS "enabledAt",
              (SELECT count(*) FROM totp_recovery_codes r
                WHERE r.user_id = t.user_id AND r.used_at IS NULL)::int AS "recoveryCodesLeft"
         FROM user_totp t WHERE t.user_id = $1`,
      [userId],
    );
    return rows[0] ?? { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
  }

  /** What happened to the user's second factor, newest first (at most the last 50 events). */
  history(userId: string): Promise<SecondFactorHistoryEntry[]> {
    return this.db.query(
      `SELECT h.event, h.at, h.actor_id AS "actorId", a.name AS "actorName"
         FROM second_factor_history h LEFT JOIN users a ON a.id = h.actor_id
        WHERE h.user_id = $1
        ORDER BY h.at DESC, h.id
        LIMIT 50`,
      [userId],
    );
  }

  /**
   * Runs an UPDATE or DELETE … RETURNING and counts the rows it changed (wrapped in a SELECT:
   * TypeORM answers a bare UPDATE as [rows, count], which an `if (rows.length)` would misread).
   */
  private async changed(
    statement: string,
    parameters: unknown[],
    manager: Pick<EntityManager, 'query'> = this.db,
  ): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `WITH changed AS (${statement}) SELECT count(*)::int AS n FROM changed`,
      parameters,
    );
    return rows[0].n;
  }

  private async record(
    manager: EntityManager,
    userId: string,
    event: SecondFactorEvent,
    actorId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO second_factor_history (user_id, event, actor_id) VALUES ($1, $2, $3)`,
      [userId, event, actorId],
    );
  }
}
