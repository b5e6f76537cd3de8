import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { isFinalAttempt } from '../queues/job-options';
import { JobProcessor } from '../queues/job-processor';
import { JOB, QUEUE, SendEmailPayload } from '../queues/queues';
import { EmailDelivery } from './email-delivery.service';

@Injectable()
export class EmailProcessor implements JobProcessor {
  readonly queue = QUEUE.EMAIL;

  constructor(private readonly emails: EmailDelivery) {}

  process(job: Job): Promise<unknown> {
    if (job.name !== JOB.SEND_EMAIL) {
      throw new UnrecoverableError(`no processor for ${job.name} on ${this.queue}`);
    }
    return this.emails.deliver((job.data as SendEmailPayload).notificationId, isFinalAttempt(job));
  }
}
