import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { NotificationKind } from '../notifications/templates';
import { QueueRegistry } from '../queues/queue-registry';
import { ALL_QUEUES } from '../queues/queues';
import { ReviewsService } from '../reviews/reviews.service';

/** A scrape waits at most this long for the database and for Redis; beyond it, values are left out. */
const READ_TIMEOUT_MS = 2_000;

/** BullMQ states shown per queue. */
const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/**
 * prom-client's defaults name three gauges `_total` (promtool: "non-counter metrics should not
 * have _total suffix"); they are replaced by nodejs_active_resources below.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

interface Snapshot {
  notifications: { kind: string; email_state: string; n: number }[];
  reminders: { state: string; n: number }[];
  outbox_waiting: number;
  outbox_oldest_seconds: number;
  overdue: number;
}

/**
 * Domain metrics read at scrape time from where the work is recorded: the database rows that
 * the workers write (notifications.email_state, reminders.state, outbox.published_at, review
 * requests' status and due day) and BullMQ's own counts in Redis. Whichever process sends the
 * e-mail or the reminder (this one or `npm run start:worker` elsewhere), every API process shows
 * the same totals, none is lost when a worker restarts, and no process keeps a second count.
 *
 * One scrape reads the database once (one statement, shared by every metric below) and each
 * queue once (a few counts per queue, one round trip): the cost does not grow with the queues.
 */
