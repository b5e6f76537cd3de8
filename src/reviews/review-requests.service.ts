import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
 * (the move, its history row and the requests commit together or not at all).
 */
@Injectable()
export class ReviewRequestsService {
  /** One PENDING request per agency for the given version; returns the new request ids. */
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
    return rows.map((r) => r.id);
  }

  /** Withdraws every open request of the guideline; returns the withdrawn ids. */
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
    return rows.map((r) => r.id);
  }
}
