import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis, { Result } from 'ioredis';
import { Env } from '../config/env';
import { limitsRedis } from './limits-redis';

/**
 * @nestjs/throttler's fixed window with a block, in one atomic step: the hit is counted (the
 * window starts with the first), and the one past the limit blocks the key for `blockDuration`.
 * The algorithm of @nest-lab/throttler-storage-redis (MIT), whose package declares Nest ≤ 11 only.
 */
const INCREMENT = `
local totalHits = redis.call('INCR', KEYS[1])
local timeToExpire = redis.call('PTTL', KEYS[1])
if timeToExpire <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  timeToExpire = tonumber(ARGV[1])
end
local isBlocked = redis.call('GET', KEYS[2])
local timeToBlockExpire = 0
if isBlocked then
  timeToBlockExpire = redis.call('PTTL', KEYS[2])
elseif totalHits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  isBlocked = '1'
  timeToBlockExpire = tonumber(ARGV[3])
end
if isBlocked and timeToBlockExpire <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
  totalHits = 1
  timeToExpire = tonumber(ARGV[1])
  isBlocked = false
end
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire }
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    throttlerIncrement(
      hitsKey: string,
      blockKey: string,
      ttlMs: number,
      limit: number,
      blockMs: number,
    ): Result<[number, number, number, number], Context>;
  }
}

/**
 * The storage of every route limited with @nestjs/throttler's guards (the password change, the
 * answer links): in Redis under `<QUEUE_PREFIX>:throttle:`, so every API process counts the same
 * requests. While Redis does not answer, the throttler's own memory storage counts meanwhile.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttler');
  private readonly redis: Redis;
  private readonly warnUnavailable: (error: Error) => void;
  private readonly memory = new ThrottlerStorageService();
  private readonly prefix: string;

  constructor(env: Env) {
    this.prefix = `${env.QUEUE_PREFIX}:throttle`;
    const limits = limitsRedis(env, this.logger, 'the rate limits');
    this.redis = limits.redis;
    this.warnUnavailable = limits.warnUnavailable;
    this.redis.defineCommand('throttlerIncrement', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        const base = `${this.prefix}:${throttlerName}:${key}`;
        const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] =
          await this.redis.throttlerIncrement(
            `${base}:hits`,
            `${base}:blocked`,
            ttl,
            limit,
            blockDuration,
          );
        return {
          totalHits,
          timeToExpire: Math.ceil(timeToExpire / 1000),
          isBlocked: isBlocked === 1,
          timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
        };
      } catch (error) {
        this.warnUnavailable(error as Error);
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
    this.redis.disconnect();
  }
}
