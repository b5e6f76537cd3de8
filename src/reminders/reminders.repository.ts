import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlannedReminder } from './reminder-schedule';

// Outbox job ids (BullMQ's, so no ':'): `reminder-<reminderId>`.
export const REMINDER_JOB_ID_PREFIX = 'reminder-';

/** The BullMQ job id of a reminder: one job per reminder row, so planning twice is harmless. */
export function reminderJobId(reminderId: string): string {
  return `${REMINDER_JOB_ID_PREFIX}${reminderId}`;
}

/**
 * The INSERT of reminder rows that `source` (a SELECT) yields as (review_request_id, kind,
 * planned_at), returning each new row's id and planned_at: for the statement that opens review
 * requests with their reminders in one go (ReviewsRepository.openRequests).
 */
export function insertReminders(source: string): string {
  return `INSERT INTO reminders (review_request_id, kind, planned_at) ${source}
    RETURNING id, planned_at`;
}

export interface ReminderRow {
  id: string;
  review_request_id: string;
  kind: string;
  planned_at: Date;
  state: 'PLANNED' | 'SENT' | 'CANCELLED';
  sent_at: Date | null;
  cancelled_at: Date | null;
}

/** A review request's reminder as the claim returns it, with what the message needs. */
export interface ClaimedReminder {
  id: string;
  kind: string;
  planned_at: Date;
  review_request_id: string;
  guideline_id: string;
  agency_id: string;
  due_date: string;
  version_number: number;
}

/** Reminder rows of review requests. Every method runs in the caller's transaction. */
@Injectable()
export class RemindersRepository {
  /** Inserts the planned reminders; one already live at the same (kind, time) is left alone. */
  insertPlanned(
    manager: EntityManager,
    requestId: string,
    plan: PlannedReminder[],
  ): Promise<{ id: string; planned_at: Date }[]> {
    if (!plan.length) return Promise.resolve([]);
    return manager.query(
      `INSERT INTO reminders (review_request_id, kind, planned_at)
       SELECT $1, kind, planned_at FROM unnest($2::text[], $3::timestamptz[]) AS t(kind, planned_at)
       ON CONFLICT (review_request_id, kind, planned_at) WHERE state <> 'CANCELLED' DO NOTHING
       RETURNING id, planned_at`,
      [requestId, plan.map((r) => r.kind), plan.map((r) => r.plannedAt.toISOString())],
    );
  }

  /** Cancels what is still planned for these requests; returns the cancelled reminder ids. */
  async cancelPlanned(manager: EntityManager, requestIds: string[]): Promise<string[]> {
    if (!requestIds.length) return [];
    const rows: { id: string }[] = await manager.query(
      `WITH cancelled AS (
         UPDATE reminders SET state = 'CANCELLED', cancelled_at = now()
         WHERE review_request_id = ANY($1::uuid[]) AND state = 'PLANNED' RETURNING id
       ) SELECT id FROM cancelled`,
      [requestIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims a reminder for sending: it must still be PLANNED and its request still PENDING. The
   * request row is share-locked first, so an answer, withdrawal or new due date committing at the
   * same moment either comes before (nothing is claimed) or waits until this send is recorded.
   */
  async claim(manager: EntityManager, reminderId: string): Promise<ClaimedReminder | null> {
    const rows: ClaimedReminder[] = await manager.query(
      `WITH request AS (
         SELECT q.id, q.guideline_id, q.agency_id, q.due_date, q.version_number
         FROM review_requests q JOIN reminders r ON r.review_request_id = q.id
         WHERE r.id = $1 AND q.status = 'PENDING'
         FOR SHARE OF q
       ), claimed AS (
         UPDATE reminders r SET state = 'SENT', sent_at = now()
         FROM request WHERE r.id = $1 AND r.state = 'PLANNED' AND r.review_request_id = request.id
         RETURNING r.id, r.kind, r.planned_at, r.review_request_id
       )
       SELECT c.id, c.kind, c.planned_at, c.review_request_id, q.guideline_id, q.agency_id,
              to_char(q.due_date, 'YYYY-MM-DD') AS due_date, q.version_number
       FROM claimed c JOIN request q ON q.id = c.review_request_id`,
      [reminderId],
    );
    return rows[0] ?? null;
  }

  listForRequest(manager: EntityManager, requestId: string): Promise<ReminderRow[]> {
    return manager.query(
      `SELECT id, review_request_id, kind, planned_at, state, sent_at, cancelled_at FROM reminders
       WHERE review_request_id = $1 ORDER BY planned_at, created_at`,
      [requestId],
    );
  }
}
