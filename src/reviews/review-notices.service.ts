import { Injectable } from '@nestjs/common';
import { ReviewsRepository } from './reviews.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyMailbox } from '../notifications/agency-mailbox.service';
import { MessageFactsRepository } from '../notifications/message-facts.repository';
import { Notifier } from '../notifications/notifier.service';
import { RecipientsRepository } from '../notifications/recipients.repository';
import { NotificationKind } from '../notifications/templates';
import type { ReviewRequestedPayload } from '../queues/queues';

/**
 * Tells an agency's reviewers that a review was requested of them (at once, not a reminder) or
 * withdrawn, through their accounts; a request is also e-mailed to the agency's contact address
 * with a link to answer without an account.
 */
@Injectable()
export class ReviewNotices {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly recipients: RecipientsRepository,
    private readonly facts: MessageFactsRepository,
    private readonly mailbox: AgencyMailbox,
    private readonly reviews: ReviewsRepository,
  ) {}

  /**
   * Tells every agency asked by a move, one request after the other (each in its own
   * transaction). One request that fails does not keep the others from being told: the job
   * fails after trying them all, and its retry tells no one twice (the notices are keyed by
   * request).
   */
  async requested(event: ReviewRequestedPayload): Promise<string[]> {
    const ids = 'reviewRequestIds' in event ? event.reviewRequestIds : [event.reviewRequestId];
    const told: string[] = [];
    const failures: unknown[] = [];
    for (const id of ids) {
      try {
        told.push(...(await this.tell(id, NotificationKind.REVIEW_REQUESTED, 'PENDING')));
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length) {
      throw new AggregateError(failures, `${failures.length} of ${ids.length} requests not told`);
    }
    return told;
  }

  withdrawn(reviewRequestId: string): Promise<string[]> {
    return this.tell(reviewRequestId, NotificationKind.REVIEW_WITHDRAWN, 'WITHDRAWN');
  }

  private tell(
    reviewRequestId: string,
    kind: NotificationKind.REVIEW_REQUESTED | NotificationKind.REVIEW_WITHDRAWN,
    whileStatus: 'PENDING' | 'WITHDRAWN',
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.reviews.noticeFacts(manager, reviewRequestId);
      // A request withdrawn before this job ran is not announced as requested.
      if (!request || request.status !== whileStatus) return [];
      const guideline = await this.facts.guideline(manager, request.guideline_id);
      const agency = await this.facts.agency(manager, request.agency_id);
      const reviewers = await this.recipients.reviewersOfAgency(manager, request.agency_id);
      if (!guideline || !agency) return [];
      const prefix =
        kind === NotificationKind.REVIEW_REQUESTED ? 'review-requested' : 'review-withdrawn';
      if (kind === NotificationKind.REVIEW_REQUESTED) {
        await this.mailbox.write(manager, {
          kind,
          dedupeKey: `${prefix}-${request.id}`,
          reviewRequestId: request.id,
          agencyId: agency.id,
          context: {
            guideline,
            dueDate: request.due_date,
            versionNumber: request.version_number,
          },
        });
      }
      return this.notifier.announce(manager, reviewers, {
        kind,
        dedupeKey: `${prefix}-${request.id}`,
        guidelineId: guideline.id,
        context: {
          guideline,
          agency,
          stage: guideline.stage,
          dueDate: request.due_date,
          versionNumber: request.version_number,
          link: this.notifier.link(`/reviews/${request.id}`),
        },
        data: { reviewRequestId: request.id },
      });
    });
  }
}
