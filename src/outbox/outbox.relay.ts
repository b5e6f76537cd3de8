import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { Pause } from '../common/pause';
import { Env } from '../config/env';
import { QueueRegistry } from '../queues/queue-registry';
import { QUEUE, QueueName, RedisEpoch } from '../queues/queues';

// Rows per pass: one transaction and one addBulk per queue.
const BATCH = 1000;
// Publish loops side by side: while one waits for Redis, the other reads and marks its rows.
const LOOPS = 2;
const ADD_TIMEOUT_MS = 3_000;
/** How often the relay checks that Redis still holds its jobs (the epoch key). */
const EPOCH_CHECK_MS = 2_000;
const MAX_BACKOFF_MS = 10_000;

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  run_at: Date;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Publishes outbox rows to BullMQ (runs inside the workers). Each pass locks a batch of unpublished
 * rows with FOR UPDATE SKIP LOCKED, so any number of relays can run side by side; each row is added
 * with its own job id and a delay until its run_at, then marked published in the same transaction.
 * When Redis is down the rows stay unpublished, with the attempt counted and the error kept, and
 * the relay backs off and tries again. A row published twice (a relay dying between Redis and the
 * commit) is harmless: same job id, and processors claim in the database before acting.
 *
 * Wakes every OUTBOX_POLL_MS, and at once when a transaction commits outbox rows (LISTEN outbox).
 *
 * Each relay runs LOOPS such passes side by side (SKIP LOCKED gives them disjoint rows), so the
 * database work of one overlaps the Redis work of the other; jobs of one transaction may therefore
 * reach Redis out of order, which is fine: each carries its own delay. Redis is pinged before a
 * pass only after a failed one; while passes succeed, a failing addBulk is what tells it is gone.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private stopping = false;
  private running: Promise<unknown> | null = null;
  /** Counts nudges: a loop nudged during its pass starts the next one without sleeping. */
  private nudges = 0;
  private readonly sleepers = new Set<() => void>();
  private listener: Client | null = null;
  /** Whether the last pass that reached Redis succeeded (no PING needed before the next one). */
  private redisUp = false;
  private failing = false;
  private readonly epochPause = new Pause();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.running = Promise.all([
      ...Array.from({ length: LOOPS }, () => this.loop()),
      this.watchEpoch(),
    ]);
    void this.listen();
  }

  /**
   * Redis losing its data (a restart without persistence, a failover to an empty replica) takes
   * every delayed job with it. The relay notices: it keeps an epoch key in Redis and checks it at
   * start and every EPOCH_CHECK_MS (so also soon after every reconnect); when the key is missing,
   * it writes a new one and publishes again every job the database still plans (reminders not
   * yet sent, e-mails and digests not yet delivered, agencies' e-mails too), with the same job
   * ids. A job that survived is not added twice, and processors claim their row in the database
   * before acting, so nothing goes twice.
   */
  private async watchEpoch(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.checkEpoch();
      } catch {
        // Redis or the database is down: the publish loops report it; check again later.
      }
      await this.sleepFor(EPOCH_CHECK_MS);
    }
  }

  /**
   * The number of jobs published again, or null when Redis still holds its epoch. The key is
   * written after the rows are marked: if anything fails between, the next check does it again
   * (marking twice is harmless).
   */
  async checkEpoch(): Promise<number | null> {
    if ((await this.queues.readEpoch()) !== null) return null;
    const since = new Date().toISOString();
    const republished = await this.republishPlanned();
    await this.queues.writeEpoch(JSON.stringify({ since, republished } satisfies RedisEpoch));
    if (republished) {
      this.logger.warn(`Redis held none of the planned jobs: ${republished} published again`);
      this.nudge();
    }
    return republished;
  }

  /** Marks the outbox rows of every job still planned as unpublished: the loops add them again. */
  private async republishPlanned(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE outbox SET published_at = NULL
        WHERE published_at IS NOT NULL
          AND ((queue = $1 AND job_id IN
                 (SELECT 'reminder-' || id FROM reminders WHERE state = 'PLANNED'))
            OR (queue = $2 AND job_id IN
                 (SELECT 'email-' || id FROM notifications WHERE email_state = 'PENDING'))
            OR (queue = $2 AND job_id IN
                 (SELECT 'digest-' || id FROM email_digests WHERE state = 'PENDING'))
            OR (queue = $2 AND job_id IN
                 (SELECT 'agency-email-' || id FROM agency_messages WHERE email_state = 'PENDING')))`,
      [QUEUE.REMINDERS, QUEUE.EMAIL],
    );
    return count;
  }

  /** Sleeps `ms`, cut short only by the shutdown (not by nudges, which wake the publish loops). */
  private sleepFor(ms: number): Promise<void> {
    return this.stopping ? Promise.resolve() : this.epochPause.for(ms);
  }

  /** Publish now rather than at the next poll. */
  nudge(): void {
    this.nudges += 1;
    for (const wake of this.sleepers) wake();
  }

  /** One pass over up to BATCH rows: how many were published, how many stay for a retry. */
  async publishBatch(): Promise<{ published: number; failed: number; error?: string }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload, run_at FROM outbox
         WHERE published_at IS NULL ORDER BY attempts, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!rows.length) return { published: 0, failed: 0 };
      if (!this.redisUp && !(await this.queues.isReachable())) {
        const error = 'Redis unreachable';
        await this.recordFailure(
          manager,
          rows.map((r) => r.id),
          error,
        );
        return { published: 0, failed: rows.length, error };
      }
      // One addBulk per queue (one Redis round trip for the whole batch, not one per job).
      const groups = new Map<QueueName, OutboxRow[]>();
      for (const row of rows) {
        const group = groups.get(row.queue);
        if (group) group.push(row);
        else groups.set(row.queue, [row]);
      }
      const outcomes = await Promise.all(
        [...groups].map(async ([queue, group]) => {
          try {
            await this.addBulk(queue, group);
            return { ids: group.map((r) => r.id), error: null };
          } catch (failure) {
            return {
              ids: group.map((r) => r.id),
              error: (failure as Error)?.message ?? String(failure),
            };
          }
        }),
      );
      this.redisUp = outcomes.every((o) => o.error === null);
      const published = outcomes.flatMap((o) => (o.error === null ? o.ids : []));
      if (published.length) {
        await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
          published,
        ]);
      }
      const failed = outcomes.filter((o) => o.error !== null);
      for (const { ids, error } of failed) {
        await this.recordFailure(manager, ids, error ?? 'unknown error');
      }
      return {
        published: published.length,
        failed: failed.reduce((n, o) => n + o.ids.length, 0),
        error: failed[0]?.error ?? undefined,
      };
    });
  }

  private async addBulk(queue: QueueName, rows: OutboxRow[]): Promise<void> {
    const now = Date.now();
    await withTimeout(
      this.queues.get(queue).addBulk(
        rows.map((row) => ({
          name: row.job_name,
          data: row.payload,
          opts: {
            jobId: row.job_id,
            delay: Math.round(
              Math.max(0, new Date(row.run_at).getTime() - now) / this.env.REMINDER_DELAY_DIVISOR,
            ),
          },
        })),
      ),
      ADD_TIMEOUT_MS,
      `adding ${rows.length} ${queue} jobs`,
    );
  }

  private recordFailure(manager: EntityManager, ids: string[], error: string): Promise<unknown> {
    return manager.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
      [ids, error.slice(0, 1000)],
    );
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const nudged = this.nudges;
      let published = 0;
      let error: string | undefined;
      try {
        const pass = await this.publishBatch();
        published = pass.published;
        if (pass.failed && !pass.published) error = pass.error;
      } catch (failure) {
        error = (failure as Error).message; // the database itself is down
      }
      if (error) {
        if (!this.failing) this.logger.warn(`Cannot publish jobs yet, will retry: ${error}`);
        this.failing = true;
        failures += 1;
      } else {
        if (this.failing) this.logger.log('Publishing jobs again');
        this.failing = false;
        failures = 0;
      }
      if (published === BATCH && !this.stopping) continue;
      const pause = failures
        ? Math.min(this.env.OUTBOX_POLL_MS * 2 ** failures, MAX_BACKOFF_MS)
        : this.env.OUTBOX_POLL_MS;
      await this.sleep(pause, nudged);
    }
  }

  /** Sleeps `ms`, or less if nudged meanwhile (or already since `nudged` was read), or stopping. */
  private sleep(ms: number, nudged: number): Promise<void> {
    if (this.nudges !== nudged || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** LISTEN on a connection of its own; reconnects when the database comes back. */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    client.on('notification', () => this.nudge());
    client.on('error', () => {
      client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      if (!this.stopping) setTimeout(() => void this.listen(), 2_000).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      if (this.stopping) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch {
      client.end().catch(() => undefined);
      if (!this.stopping) setTimeout(() => void this.listen(), 2_000).unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    this.epochPause.end();
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
