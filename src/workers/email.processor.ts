import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { Digests } from '../notifications/digests.service';
import { EmailDelivery } from '../notifications/email-delivery.service';
import { isFinalAttempt } from '../queues/job-options';
import { JobProcessor } from '../queues/job-processor';
import { JOB, JobPayloads, QUEUE } from '../queues/queues';
import { AgencyEmailDelivery } from '../reviews/agency-email-delivery.service';

/** E-mails to people (one per notification, or a daily digest) and to agencies' contact addresses (with a link). */
@Injectable()
export class EmailProcessor implements JobProcessor {
  readonly queue = QUEUE.EMAIL;

  constructor(
    private readonly emails: EmailDelivery,
    private readonly agencyEmails: AgencyEmailDelivery,
    private readonly digests: Digests,
  ) {}

  process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.SEND_EMAIL:
        return this.emails.deliver(
          (job.data as JobPayloads[typeof JOB.SEND_EMAIL]).notificationId,
          isFinalAttempt(job),
        );
      case JOB.SEND_AGENCY_EMAIL:
        return this.agencyEmails.deliver(
          (job.data as JobPayloads[typeof JOB.SEND_AGENCY_EMAIL]).agencyMessageId,
          isFinalAttempt(job),
        );
      case JOB.SEND_DIGEST:
        return this.digests.deliver(
          (job.data as JobPayloads[typeof JOB.SEND_DIGEST]).digestId,
          isFinalAttempt(job),
        );
      default:
        throw new UnrecoverableError(`no processor for ${job.name} on ${this.queue}`);
    }
  }
}
