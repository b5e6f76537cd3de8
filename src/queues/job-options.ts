import type { JobsOptions } from 'bullmq';
import { Env } from '../config/env';
import { QUEUE, QueueName } from './queues';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Default options of every job of a queue. Finished jobs are trimmed by age and count so Redis does
 * not grow forever; failed ones are kept longer, for the dashboard. Trimming also means a job id
 * can run again later: processors re-read the database and claim before acting.
 */
export function defaultJobOptions(queue: QueueName, env: Env): JobsOptions {
  const trimmed: JobsOptions = {
    removeOnComplete: { age: 7 * DAY, count: 5_000 },
    removeOnFail: { age: 30 * DAY, count: 10_000 },
  };
  if (queue === QUEUE.EMAIL) {
    return {
      ...trimmed,
      attempts: env.EMAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: env.EMAIL_BACKOFF_MS },
    };
  }
  // Reminders and domain events fail only when the database does: a few quick retries cover a blip.
  return { ...trimmed, attempts: 5, backoff: { type: 'exponential', delay: 2_000 } };
}

/** True when this run is the job's last try (the processor records a permanent failure then). */
export function isFinalAttempt(job: {
  attemptsMade: number;
  opts: { attempts?: number };
}): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
