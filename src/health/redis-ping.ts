import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from '../config/env';
import { epochKey, RedisEpoch } from '../queues/queues';

/** A small connection of its own that fails fast, so readiness never waits on a queue's retries. */
@Injectable()
export class RedisPing implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(private readonly env: Env) {
    this.client = new Redis(env.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: () => 1000,
    });
    this.client.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    if (this.client.status === 'wait') await this.client.connect();
    await this.client.ping();
  }

  /**
   * Since when Redis has held the jobs, and how many planned jobs the outbox relay published again
   * then (src/outbox/outbox.relay.ts); null while the relay has not yet found Redis empty.
   */
  async epoch(): Promise<RedisEpoch | null> {
    if (this.client.status === 'wait') await this.client.connect();
    const value = await this.client.get(epochKey(this.env.QUEUE_PREFIX));
    return value ? (JSON.parse(value) as RedisEpoch) : null;
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
