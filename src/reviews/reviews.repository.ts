import { Injectable } from '@nestjs/common';
import { readableSql } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isCalendarDayText } from '../common/day-or-instant';
import { decodeCursor, isUuidText } from '../common/pagination';
import { PreparedStatement, runPrepared } from '../database/prepared';
import { insertIntoOutbox } from '../outbox/outbox.writer';
import { JOB, queueOf } from '../queues/queues';
import { PlannedReminder } from '../reminders/reminder-schedule';
import { insertReminders, REMINDER_JOB_ID_PREFIX } from '../reminders/reminders.repository';
import type { CheckedLetter, LetterMediaType } from './review-letter';
import { overdueCondition, pendingInTimeCondition } from '../court/review-status';
import { Decision, ReviewStatus } from './review.dto';

// The 'review requested' job of a move into review: `review-requested-<transitionId>` (BullMQ's,
// so no ':'), one for all the agencies asked.
const REVIEW_REQUESTED_JOB_ID_PREFIX = 'review-requested-';

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
 * ReviewsRepository.openRequests, prepared (planned once per connection): $1-$7 the requests
 * (guideline, version, version number, agencies, transition, due day, requested by), $8-$9 the
 * plan (kinds, times), $10-$12 and $13-$15 the queue, job name and job id prefix of the 'review
 * requested' and the reminder jobs, $16 the end of the reminders' horizon (only reminders due
 * before it have their job written now).
 */
const OPEN_REQUESTS: PreparedStatement = {
  name: 'reviews-open-requests',
  text: `WITH request AS (
         INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, transition_id, due_date, requested_by)
         SELECT $1, $2, $3, agency_id, $5, $6::date, $7 FROM unnest($4::uuid[]) AS agency_id
         RETURNING id, transition_id
       ), reminder AS (
         ${insertReminders(
           `
           SELECT request.id, plan.kind, plan.planned_at
           FROM request, unnest($8::text[], $9::timestamptz[]) AS plan(kind, planned_at)`,
           '$16::timestamptz',
         )}
       ), job AS (
         ${insertIntoOutbox(`
           SELECT $10::text, $11::text, $12::text || transition_id,
             jsonb_build_object('transitionId', transition_id::text, 'reviewRequestIds', jsonb_agg(id ORDER BY id)), now()
           FROM request GROUP BY transition_id
           UNION ALL
           SELECT $13::text, $14::text, $15::text || id, jsonb_build_object('reminderId', id), planned_at
           FROM reminder WHERE queued`)}
       )
       SELECT id FROM request`,
};

export interface ReviewRow {
  id: string;
  guideline_id: string;
  guideline_code: string;
  title_en: string;
  title_lo: string;
  version_number: number;
  agency_id: string;
  agency_code: string;
  agency_name_en: string;
  agency_name_lo: string;
  due_date: string;
  status: 'PENDING' | 'ANSWERED' | 'WITHDRAWN';
  requested_at: Date;
  decision: Decision | null;
  response_comments: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  answered_through: 'ACCOUNT' | 'LINK' | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  /** The signed letter attached to the answer (its facts, never its bytes); null without one. */
  letter_file_name: string | null;
  letter_media_type: LetterMediaType | null;
  letter_size: number | null;
  letter_sha256: string | null;
}

export interface DueDateChangeRow {
  from_date: string;
  to_date: string;
  reason: string;
  changed_by: string;
  changed_by_name: string;
  changed_at: Date;
}

const SELECT_REVIEW = `
  SELECT q.id, q.guideline_id, g.code AS guideline_code, g.title_en, g.title_lo, q.version_number,
    q.agency_id, a.code AS agency_code, a.name_en AS agency_name_en, a.name_lo AS agency_name_lo,
    to_char(q.due_date, 'YYYY-MM-DD') AS due_date, q.status, q.requested_at, q.decision,
    q.response_comments, q.signatory_name, q.signatory_title, q.answered_by,
    ub.name AS answered_by_name, q.answered_at, q.answered_through, q.withdrawn_at, q.withdrawn_reason,
    l.file_name AS letter_file_name, l.media_type AS letter_media_type, l.size AS letter_size,
    encode(l.sha256, 'hex') AS letter_sha256
  FROM review_requests q
  JOIN guidelines g ON g.id = q.guideline_id
  JOIN agencies a ON a.id = q.agency_id
  LEFT JOIN users ub ON ub.id = q.answered_by
  LEFT JOIN review_letters l ON l.review_request_id = q.id`;

