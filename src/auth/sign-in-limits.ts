import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import Redis, { Result } from 'ioredis';
import { createHash } from 'node:crypto';
import { Env } from '../config/env';
import { limitsRedis } from './limits-redis';

/**
 * Takes an attempt from the address's and the e-mail's budgets, atomically, unless the e-mail is
 * locked or a budget is spent (then nothing is taken). Each budget is a fixed window that starts
 * with its first attempt. Answers {0, 0} when admitted, else {1 address | 2 e-mail | 3 locked, ms left}.
 */
const ADMIT = `
local lockLeft = redis.call('PTTL', KEYS[3])
if lockLeft > 0 then return {3, lockLeft} end
local window = tonumber(ARGV[3])
for i = 1, 2 do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used >= tonumber(ARGV[i]) then
    local left = redis.call('PTTL', KEYS[i])
    if left < 0 then
      redis.call('PEXPIRE', KEYS[i], window)
      left = window
    end
    return {i, left}
  end
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], window) end
end
return {0, 0}
`;

/**
 * Settles an admitted attempt. ok: both budgets get the attempt back and the e-mail's failures
 * are forgotten; void (nothing was checked: a malformed body, a full KDF queue, a second factor
 * still to give): the attempt is given back only. fail: one more failure in a row for the e-mail
 * (counted over the lock's length); the one that reaches the limit locks the e-mail, NX so one
 * lock is set and announced once. Answers 1 when this failure set the lock, else 0.
 */
