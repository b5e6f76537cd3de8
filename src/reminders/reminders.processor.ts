import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { Digests } from '../notifications/digests.service';
import { JobProcessor } from '../queues/job-processor';
import { JOB, QUEUE, ReviewReminderPayload } from '../queues/queues';
import { ConsultationClosingNotices } from './consultation-closing.service';
import { ReminderDelivery } from './reminder-delivery.service';

@Injectable()
export class RemindersProcessor implements JobProcessor {
  readonly queue = QUEUE.REMINDERS;

  constructor(
    private readonly reminders: ReminderDelivery,
    private readonly closing: ConsultationClosingNotices,
    private readonly digests: Digests,
  ) {}

  process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.REVIEW_REMINDER:
        return this.reminders.deliver((job.data as ReviewReminderPayload).reminderId);
      case JOB.CONSULTATION_CLOSING_SCAN:
        return this.closing.scan();
      case JOB.DAILY_DIGEST_SCAN:
        return this.digests.compose();
      default:
        throw new UnrecoverableError(`no processor for ${job.name} on ${this.queue}`);
    }
  }
}
