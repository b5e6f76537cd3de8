import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An agency's message as its sending needs it, with its request's status and the agency's names. */
export interface AgencyMessageToSend {
  subject: string;
  body: string;
  email_state: string;
  address: string;
  locale: 'lo' | 'en';
  review_request_id: string;
  status: 'PENDING' | 'ANSWERED' | 'WITHDRAWN';
  name_en: string;
  name_lo: string;
}

/**
 * The messages to agencies' contact addresses (agency_messages): the one writer of the table.
 * Every method runs in the caller's transaction.
 */
@Injectable()
export class AgencyMessagesRepository {
  /** Stores a message once per dedupe key; returns its id, or null when it was stored already. */
  async insert(
    manager: EntityManager,
    m: {
      agencyId: string;
      reviewRequestId: string;
      kind: string;
      dedupeKey: string;
      address: string;
      locale: string;
      subject: string;
      body: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO agency_messages (agency_id, review_request_id, kind, dedupe_key, address, locale, subject, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [m.agencyId, m.reviewRequestId, m.kind, m.dedupeKey, m.address, m.locale, m.subject, m.body],
    );
    return rows[0]?.id ?? null;
  }

  /** The message, locked for the rest of the transaction (a second sender waits, then finds it done). */
  async lockForSending(manager: EntityManager, id: string): Promise<AgencyMessageToSend | null> {
    const rows: AgencyMessageToSend[] = await manager.query(
      `SELECT m.subject, m.body, m.email_state, m.address, m.locale, m.review_request_id,
              q.status, a.name_en, a.name_lo
         FROM agency_messages m
         JOIN review_requests q ON q.id = m.review_request_id
         JOIN agencies a ON a.id = m.agency_id
        WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Nothing left to answer: the message is not sent. */
  async markSkipped(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE agency_messages SET email_state = 'SKIPPED' WHERE id = $1`, [id]);
  }

  /** A failed attempt, counted; on the last one the message is FAILED. */
  async recordFailure(
    manager: EntityManager,
    id: string,
    error: string,
    finalAttempt: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE agency_messages SET email_attempts = email_attempts + 1, email_error = $2,
         email_state = CASE WHEN $3::boolean THEN 'FAILED' ELSE email_state END
       WHERE id = $1`,
      [id, error, finalAttempt],
    );
  }

  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE agency_messages SET email_state = 'SENT', email_sent_at = now(),
         email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1`,
      [id],
    );
  }
}
