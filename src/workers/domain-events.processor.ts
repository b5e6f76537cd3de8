import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { PasswordResetService } from '../accounts/password-reset.service';
import { DomainEventNotices } from '../notifications/domain-events.service';
import { ReviewNotices } from '../reviews/review-notices.service';
import { JobProcessor } from '../queues/job-processor';
import { JOB, JobPayloads, QUEUE } from '../queues/queues';

@Injectable()
export class DomainEventsProcessor implements JobProcessor {
  readonly queue = QUEUE.DOMAIN_EVENTS;

  constructor(
    private readonly notices: DomainEventNotices,
    private readonly reviews: ReviewNotices,
    private readonly passwordResets: PasswordResetService,
  ) {}

  process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.STAGE_CHANGED:
        return this.notices.stageChanged(job.data as JobPayloads[typeof JOB.STAGE_CHANGED]);
      case JOB.DISPOSITION_GIVEN:
        return this.notices.dispositionGiven(job.data as JobPayloads[typeof JOB.DISPOSITION_GIVEN]);
      case JOB.COMMENT_REPLIED:
        return this.notices.commentReplied(job.data as JobPayloads[typeof JOB.COMMENT_REPLIED]);
      case JOB.REVIEW_REQUESTED:
        return this.reviews.requested(job.data as JobPayloads[typeof JOB.REVIEW_REQUESTED]);
      case JOB.REVIEW_WITHDRAWN:
        return this.reviews.withdrawn(
          (job.data as JobPayloads[typeof JOB.REVIEW_WITHDRAWN]).reviewRequestId,
        );
      case JOB.PASSWORD_RESET_REQUESTED:
        return this.passwordResets.sendLink(
          job.data as JobPayloads[typeof JOB.PASSWORD_RESET_REQUESTED],
        );
      default:
        throw new UnrecoverableError(`no processor for ${job.name} on ${this.queue}`);
    }
  }
}
