import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Env } from '../config/env';
import { defaultJobOptions } from './job-options';
import { ALL_QUEUES, epochKey, QueueName } from './queues';

/**
 * The producer side of every queue, one Redis connection each. Queues fail fast when Redis is down
 * (no offline queue): callers (the outbox relay, job removal) keep their rows and retry later.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private lastErrorLog = 0;
  /** A small connection of its own that fails fast: asks "is Redis there right now?". */
  private readonly probe: Redis;
  /** The queues' connections, owned here so shutdown can always end them (even never connected). */
  private readonly connections: Redis[] = [];

  constructor(private readonly env: Env) {
    this.probe = new Redis(env.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      retryStrategy: () => 1_000,
    });
    this.probe.on('error', () => undefined);
    for (const name of ALL_QUEUES) {
      const connection = new Redis(env.REDIS_URL, {
        enableOfflineQueue: false,
        connectTimeout: 5_000,
        maxRetriesPerRequest: 1,
      });
      connection.on('error', (error) => this.logRedisError(error));
      this.connections.push(connection);
      const queue = new Queue(name, {
        connection,
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

  /** True when Redis answers a PING within `ms` (and the queues' own connections are up). */
  async isReachable(ms = 2_000): Promise<boolean> {
    const answer = (async () => {
      if (this.probe.status === 'wait') await this.probe.connect();
      await this.probe.ping();
      await Promise.all(this.all().map((q) => q.waitUntilReady()));
      return true;
    })().catch(() => false);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
    const reachable = await Promise.race([answer, late]);
    clearTimeout(timer);
    return reachable;
  }

  /**
   * The epoch key's value (`<QUEUE_PREFIX>:epoch`), or null when it is missing: Redis then holds
   * none of the jobs published before (a first start, or Redis lost its data). Throws when Redis
   * does not answer.
   */
  async readEpoch(): Promise<string | null> {
    if (this.probe.status === 'wait') await this.probe.connect();
    return this.probe.get(epochKey(this.env.QUEUE_PREFIX));
  }

  async writeEpoch(value: string): Promise<void> {
    if (this.probe.status === 'wait') await this.probe.connect();
    await this.probe.set(epochKey(this.env.QUEUE_PREFIX), value);
  }

  /** A down Redis makes every connection report each retry: one line per minute is enough. */
  logRedisError(error: Error): void {
    if (Date.now() - this.lastErrorLog < 60_000) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`Redis unavailable: ${error.message}`);
  }

  /** Closes every queue (when Redis is there), then ends its connection in any case. */
  async onApplicationShutdown(): Promise<void> {
    this.probe.disconnect();
    if (await this.isReachableForShutdown()) {
      await Promise.all(this.all().map((queue) => atMost(queue.close(), 5_000)));
    }
    for (const connection of this.connections) connection.disconnect();
  }

  private async isReachableForShutdown(): Promise<boolean> {
    const client = new Redis(this.env.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return true;
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

/** Waits for `work` at most `ms`; errors and lateness are ignored (shutdown goes on). */
export function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
  ]).finally(() => clearTimeout(timer));
}
