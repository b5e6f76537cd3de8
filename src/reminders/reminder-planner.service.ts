import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { QueueRegistry } from '../queues/queue-registry';
import { JOB, QUEUE } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { PlannedReminder, planReviewReminders, ReminderRules } from './reminder-schedule';
import { reminderJobId, RemindersRepository } from './reminders.repository';

// The latest horizon end written: PostgreSQL and Date both take year 9999.
const LAST_HORIZON_END = Date.UTC(9999, 11, 31);

/**
 * Plans, cancels and moves the reminders of review requests. Planning writes reminder rows in the
 * caller's transaction, and the jobs of those due within the horizon (REMINDER_HORIZON_HOURS) to
 * the outbox with them; the relay schedules those in BullMQ. A reminder due later waits in the
 * database alone until the workers' sweep queues it (queueEntering), as it comes within the
 * horizon: Redis holds the next day's reminders, not months of them, and planning a review
 * writes no job for its far reminders.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger('ReminderPlanner');

  constructor(
    private readonly env: Env,
    private readonly reminders: RemindersRepository,
    private readonly outbox: OutboxWriter,
    private readonly queues: QueueRegistry,
  ) {}

  rules(): ReminderRules {
    return {
      offsetsDays: this.env.REVIEW_REMINDER_DAYS,
      overdueEveryDays: this.env.REVIEW_OVERDUE_EVERY_DAYS,
      hour: this.env.REMINDER_HOUR,
      timeZone: this.env.APP_TIMEZONE,
    };
  }

  /**
   * Reminders planned before this instant are queued (their jobs in the outbox): `now` plus the
   * horizon, stretched by REMINDER_DELAY_DIVISOR as the relay shortens every delay by it.
   */
  horizonEnd(now: Date = new Date()): Date {
    const horizonMs = this.env.REMINDER_HORIZON_HOURS * 3_600_000 * this.env.REMINDER_DELAY_DIVISOR;
    return new Date(Math.min(now.getTime() + horizonMs, LAST_HORIZON_END));
  }

  /**
   * Queues up to `limit` reminders that came within the horizon ending at `horizonEnd` (default:
   * now's); returns how many (fewer than `limit`: none is left).
   */
  queueEntering(
    manager: EntityManager,
    limit: number,
    horizonEnd: Date = this.horizonEnd(),
  ): Promise<number> {
    return this.reminders.queueEntering(manager, horizonEnd, limit);
  }

  /** Plans the schedule of a request due on `dueDate` (skipping times already past). */
  planForRequest(
    manager: EntityManager,
    requestId: string,
    dueDate: string,
    now: Date,
  ): Promise<string[]> {
    return this.plan(manager, requestId, planReviewReminders(dueDate, this.rules(), now));
  }

  /**
   * Writes reminder rows, and the delayed job of each one due within the horizon; returns the ids
   * of the rows created.
   */
  async plan(
    manager: EntityManager,
    requestId: string,
    plan: PlannedReminder[],
  ): Promise<string[]> {
    const rows = await this.reminders.insertPlanned(manager, requestId, plan, this.horizonEnd());
    await this.outbox.enqueue(
      manager,
      ...rows
        .filter((row) => row.queued)
        .map((row) => ({
          name: JOB.REVIEW_REMINDER,
          jobId: reminderJobId(row.id),
          payload: { reminderId: row.id },
          runAt: new Date(row.planned_at),
        })),
    );
    return rows.map((row) => row.id);
  }

  /**
   * Cancels every planned reminder of these requests (one not queued yet never will be). Jobs not
   * yet handed to BullMQ are dropped from the outbox here; those already in Redis are removed
   * after the commit when possible ({@link removeJobs}), and otherwise find their reminder
   * CANCELLED when they run.
   */
  async cancelForRequests(manager: EntityManager, requestIds: string[]): Promise<string[]> {
    const cancelled = await this.reminders.cancelPlanned(manager, requestIds);
    await this.outbox.dropUnpublished(manager, cancelled.map(reminderJobId));
    return cancelled;
  }

  /** Best effort, after the commit: removes cancelled reminders' delayed jobs from Redis. */
  async removeJobs(reminderIds: string[]): Promise<void> {
    if (!reminderIds.length || !(await this.queues.isReachable(500))) return;
    const queue = this.queues.get(QUEUE.REMINDERS);
    await Promise.all(
      reminderIds.map((id) =>
        queue.remove(reminderJobId(id)).catch((error: Error) => {
          this.logger.debug(`reminder job ${id} stays (its run will skip it): ${error.message}`);
        }),
      ),
    );
  }
}
