import type { Job } from 'bullmq';
import { QueueName } from './queues';

/** One queue's processor: a thin dispatch from job name to a service call. */
export interface JobProcessor {
  readonly queue: QueueName;
  process(job: Job): Promise<unknown>;
}

export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
