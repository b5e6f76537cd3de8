import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from '../config/env';

/**
 * The Redis connection of a rate limit (the sign-in limits, @nestjs/throttler's storage). It keeps
 * no queue while disconnected and gives up on a command after 2 s, so a limit falls back to
 * counting in the process at once instead of holding the request; while Redis is away it says so
 * in the log at most once a minute.
 */
export function limitsRedis(
  env: Env,
  logger: Logger,
  what: string,
): { redis: Redis; warnUnavailable: (error: Error) => void } {
  const redis = new Redis(env.REDIS_URL, {
    enableOfflineQueue: false,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 1_000,
  });
  let lastLog = 0;
  const warn = (error: Error) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    logger.warn(
      `Redis unavailable for ${what} (counting in this process meanwhile): ${error.message}`,
    );
  };
  redis.on('error', warn);
  return { redis, warnUnavailable: warn };
}
