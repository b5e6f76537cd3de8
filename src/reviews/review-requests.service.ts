import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JOB } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReminderPlanner } from '../reminders/reminder-planner.service';
import { planReviewReminders } from '../reminders/reminder-schedule';
import { AnswerLinksRepository } from './answer-links.repository';
import { NewReviewRequests, ReviewsRepository } from './reviews.repository';

/**
 * What the workflow asks of the interagency review, always inside the workflow's own transaction
 * (the move, its history row, the requests, their reminders and jobs commit together or not at
 * all; Redis is not touched, so the move works while Redis is down).
 */
@Injectable()
export class ReviewRequestsService {
  constructor(
    private readonly planner: ReminderPlanner,
    private readonly reviews: ReviewsRepository,
    private readonly outbox: OutboxWriter,
    private readonly links: AnswerLinksRepository,
  ) {}

  /**
   * One PENDING request per agency for the given version, its reminders planned, and a job that
   * tells the agency's reviewers at once, in one statement. Returns the new request ids.
   */
  openForVersion(manager: EntityManager, args: NewReviewRequests): Promise<string[]> {
    const now = new Date();
    const plan = planReviewReminders(args.dueDate, this.planner.rules(), now);
    return this.reviews.openRequests(manager, args, plan, this.planner.horizonEnd(now));
  }

  /**
   * Withdraws every open request of the guideline, revokes their answer links and cancels their planned reminders (jobs
   * already in Redis find them CANCELLED and send nothing); the reviewers are told. Returns the
   * withdrawn ids.
   */
  async withdrawOpen(
    manager: EntityManager,
    guidelineId: string,
    reason: string,
  ): Promise<string[]> {
    const ids = await this.reviews.withdrawPending(manager, guidelineId, reason);
    await this.planner.cancelForRequests(manager, ids);
    await this.links.revokeAll(manager, ids, 'WITHDRAWN');
    await this.outbox.enqueue(
      manager,
      ...ids.map((id) => ({
        name: JOB.REVIEW_WITHDRAWN,
        jobId: `review-withdrawn-${id}`,
        payload: { reviewRequestId: id },
      })),
    );
    return ids;
  }
}