const SETTLE = `
if ARGV[1] ~= 'fail' then
  for i = 1, 2 do
    if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
  end
  if ARGV[1] == 'ok' then redis.call('DEL', KEYS[3]) end
  return 0
end
local failures = redis.call('INCR', KEYS[3])
if failures == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
if failures >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[3])
  if redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[3], 'NX') then return 1 end
end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    signInAdmit(
      addressKey: string,
      emailKey: string,
      lockKey: string,
      perAddress: number,
      perEmail: number,
      windowMs: number,
    ): Result<[number, number], Context>;
    signInSettle(
      addressKey: string,
      emailKey: string,
      failuresKey: string,
      lockKey: string,
      outcome: SignInOutcome,
      lockAfter: number,
      lockMs: number,
      lockValue: string,
    ): Result<number, Context>;
  }
}

export type SignInOutcome = 'ok' | 'fail' | 'void';

/** Why an attempt was not admitted, and for how long (whole seconds, at least 1). */
export interface Refusal {
  reason: 'ADDRESS' | 'EMAIL' | 'LOCKED';
  retryAfterSeconds: number;
}

/** An admitted attempt: what settling it needs. */
export interface Attempt {
  /** Where it was counted: Redis, or this process's memory while Redis does not answer. */
  store: 'redis' | 'memory';
  addressKey: string;
  emailKey: string;
  failuresKey: string;
  lockKey: string;
}

/** A lock set by a failure, for the owner's e-mail. */
export interface LockSet {
  /** The lock's own id (its start, ms since the epoch): one e-mail per lock. */
  id: string;
  until: Date;
}

const REASONS = ['ADDRESS', 'EMAIL', 'LOCKED'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The client address a budget is kept for: an IPv4 address, or an IPv6 address's /64. */
export function addressBucket(address: string): string {
  return normalizeIp(address, 64);
}

/** Keys the memory fallback holds at most (the oldest go first): its memory stays bounded. */
const MEMORY_KEYS = 100_000;

/**
 * The two scripts' rules on this process's memory, for while Redis does not answer: sign-in goes
 * on, limited per process instead of across processes. The same steps as ADMIT and SETTLE.
 */
export class MemoryBudgets {
  private readonly entries = new Map<string, { value: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private read(key: string): { value: number; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: number, ms: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MEMORY_KEYS) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, expiresAt: this.now() + ms });
  }

  private increment(key: string, ms: number): number {
    const entry = this.read(key);
    if (!entry) {
      this.write(key, 1, ms);
      return 1;
    }
    entry.value += 1;
    return entry.value;
  }

  /** As ADMIT: [0, 0] admitted, else [1 address | 2 e-mail | 3 locked, ms left]. */
  admit(
    keys: [string, string, string],
    limits: [number, number],
    windowMs: number,
  ): [number, number] {
    const lock = this.read(keys[2]);
    if (lock) return [3, lock.expiresAt - this.now()];
    for (const i of [0, 1]) {
      const entry = this.read(keys[i]);
      if (entry && entry.value >= limits[i]) return [i + 1, entry.expiresAt - this.now()];
    }
    for (const i of [0, 1]) this.increment(keys[i], windowMs);
    return [0, 0];
  }

  /** As SETTLE: 1 when this failure set the lock, else 0. */
  settle(
    keys: [string, string, string, string],
    outcome: SignInOutcome,
    lockAfter: number,
    lockMs: number,
  ): number {
    if (outcome !== 'fail') {
      for (const i of [0, 1]) {
        const entry = this.read(keys[i]);
        if (entry && entry.value > 0) entry.value -= 1;
      }
      if (outcome === 'ok') this.entries.delete(keys[2]);
      return 0;
    }
    const failures = this.increment(keys[2], lockMs);
    if (failures < lockAfter) return 0;
    this.entries.delete(keys[2]);
    if (this.read(keys[3])) return 0;
    this.write(keys[3], 1, lockMs);
    return 1;
  }

  forget(...keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}

/**
 * The sign-in budgets and locks, in Redis so every API process counts the same attempts: per
 * client address (all e-mails together, SIGN_IN_PER_ADDRESS per SIGN_IN_WINDOW_SECONDS), per
 * e-mail address (SIGN_IN_PER_ACCOUNT), and a lock of the e-mail after SIGN_IN_LOCK_AFTER
 * failures in a row (SIGN_IN_LOCK_MINUTES). An e-mail without an account is counted and locked
 * exactly like one with an account, so no answer tells them apart. Keys hold digests only (no
 * address or e-mail in Redis), under QUEUE_PREFIX; each key expires by itself.
 *
 * Two small Lua scripts instead of @nestjs/throttler's storage: a successful sign-in gives its
 * attempt back (an office behind one address signs in together every morning; only failures
 * should use its budget up), and the lock is decided in the same atomic step as the count. The
 * throttler's storage interface can only add hits.
 *
 * While Redis does not answer (not connected, or no answer within 2 s), the same rules are kept in
 * this process's memory ({@link MemoryBudgets}): sign-in goes on, limited per process, and a
 * warning is logged once a minute. Locks set meanwhile live in that process only.
 */
@Injectable()
export class SignInLimits implements OnModuleDestroy {
  private readonly logger = new Logger('SignInLimits');
  private readonly redis: Redis;
  private readonly warnUnavailable: (error: Error) => void;
  private readonly prefix: string;
  private readonly memory = new MemoryBudgets();

  constructor(private readonly env: Env) {
    this.prefix = `${env.QUEUE_PREFIX}:sign-in`;
    const limits = limitsRedis(env, this.logger, 'the sign-in limits');
    this.redis = limits.redis;
    this.warnUnavailable = limits.warnUnavailable;
    this.redis.defineCommand('signInAdmit', { numberOfKeys: 3, lua: ADMIT });
    this.redis.defineCommand('signInSettle', { numberOfKeys: 4, lua: SETTLE });
  }

  get lockMinutes(): number {
    return this.env.SIGN_IN_LOCK_MINUTES;
  }

  /** Takes one attempt for this address and e-mail, or says why not. */
  async admit(address: string, email: string): Promise<Attempt | Refusal> {
    const e = digest(email.trim().toLowerCase());
    const keys = {
      addressKey: `${this.prefix}:address:${digest(addressBucket(address))}`,
      emailKey: `${this.prefix}:email:${e}`,
      failuresKey: `${this.prefix}:failures:${e}`,
      lockKey: `${this.prefix}:lock:${e}`,
    };
    const limits: [number, number] = [this.env.SIGN_IN_PER_ADDRESS, this.env.SIGN_IN_PER_ACCOUNT];
    const windowMs = this.env.SIGN_IN_WINDOW_SECONDS * 1000;
    let answer: [number, number] | null = null;
    if (this.redis.status === 'ready') {
      try {
        answer = await this.redis.signInAdmit(
          keys.addressKey,
          keys.emailKey,
          keys.lockKey,
          ...limits,
          windowMs,
        );
      } catch (error) {
        this.warnUnavailable(error as Error);
      }
    } else {
      this.warnUnavailable(new Error(`connection ${this.redis.status}`));
    }
    const store = answer ? 'redis' : 'memory';
    answer ??= this.memory.admit([keys.addressKey, keys.emailKey, keys.lockKey], limits, windowMs);
    const [code, msLeft] = answer;
    if (code === 0) return { store, ...keys };
    return {
      reason: REASONS[code - 1],
      retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  /**
   * Settles an admitted attempt where it was counted; returns the lock when this failure set it.
   * A Redis error here is logged and forgotten: the attempt then stays counted until its window
   * ends.
   */
  async settle(attempt: Attempt, outcome: SignInOutcome): Promise<LockSet | null> {
    const lockMs = this.env.SIGN_IN_LOCK_MINUTES * 60_000;
    const start = Date.now();
    const lock = { id: String(start), until: new Date(start + lockMs) };
    const { addressKey, emailKey, failuresKey, lockKey } = attempt;
    if (attempt.store === 'memory') {
      const keys: [string, string, string, string] = [addressKey, emailKey, failuresKey, lockKey];
      const locked = this.memory.settle(keys, outcome, this.env.SIGN_IN_LOCK_AFTER, lockMs);
      return locked === 1 ? lock : null;
    }
    try {
      const locked = await this.redis.signInSettle(
        addressKey,
        emailKey,
        failuresKey,
        lockKey,
        outcome,
        this.env.SIGN_IN_LOCK_AFTER,
        lockMs,
        lock.id,
      );
      return locked === 1 ? lock : null;
    } catch (error) {
      this.warnUnavailable(error as Error);
      return null;
    }
  }

  /** Lifts a lock and forgets the failures of an e-mail (its owner chose a new password). */
  async unlock(email: string): Promise<void> {
    const e = digest(email.trim().toLowerCase());
    const keys = [`${this.prefix}:lock:${e}`, `${this.prefix}:failures:${e}`];
    this.memory.forget(...keys);
    try {
      await this.redis.del(...keys);
    } catch (error) {
      this.warnUnavailable(error as Error);
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