@Injectable()
export class DomainMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private readonly names: string[] = [];
  private reading: Promise<Snapshot | null> | null = null;
  private queueReading: Promise<Map<string, Record<string, number>> | null> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly reviews: ReviewsService,
  ) {}

  onModuleInit(): void {
    for (const name of MISNAMED_DEFAULTS) register.removeSingleMetric(name);
    const fromDatabase =
      (pick: (s: Snapshot) => [Record<string, string>, number][]): Fill =>
      async () => {
        const s = await this.snapshot();
        return s && pick(s);
      };
    const byKind = (s: Snapshot, state?: string): [Record<string, string>, number][] => {
      // Every kind from the start, at 0: an alert on increase() sees the first failure too.
      const counts = new Map<string, number>(Object.values(NotificationKind).map((k) => [k, 0]));
      for (const r of s.notifications) {
        if (state === undefined || r.email_state === state) {
          counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.n);
        }
      }
      return [...counts].map(([kind, n]) => [{ kind }, n]);
    };
    const reminders = (s: Snapshot, states: string[]): [Record<string, string>, number][] => [
      [{}, s.reminders.filter((r) => states.includes(r.state)).reduce((n, r) => n + r.n, 0)],
    ];

    this.counter(
      'notifications_total',
      'Notifications created (in the inbox, by e-mail or both), by kind',
      ['kind'],
      fromDatabase((s) => byKind(s)),
    );
    this.counter(
      'emails_sent_total',
      'E-mails of notifications accepted by the SMTP server, by kind',
      ['kind'],
      fromDatabase((s) => byKind(s, 'SENT')),
    );
    this.counter(
      'emails_failed_total',
      'E-mails of notifications given up after their last attempt, by kind',
      ['kind'],
      fromDatabase((s) => byKind(s, 'FAILED')),
    );
    this.gauge(
      'emails_pending',
      'E-mails of notifications not sent yet (queued or between retries), by kind',
      ['kind'],
      fromDatabase((s) => byKind(s, 'PENDING')),
    );
    this.gauge(
      'emails_waiting_for_digest',
      'E-mails of notifications set to DAILY, waiting for the next daily digest, by kind',
      ['kind'],
      fromDatabase((s) => byKind(s, 'DAILY')),
    );
    this.counter(
      'reminders_planned_total',
      'Review reminders planned, whatever became of them since',
      [],
      fromDatabase((s) => reminders(s, ['PLANNED', 'SENT', 'CANCELLED'])),
    );
    this.counter(
      'reminders_sent_total',
      'Review reminders sent',
      [],
      fromDatabase((s) => reminders(s, ['SENT'])),
    );
    this.counter(
      'reminders_cancelled_total',
      'Review reminders cancelled (request answered or withdrawn, or its due day moved)',
      [],
      fromDatabase((s) => reminders(s, ['CANCELLED'])),
    );
    this.gauge(
      'outbox_waiting',
      'Outbox rows not yet published to the queues',
      [],
      fromDatabase((s) => [[{}, s.outbox_waiting]]),
    );
    this.gauge(
      'outbox_oldest_age_seconds',
      'Age of the oldest outbox row not yet published (0 when none waits)',
      [],
      fromDatabase((s) => [[{}, s.outbox_oldest_seconds]]),
    );
    this.gauge(
      'review_requests_overdue',
      'Review requests not answered after their due day (status OVERDUE)',
      [],
      fromDatabase((s) => [[{}, s.overdue]]),
    );
    this.gauge('queue_jobs', 'BullMQ jobs per queue and state', ['queue', 'state'], async () => {
      const counts = await this.queueCounts();
      if (!counts) return null;
      return [...counts].flatMap(([queue, byState]) =>
        QUEUE_STATES.map((state): [Record<string, string>, number] => [
          { queue, state },
          byState[state] ?? 0,
        ]),
      );
    });
    this.gauge(
      'nodejs_active_resources',
      'Resources keeping the event loop alive, by type',
      ['type'],
      () => {
        const counts = new Map<string, number>();
        for (const type of process.getActiveResourcesInfo()) {
          counts.set(type, (counts.get(type) ?? 0) + 1);
        }
        return Promise.resolve([...counts].map(([type, n]) => [{ type }, n]));
      },
    );
  }

  onModuleDestroy(): void {
    for (const name of this.names) register.removeSingleMetric(name);
  }

  private counter(name: string, help: string, labelNames: string[], fill: Fill): void {
    register.removeSingleMetric(name);
    const metric: Counter = new Counter({
      name,
      help,
      labelNames,
      async collect() {
        const values = await fill();
        if (!values) return; // the source did not answer: the last values stay
        metric.reset();
        for (const [labels, value] of values) metric.inc(labels, value);
      },
    });
    this.names.push(name);
  }

  private gauge(name: string, help: string, labelNames: string[], fill: Fill): void {
    register.removeSingleMetric(name);
    const metric: Gauge = new Gauge({
      name,
      help,
      labelNames,
      async collect() {
        const values = await fill();
        if (!values) return; // the source did not answer: the last values stay
        metric.reset();
        for (const [labels, value] of values) metric.set(labels, value);
      },
    });
    this.names.push(name);
  }

  /** The database's part of one scrape: every metric's collect shares the read in flight. */
  private snapshot(): Promise<Snapshot | null> {
    this.reading ??= this.readDatabase()
      .catch((error: unknown) => {
        this.logger.warn(
          `Metrics left out: the database did not answer (${(error as Error).message})`,
        );
        return null;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }

  private async readDatabase(): Promise<Snapshot> {
    const overdue = this.reviews.overdueCount();
    const rows: Snapshot[] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = ${READ_TIMEOUT_MS}`);
      return manager.query(
        `SELECT
           (SELECT coalesce(json_agg(x), '[]') FROM (
              SELECT kind, email_state, count(*)::int AS n FROM notifications GROUP BY kind, email_state
            ) x) AS notifications,
           (SELECT coalesce(json_agg(x), '[]') FROM (
              SELECT state, count(*)::int AS n FROM reminders GROUP BY state
            ) x) AS reminders,
           (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS outbox_waiting,
           (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
              FROM outbox WHERE published_at IS NULL) AS outbox_oldest_seconds`,
      );
    });
    return { ...rows[0], overdue: await overdue };
  }

  /** BullMQ's counts of every queue, one round trip each, side by side; null when Redis is away. */
  private queueCounts(): Promise<Map<string, Record<string, number>> | null> {
    this.queueReading ??= withTimeout(
      Promise.all(
        ALL_QUEUES.map(async (name) => {
          const counts = await this.queues.get(name).getJobCounts(...QUEUE_STATES);
          return [name, counts] as const;
        }),
      ),
      READ_TIMEOUT_MS,
    )
      .then((entries) => new Map(entries))
      .catch((error: unknown) => {
        this.logger.warn(
          `Queue metrics left out: Redis did not answer (${(error as Error).message})`,
        );
        return null;
      })
      .finally(() => (this.queueReading = null));
    return this.queueReading;
  }
}

/** A metric's values from one scrape, or null when their source did not answer. */
type Fill = () => Promise<[Record<string, string>, number][] | null>;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
