import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JOB, QUEUE } from '../jobs/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReminderPlanner } from '../reminders/reminder-planner.service';

export interface OpenReviewsArgs {
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
 * What the workflow asks of the interagency review, always inside the workflow's own transaction
 * (the move, its history row, the requests, their reminders and jobs commit together or not at
 * all; Redis is not touched, so the move works while Redis is down).
 */
@Injectable()
export class ReviewRequestsService {
  constructor(
    private readonly planner: ReminderPlanner,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * One PENDING request per agency for the given version, its reminders planned, and a job that
   * tells the agency's reviewers at once. Returns the new request ids.
   */
  async openForVersion(manager: EntityManager, args: OpenReviewsArgs): Promise<string[]> {
    if (!args.agencyIds.length) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO review_requests (guideline_id, version_id, version_number, agency_id, transition_id, due_date, requested_by)
       SELECT $1, $2, $3, agency_id, $5, $6::date, $7 FROM unnest($4::uuid[]) AS agency_id
       RETURNING id`,
      [
        args.guidelineId,
        args.versionId,
        args.versionNumber,
        args.agencyIds,
        args.transitionId,
        args.dueDate,
        args.requestedBy,
      ],
    );
    // The requests' reminder jobs and their 'review requested' jobs go out in one statement.
    await this.planner.planForRequests(
      manager,
      rows.map((r) => r.id),
      args.dueDate,
      new Date(),
      rows.map(({ id }) => ({
        queue: QUEUE.DOMAIN_EVENTS,
        name: JOB.REVIEW_REQUESTED,
        jobId: `review-requested-${id}`,
        payload: { reviewRequestId: id },
      })),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Withdraws every open request of the guideline and cancels their planned reminders (jobs
   * already in Redis find them CANCELLED and send nothing); the reviewers are told. Returns the
   * withdrawn ids.
   */
  async withdrawOpen(
    manager: EntityManager,
    guidelineId: string,
    reason: string,
  ): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE review_requests SET status = 'WITHDRAWN', withdrawn_at = now(), withdrawn_reason = $2
       WHERE guideline_id = $1 AND status = 'PENDING' RETURNING id`,
      [guidelineId, reason],
    );
    const ids = rows.map((r) => r.id);
    await this.planner.cancelForRequests(manager, ids);
    await this.outbox.enqueue(
      manager,
      ...ids.map((id) => ({
        queue: QUEUE.DOMAIN_EVENTS,
        name: JOB.REVIEW_WITHDRAWN,
        jobId: `review-withdrawn-${id}`,
        payload: { reviewRequestId: id },
      })),
    );
    return ids;
  }
}
