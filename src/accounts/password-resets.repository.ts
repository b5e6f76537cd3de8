import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** How many reset requests count against an e-mail address and a client address, and since when. */
export interface ResetRequestCounts {
  byEmail: number;
  byAddress: number;
  /** Seconds until the oldest counted request leaves the window (for Retry-After). */
  retryAfterSeconds: number;
}

export interface OpenResetToken {
  id: string;
  userId: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** Owns `password_reset_requests` and `password_reset_tokens`. */
@Injectable()
export class PasswordResetsRepository {
  /**
   * Serialises the requests for one e-mail address and for one client address (transaction-level
   * advisory locks, e-mail first, so two requests can never wait for each other), then counts the
   * requests made within the window, and forgets requests older than a day.
   */
  async lockAndCount(
    manager: EntityManager,
    email: string,
    address: string,
    windowSeconds: number,
  ): Promise<ResetRequestCounts> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('password-reset-email ' || $1, 0))`,
      [email],
    );
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('password-reset-address ' || $1, 0))`,
      [address],
    );
    await manager.query(
      `DELETE FROM password_reset_requests WHERE requested_at < now() - interval '1 day'`,
    );
    const rows: { by_email: number; by_address: number; retry: number | null }[] =
      await manager.query(
        `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
                count(*) FILTER (WHERE address = $2)::int AS by_address,
                ceil(extract(epoch FROM min(requested_at) + make_interval(secs => $3) - now()))::int AS retry
           FROM password_reset_requests
          WHERE (email = $1 OR address = $2) AND requested_at > now() - make_interval(secs => $3)`,
        [email, address, windowSeconds],
      );
    const row = rows[0];
    return {
      byEmail: row.by_email,
      byAddress: row.by_address,
      retryAfterSeconds: Math.max(1, row.retry ?? windowSeconds),
    };
  }

  async recordRequest(manager: EntityManager, email: string, address: string): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO password_reset_requests (email, address) VALUES ($1, $2) RETURNING id`,
      [email, address],
    );
    return rows[0].id;
  }

  async findRequest(
    manager: EntityManager,
    id: string,
  ): Promise<{ email: string; requestedAt: Date } | null> {
    const rows = await manager.query(
      `SELECT email, requested_at AS "requestedAt" FROM password_reset_requests WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The token of one request (null when that request already has one: a job that ran twice),
   * valid until `expiresAt`.
   */
  async createToken(
    manager: EntityManager,
    token: { userId: string; requestId: string; tokenHash: string; expiresAt: Date },
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO password_reset_tokens (user_id, request_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING RETURNING id`,
      [token.userId, token.requestId, token.tokenHash, token.expiresAt],
    );
    return rows[0]?.id ?? null;
  }

  async attachNotification(manager: EntityManager, tokenId: string, notificationId: string) {
    await manager.query(`UPDATE password_reset_tokens SET notification_id = $2 WHERE id = $1`, [
      tokenId,
      notificationId,
    ]);
  }

  /** The unused, unexpired, unrevoked token with this hash, of an active user; or null. */
  async findOpen(manager: EntityManager, tokenHash: string): Promise<OpenResetToken | null> {
    const rows = await manager.query(
      `SELECT t.id, t.user_id AS "userId", u.email, u.name, u.password_hash AS "passwordHash"
         FROM password_reset_tokens t JOIN users u ON u.id = t.user_id AND u.active
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL
          AND t.expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Uses the token once: false when another request used it first (or it expired meanwhile). */
  async use(manager: EntityManager, tokenId: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE password_reset_tokens SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [tokenId],
    );
    return count > 0;
  }

  /**
   * Every open link of the user stops working (the password changed). Answers the notifications
   * that carried any of the user's links, so their stored copies can drop the link.
   */
  async revokeAll(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.query(
      `UPDATE password_reset_tokens SET revoked_at = now()
        WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [userId],
    );
    const rows: { id: string }[] = await manager.query(
      `SELECT notification_id AS id FROM password_reset_tokens
        WHERE user_id = $1 AND notification_id IS NOT NULL`,
      [userId],
    );
    return rows.map((row) => row.id);
  }
}
