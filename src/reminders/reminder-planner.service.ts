import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { QueueRegistry } from '../queues/queue-registry';
import { JOB, QUEUE } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { PlannedReminder, planReviewReminders, ReminderRules } from './reminder-schedule';
import { reminderJobId, RemindersRepository } from './reminders.repository';

/**
 * Plans, cancels and moves the reminders of review requests. Planning writes reminder rows and
 * their jobs to the outbox in the caller's transaction; the relay schedules them in BullMQ.
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

  /** Plans the schedule of a request due on `dueDate` (skipping times already past). */
  planForRequest(
    manager: EntityManager,
    requestId: string,
    dueDate: string,
    now: Date,
  ): Promise<string[]> {
    return this.plan(manager, requestId, planReviewReminders(dueDate, this.rules(), now));
  }

  /** Writes reminder rows and one delayed job each; returns the ids of the rows created. */
  async plan(
    manager: EntityManager,
    requestId: string,
    plan: PlannedReminder[],
  ): Promise<string[]> {
    const rows = await this.reminders.insertPlanned(manager, requestId, plan);
    await this.outbox.enqueue(
      manager,
      ...rows.map((row) => ({
        name: JOB.REVIEW_REMINDER,
        jobId: reminderJobId(row.id),
        payload: { reminderId: row.id },
        runAt: new Date(row.planned_at),
      })),
    );
    return rows.map((row) => row.id);
  }

  /**
   * Cancels every planned reminder of these requests. Jobs not yet handed to BullMQ are dropped
   * from the outbox here; those already in Redis are removed after the commit when possible
   * ({@link removeJobs}), and otherwise find their reminder CANCELLED when they run.
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
