import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type LinkRevocation = 'ANSWERED' | 'WITHDRAWN' | 'REISSUED';

/** A link's token: 256 random bits, URL-safe (43 characters). */
export function newAnswerToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export interface ResolvedLink {
  link_id: string;
  review_request_id: string;
  revoked_reason: LinkRevocation | null;
}

export interface LinkSummary {
  last_issued_at: Date | null;
  last_opened_at: Date | null;
  active: number;
}

/** Owns `review_links`: only digests of tokens are stored. */
@Injectable()
export class AnswerLinksRepository {
  async issue(
    manager: EntityManager,
    reviewRequestId: string,
    token: string,
    agencyMessageId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO review_links (review_request_id, token_hash, agency_message_id) VALUES ($1, $2, $3)`,
      [reviewRequestId, tokenDigest(token), agencyMessageId],
    );
  }

  /**
   * The link of this token while it is valid: until the end of the 30th day after the request's
   * due day in the court's zone. Revoked links are returned with their reason (the caller decides);
   * unknown and expired ones are null. One indexed lookup whatever the token.
   */
  async resolve(
    manager: EntityManager,
    token: string,
    timeZone: string,
    lock = false,
  ): Promise<ResolvedLink | null> {
    const rows = await manager.query(
      `SELECT l.id AS link_id, l.review_request_id, l.revoked_reason
         FROM review_links l JOIN review_requests q ON q.id = l.review_request_id
        WHERE l.token_hash = $1
          AND now() < ((q.due_date + 31)::timestamp AT TIME ZONE $2)
        ${lock ? 'FOR UPDATE OF q' : ''}`,
      [tokenDigest(token), timeZone],
    );
    return rows[0] ?? null;
  }

  async touch(manager: EntityManager, linkId: string): Promise<void> {
    await manager.query(`UPDATE review_links SET last_opened_at = now() WHERE id = $1`, [linkId]);
  }

  async revokeAll(
    manager: EntityManager,
    reviewRequestIds: string[],
    reason: LinkRevocation,
  ): Promise<void> {
    if (!reviewRequestIds.length) return;
    await manager.query(
      `UPDATE review_links SET revoked_at = now(), revoked_reason = $2
        WHERE review_request_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [reviewRequestIds, reason],
    );
  }

  async summary(manager: EntityManager, reviewRequestId: string): Promise<LinkSummary> {
    const rows = await manager.query(
      `SELECT max(issued_at) AS last_issued_at, max(last_opened_at) AS last_opened_at,
              (count(*) FILTER (WHERE revoked_at IS NULL))::int AS active
         FROM review_links WHERE review_request_id = $1`,
      [reviewRequestId],
    );
    return rows[0];
  }
}