export interface ReviewFilter {
  /** Only this agency's requests (a reviewer); null for every agency. */
  agencyId: string | null;
  status?: ReviewStatus;
  guidelineId?: string;
  /** Today in APP_TIMEZONE: a PENDING request due before it is OVERDUE. */
  today: string;
}

/** Review requests as the API reads and changes them. */
@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ordered by due day (the most urgent first), keyset pages on (due_date, id). */
  page(filter: ReviewFilter, limit: number, cursor?: string): Promise<ReviewRow[]> {
    const after = decodeCursor<[string, string]>(cursor, [isCalendarDayText, isUuidText]);
    // OVERDUE and PENDING are told apart by the one rule (src/court/review-status.ts).
    const status =
      filter.status === 'OVERDUE' || filter.status === 'PENDING' ? null : (filter.status ?? null);
    const lateness =
      filter.status === 'OVERDUE'
        ? `AND ${overdueCondition('q', '$4::date')}`
        : filter.status === 'PENDING'
          ? `AND ${pendingInTimeCondition('q', '$4::date')}`
          : 'AND $4::date IS NOT NULL';
    return this.dataSource.query(
      `${SELECT_REVIEW}
       WHERE ${readableSql.reviewRequest('q.agency_id', '$1')} AND ($2::text IS NULL OR q.status = $2)
         AND ($3::uuid IS NULL OR q.guideline_id = $3) ${lateness}
         AND ($5::date IS NULL OR (q.due_date, q.id) > ($5::date, $6::uuid))
       ORDER BY q.due_date, q.id LIMIT $7`,
      [
        filter.agencyId,
        status,
        filter.guidelineId ?? null,
        filter.today,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
  }

  /** How many requests are OVERDUE today (`YYYY-MM-DD` in APP_TIMEZONE). */
  async countOverdue(today: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM review_requests q WHERE ${overdueCondition('q', '$1::date')}`,
      [today],
    );
    return rows[0].n;
  }

  /** The request when the caller may see it (agencyId null: any agency); otherwise null. */
  async findVisible(
    id: string,
    agencyId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReviewRow | null> {
    const rows = await manager.query(
      `${SELECT_REVIEW} WHERE q.id = $1 AND ${readableSql.reviewRequest('q.agency_id', '$2')}`,
      [id, agencyId],
    );
    return rows[0] ?? null;
  }

  /** Records the agency's answer if the request is still PENDING; false otherwise. */
  async answer(
    manager: EntityManager,
    id: string,
    agencyId: string,
    answer: {
      decision: Decision;
      comments: string;
      signatoryName: string;
      signatoryTitle: string;
      /** The reviewer signed in; null through the agency's link. */
      answeredBy: string | null;
    },
  ): Promise<boolean> {
    const rows = await manager.query(
      `WITH answered AS (
         UPDATE review_requests SET status = 'ANSWERED', decision = $3, response_comments = $4,
           signatory_name = $5, signatory_title = $6, answered_by = $7, answered_at = now(),
           answered_through = CASE WHEN $7::uuid IS NULL THEN 'LINK' ELSE 'ACCOUNT' END
         WHERE id = $1 AND agency_id = $2 AND status = 'PENDING' RETURNING id
       ) SELECT id FROM answered`,
      [
        id,
        agencyId,
        answer.decision,
        answer.comments,
        answer.signatoryName,
        answer.signatoryTitle,
        answer.answeredBy,
      ],
    );
    return rows.length === 1;
  }

  /** Stores the signed letter of an answer, in the answer's transaction. */
  async attachLetter(manager: EntityManager, id: string, letter: CheckedLetter): Promise<void> {
    await manager.query(
      `INSERT INTO review_letters (review_request_id, media_type, file_name, size, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, letter.mediaType, letter.fileName, letter.size, letter.sha256, letter.content],
    );
  }

  /** The letter's bytes and type; null when the request has none. */
  async letterContent(
    id: string,
  ): Promise<{ content: Buffer; media_type: LetterMediaType } | null> {
    const rows = await this.dataSource.query(
      `SELECT content, media_type FROM review_letters WHERE review_request_id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Locks the request for a change (due date, link); null when unknown. */
  async lockForDueDateChange(
    manager: EntityManager,
    id: string,
  ): Promise<{
    status: 'PENDING' | 'ANSWERED' | 'WITHDRAWN';
    due_date: string;
    guideline_id: string;
    agency_id: string;
    version_number: number;
  } | null> {
    const rows = await manager.query(
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date, guideline_id, agency_id, version_number
         FROM review_requests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Returns the id of the change's history row. */
  async changeDueDate(
    manager: EntityManager,
    change: { id: string; from: string; to: string; reason: string; changedBy: string },
  ): Promise<string> {
    await manager.query(`UPDATE review_requests SET due_date = $2::date WHERE id = $1`, [
      change.id,
      change.to,
    ]);
    const rows = await manager.query(
      `INSERT INTO review_due_date_changes (review_request_id, from_date, to_date, reason, changed_by)
       VALUES ($1, $2::date, $3::date, $4, $5) RETURNING id`,
      [change.id, change.from, change.to, change.reason, change.changedBy],
    );
    return String(rows[0].id);
  }

  dueDateChanges(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DueDateChangeRow[]> {
    return manager.query(
      `SELECT to_char(c.from_date, 'YYYY-MM-DD') AS from_date, to_char(c.to_date, 'YYYY-MM-DD') AS to_date,
         c.reason, c.changed_by, u.name AS changed_by_name, c.changed_at
       FROM review_due_date_changes c JOIN users u ON u.id = c.changed_by
       WHERE c.review_request_id = $1 ORDER BY c.id`,
      [id],
    );
  }

  /**
   * Opens one PENDING request per agency, each with a reminder row per entry of `plan`, and puts
   * their jobs in the outbox: per reminder due before `horizonEnd` a `reminder-<id>` job
   * ({ reminderId }, run at its planned time; later ones are queued by the sweep), and one
   * 'review requested' event for them all, `review-requested-<transitionId>`
   * ({ transitionId, reviewRequestIds }, now). One statement, whatever the number of agencies;
   * returns the new request ids.
   */
  async openRequests(
    manager: EntityManager,
    requests: NewReviewRequests,
    plan: PlannedReminder[],
    horizonEnd: Date,
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
      horizonEnd.toISOString(),
    ]);
    return rows.map((r) => r.id);
  }

  /** Withdraws every PENDING request of the guideline; returns their ids. */
  async withdrawPending(
    manager: EntityManager,
    guidelineId: string,
    reason: string,
  ): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE review_requests SET status = 'WITHDRAWN', withdrawn_at = now(), withdrawn_reason = $2
       WHERE guideline_id = $1 AND status = 'PENDING' RETURNING id`,
      [guidelineId, reason],
    );
    return rows.map((r) => r.id);
  }

  /** What a notice about this request needs; null when there is no such request. */
  async noticeFacts(
    manager: EntityManager,
    id: string,
  ): Promise<{
    id: string;
    guideline_id: string;
    agency_id: string;
    version_number: number;
    status: 'PENDING' | 'ANSWERED' | 'WITHDRAWN';
    due_date: string;
  } | null> {
    const rows = await manager.query(
      `SELECT id, guideline_id, agency_id, version_number, status,
         to_char(due_date, 'YYYY-MM-DD') AS due_date
       FROM review_requests WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The content hash of the request's version and the agency's language (for its link page). */
  async linkFacts(
    manager: EntityManager,
    id: string,
    agencyId: string,
  ): Promise<{ content_hash: string; locale: 'lo' | 'en' }> {
    const [facts] = await manager.query(
      `SELECT v.content_hash, a.locale FROM guideline_versions v, agencies a
        WHERE v.id = (SELECT version_id FROM review_requests WHERE id = $1) AND a.id = $2`,
      [id, agencyId],
    );
    return facts;
  }

  /** The sections of the version under review, in order. */
  sectionsUnderReview(
    manager: EntityManager,
    id: string,
  ): Promise<
    {
      key: string;
      kind: 'text' | 'indicator';
      heading: string;
      body: string;
      indicator_code: string | null;
    }[]
  > {
    return manager.query(
      `SELECT key, kind, heading, body, indicator_code FROM version_sections
        WHERE version_id = (SELECT version_id FROM review_requests WHERE id = $1) ORDER BY position`,
      [id],
    );
  }
}
