import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../court/roles';

/** Why a session ended (`sessions.end_reason`). The database sets the last two itself. */
export type SessionEndReason =
  'SIGNED_OUT' | 'ENDED_BY_USER' | 'ENDED_BY_ADMIN' | 'PASSWORD_CHANGED' | 'DEACTIVATED';

export interface OpenSession {
  id: string;
  device: string;
  address: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/** Sessions kept after they ended or expired, for nobody's benefit: older ones are removed. */
const KEEP_OLD_SESSIONS_DAYS = 30;

/**
 * Owns `sessions` (migration 1796125675378-Sessions): one row per sign-in. Ending a row is
 * announced to every API process by the database; a password change or a deactivation ends the
 * user's rows in the database itself.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new session of the user, open for `ttlSeconds`; the user's long-gone sessions are dropped. */
  async open(
    userId: string,
    client: { device: string; address: string },
    ttlSeconds: number,
  ): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `WITH gone AS (
         DELETE FROM sessions
          WHERE user_id = $1 AND expires_at < now() - make_interval(days => $5)
       )
       INSERT INTO sessions (user_id, device, address, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       RETURNING id`,
      [userId, client.device, client.address, ttlSeconds, KEEP_OLD_SESSIONS_DAYS],
    );
    return rows[0].id;
  }

  /**
   * The caller of an open, unexpired session of an active user, with its agency's code: one
   * statement, the only database round trip of a request whose caller is not in memory.
   */
  async findCaller(sessionId: string): Promise<AuthUser | null> {
    const rows: AuthUser[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.committees, u.agency_id AS "agencyId",
              a.code AS "agencyCode", u.institution, u.locale,
              u.must_change_password AS "mustChangePassword",
              EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL)
                AS "totpEnabled"
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN agencies a ON a.id = u.agency_id
        WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  /** Records that the session was used (callers write it at most once a minute per session). */
  async touch(sessionId: string): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND ended_at IS NULL`,
      [sessionId],
    );
  }

  /** The user's open sessions, most recently used first. */
  listOpen(userId: string): Promise<OpenSession[]> {
    return this.db.query(
      `SELECT id, device, address, created_at AS "createdAt", last_seen_at AS "lastSeenAt"
         FROM sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now()
        ORDER BY last_seen_at DESC, id`,
      [userId],
    );
  }

  /** Ends one session (of this user when `userId` is given); false when there was none open. */
  async end(sessionId: string, reason: SessionEndReason, userId?: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2
        WHERE id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR user_id = $3)`,
      [sessionId, reason, userId ?? null],
    );
    return count > 0;
  }

  /** Ends every open session of the user; the number ended. */
  async endAll(userId: string, reason: SessionEndReason): Promise<number> {
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL`,
      [userId, reason],
    );
    return count;
  }
}
