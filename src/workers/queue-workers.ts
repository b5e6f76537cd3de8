import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Env } from '../config/env';
import { DAILY_DIGEST_SCHEDULER } from '../notifications/digests.service';
import { CONSULTATION_SCAN_SCHEDULER } from '../reminders/consultation-closing.service';
import { defaultJobOptions } from '../queues/job-options';
import { JOB_PROCESSORS, JobProcessor } from '../queues/job-processor';
import { atMost, QueueRegistry } from '../queues/queue-registry';
import { JOB, queueOf } from '../queues/queues';

/**
 * The BullMQ workers of this process, one per queue, each on its own Redis connection
 * (maxRetriesPerRequest: null, as BullMQ requires). Shutdown waits for the jobs in hand to finish.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly workers: Worker[] = [];
  /** Each worker's main connection, owned here so shutdown can always end it. */
  private readonly connections: Redis[] = [];
  private stopping = false;

  constructor(
    private readonly env: Env,
    private readonly queues: QueueRegistry,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor[],
  ) {}

  onApplicationBootstrap(): void {
    for (const processor of this.processors) {
      const connection = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
      connection.on('error', (error) => this.queues.logRedisError(error));
      this.connections.push(connection);
      // BullMQ duplicates this connection for its blocking reads, and closes that one itself.
      const worker = new Worker(processor.queue, (job) => processor.process(job), {
        connection,
        prefix: this.env.QUEUE_PREFIX,
        concurrency: this.env.WORKER_CONCURRENCY,
        lockDuration: this.env.JOB_LOCK_MS,
        stalledInterval: this.env.JOB_LOCK_MS,
      });
      worker.on('error', (error) => this.queues.logRedisError(error));
      worker.on('failed', (job, error) => {
        this.logger.warn(
          `${processor.queue} job ${job?.id} (${job?.name}) failed on attempt ${job?.attemptsMade}: ${error.message}`,
        );
      });
      this.workers.push(worker);
    }
    this.logger.log(`Workers running for ${this.processors.map((p) => p.queue).join(', ')}`);
    void this.schedule(
      CONSULTATION_SCAN_SCHEDULER,
      JOB.CONSULTATION_CLOSING_SCAN,
      this.env.REMINDER_HOUR,
    );
    void this.schedule(DAILY_DIGEST_SCHEDULER, JOB.DAILY_DIGEST_SCAN, this.env.DIGEST_HOUR);
  }

  /**
   * A daily job at `hour` o'clock in APP_TIMEZONE: the scan for consultations closing soon
   * (REMINDER_HOUR) and the digest of the notices set to DAILY (DIGEST_HOUR). Upserting is
   * idempotent, so every worker process does it at start (retrying until Redis answers).
   */
  private async schedule(
    schedulerId: string,
    name: typeof JOB.CONSULTATION_CLOSING_SCAN | typeof JOB.DAILY_DIGEST_SCAN,
    hour: number,
  ): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await this.queues
          .get(queueOf(name))
          .upsertJobScheduler(
            schedulerId,
            { pattern: `0 ${hour} * * *`, tz: this.env.APP_TIMEZONE },
            { name, data: {}, opts: defaultJobOptions(queueOf(name), this.env) },
          );
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 30_000)).unref());
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (!(await this.queues.isReachable(1_000))) {
      // Without Redis no job can be finished or handed back: close at once (force), which
      // also stops the reconnect attempts of a worker that never connected.
      await Promise.all(this.workers.map((w) => atMost(w.close(true), 2_000)));
      this.connections.forEach((c) => c.disconnect());
      this.logger.warn('Workers stopped without Redis');
      return;
    }
    this.logger.log('Stopping workers: finishing the jobs in hand');
    await Promise.all(this.workers.map((w) => w.close()));
    this.connections.forEach((c) => c.disconnect());
    this.logger.log('Workers stopped');
  }
}
