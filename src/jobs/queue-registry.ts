import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Env } from '../config/env';
import { defaultJobOptions } from './job-options';
import { ALL_QUEUES, QueueName } from './queues';

/**
 * The producer side of every queue, one Redis connection each. Queues fail fast when Redis is down
 * (no offline queue): callers (the outbox relay, job removal) keep their rows and retry later.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private lastErrorLog = 0;

  constructor(private readonly env: Env) {
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, {
        connection: { url: env.REDIS_URL, enableOfflineQueue: false, connectTimeout: 5_000 },
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: defaultJobOptions(name, env),
      });
      queue.on('error', (error) => this.logRedisError(error));
      this.queues.set(name, queue);
    }
  }

  get(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /** Waits for the Redis connection at most `ms`; false when it is not there (Redis down). */
  async isReachable(ms = 2_000): Promise<boolean> {
    const ready = Promise.all(this.all().map((q) => q.waitUntilReady())).then(
      () => true,
      () => false,
    );
    return Promise.race([
      ready,
      new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
    ]);
  }

  /** A down Redis makes every connection report each retry: one line per minute is enough. */
  logRedisError(error: Error): void {
    if (Date.now() - this.lastErrorLog < 60_000) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`Redis unavailable: ${error.message}`);
  }

  /** Closes every queue; one whose Redis is gone is disconnected after a few seconds instead. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.all().map(async (queue) => {
        let timer: NodeJS.Timeout | undefined;
        const closed = queue.close().then(
          () => true,
          () => false,
        );
        const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5_000)));
        const ok = await Promise.race([closed, late]);
        clearTimeout(timer);
        if (!ok) await queue.disconnect().catch(() => undefined);
      }),
    );
  }
}
