import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PreparedStatement, runPrepared } from '../database/prepared';
import { JOB, queueOf } from '../queues/queues';
import { insertIntoOutbox } from '../outbox/outbox.writer';
import { PlannedReminder } from './reminder-schedule';

// Outbox job ids (BullMQ's, so no ':'): `reminder-<reminderId>`, `review-requested-<requestId>`.
const REMINDER_JOB_ID_PREFIX = 'reminder-';
const REVIEW_REQUESTED_JOB_ID_PREFIX = 'review-requested-';

/** The BullMQ job id of a reminder: one job per reminder row, so planning twice is harmless. */
export function reminderJobId(reminderId: string): string {
  return `${REMINDER_JOB_ID_PREFIX}${reminderId}`;
}

/** Review requests to open: one per agency, for the same version and due day. */
export interface NewReviewRequests {
  guidelineId: string;
  versionId: string;
  versionNumber: number;
  agencyIds: string[];
  /** Calendar day in APP_TIMEZONE, `YYYY-MM-DD`. */
  dueDate: string;
  requestedBy: string;
  transitionId: string;
}

/**
 * RemindersRepository.openRequests, prepared (planned once per connection): $1-$7 the requests
 * (guideline, version, version number, agencies, transition, due day, requested by), $8-$9 the
 * plan (kinds, times), $10-$12 and $13-$15 the queue, job name and job id prefix of the 'review
 * requested' and the reminder jobs.
 */
const OPEN_REQUESTS: PreparedStatement = {
  name: 'reminders-open-requests',
  text: `WITH request AS (
         INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, transition_id, due_date, requested_by)
         SELECT $1, $2, $3, agency_id, $5, $6::date, $7 FROM unnest($4::uuid[]) AS agency_id
         RETURNING id
       ), reminder AS (
         INSERT INTO reminders (review_request_id, kind, planned_at)
         SELECT request.id, plan.kind, plan.planned_at
         FROM request, unnest($8::text[], $9::timestamptz[]) AS plan(kind, planned_at)
         RETURNING id, planned_at
       ), job AS (
         ${insertIntoOutbox(`
           SELECT $10::text, $11::text, $12::text || id, jsonb_build_object('reviewRequestId', id), now()
           FROM request
           UNION ALL
           SELECT $13::text, $14::text, $15::text || id, jsonb_build_object('reminderId', id), planned_at
           FROM reminder`)}
       )
       SELECT id FROM request`,
};

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

/**
 * Reminder rows of review requests, and the opening of requests with their reminders. Every method
 * runs in the caller's transaction.
 */
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

  /**
   * Opens one PENDING request per agency, each with a reminder row per entry of `plan`, and puts
   * their jobs in the outbox: per reminder a `reminder-<id>` job ({ reminderId }, run at its
   * planned time), per request a 'review requested' event `review-requested-<id>`
   * ({ reviewRequestId }, now). One statement, whatever the number of agencies; returns the new
   * request ids.
   */
  async openRequests(
    manager: EntityManager,
    requests: NewReviewRequests,
    plan: PlannedReminder[],
  ): Promise<string[]> {
    if (!requests.agencyIds.length) return [];
    const rows = await runPrepared<{ id: string }>(manager, OPEN_REQUESTS, [
      requests.guidelineId,
      requests.versionId,
      requests.versionNumber,
      requests.agencyIds,
      requests.transitionId,
      requests.dueDate,
      requests.requestedBy,
      plan.map((r) => r.kind),
      plan.map((r) => r.plannedAt.toISOString()),
      queueOf(JOB.REVIEW_REQUESTED),
      JOB.REVIEW_REQUESTED,
      REVIEW_REQUESTED_JOB_ID_PREFIX,
      queueOf(JOB.REVIEW_REMINDER),
      JOB.REVIEW_REMINDER,
      REMINDER_JOB_ID_PREFIX,
    ]);
    return rows.map((r) => r.id);
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
