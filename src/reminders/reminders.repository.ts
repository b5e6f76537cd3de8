import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { insertIntoOutbox } from '../outbox/outbox.writer';
import { JOB, queueOf } from '../queues/queues';
import { PlannedReminder } from './reminder-schedule';

// Outbox job ids (BullMQ's, so no ':'): `reminder-<reminderId>`.
export const REMINDER_JOB_ID_PREFIX = 'reminder-';

/** The BullMQ job id of a reminder: one job per reminder row, so planning twice is harmless. */
export function reminderJobId(reminderId: string): string {
  return `${REMINDER_JOB_ID_PREFIX}${reminderId}`;
}

/**
 * The INSERT of reminder rows that `source` (a SELECT) yields as (review_request_id, kind,
 * planned_at). Those planned before `horizonEnd` (an SQL expression of type timestamptz) are
 * queued at once (queued_at = now()): the caller writes their jobs to the outbox in the same
 * statement or transaction; the others wait for the sweep (RemindersRepository.queueEntering).
 * Returns each new row's id, planned_at and whether it was queued. For the statement that opens
 * review requests with their reminders in one go (ReviewsRepository.openRequests) and for
 * insertPlanned.
 */
export function insertReminders(source: string, horizonEnd: string, onConflict = ''): string {
  return `INSERT INTO reminders (review_request_id, kind, planned_at, queued_at)
    SELECT s.review_request_id, s.kind, s.planned_at,
           CASE WHEN s.planned_at < ${horizonEnd} THEN now() END
    FROM (${source}) AS s(review_request_id, kind, planned_at)
    ${onConflict}
    RETURNING id, planned_at, queued_at IS NOT NULL AS queued`;
}

/** A reminder row just written, and whether its job goes to the outbox now. */
export interface InsertedReminder {
  id: string;
  planned_at: Date;
  queued: boolean;
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
  /**
   * Inserts the planned reminders; one already live at the same (kind, time) is left alone. Those
   * planned before `horizonEnd` are marked queued: the caller writes their jobs to the outbox.
   */
  insertPlanned(
    manager: EntityManager,
    requestId: string,
    plan: PlannedReminder[],
    horizonEnd: Date,
  ): Promise<InsertedReminder[]> {
    if (!plan.length) return Promise.resolve([]);
    return manager.query(
      insertReminders(
        `SELECT $1::uuid, kind, planned_at
         FROM unnest($2::text[], $3::timestamptz[]) AS t(kind, planned_at)`,
        '$4::timestamptz',
        `ON CONFLICT (review_request_id, kind, planned_at) WHERE state <> 'CANCELLED' DO NOTHING`,
      ),
      [
        requestId,
        plan.map((r) => r.kind),
        plan.map((r) => r.plannedAt.toISOString()),
        horizonEnd.toISOString(),
      ],
    );
  }

  /**
   * Queues up to `limit` planned reminders due before `horizonEnd` that are not queued yet: marks
   * them and writes their `reminder-<id>` jobs to the outbox, in one statement. Rows another
   * sweep holds are skipped (SKIP LOCKED), so sweeps may run side by side; a reminder cancelled
   * or sent meanwhile is no longer PLANNED and is left out. Returns how many were queued.
   */
  async queueEntering(manager: EntityManager, horizonEnd: Date, limit: number): Promise<number> {
    const rows: { queued: number }[] = await manager.query(
      `WITH due AS (
         SELECT id FROM reminders
         WHERE state = 'PLANNED' AND queued_at IS NULL AND planned_at < $1
         ORDER BY planned_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), queued AS (
         UPDATE reminders r SET queued_at = now() FROM due WHERE r.id = due.id
         RETURNING r.id, r.planned_at
       ), job AS (
         ${insertIntoOutbox(
           `SELECT $3::text, $4::text, $5::text || id, jsonb_build_object('reminderId', id), planned_at
            FROM queued`,
         )}
       )
       SELECT count(*)::int AS queued FROM queued`,
      [
        horizonEnd.toISOString(),
        limit,
        queueOf(JOB.REVIEW_REMINDER),
        JOB.REVIEW_REMINDER,
        REMINDER_JOB_ID_PREFIX,
      ],
    );
    return rows[0].queued;
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
