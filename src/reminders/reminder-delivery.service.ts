import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyMailbox } from '../notifications/agency-mailbox.service';
import { MessageFactsRepository } from '../notifications/message-facts.repository';
import { Notifier } from '../notifications/notifier.service';
import { RecipientsRepository } from '../notifications/recipients.repository';
import { NotificationKind } from '../notifications/templates';
import { ReminderPlanner } from './reminder-planner.service';
import { dayOffsetOf, nextOverdueReminder } from './reminder-schedule';
import { RemindersRepository } from './reminders.repository';

export interface ReminderOutcome {
  /** False when the reminder was not PLANNED or its request not PENDING (answered, withdrawn, moved, or sent already). */
  sent: boolean;
  /** Notifications created by this run. */
  notified: number;
}

/**
 * Sends one reminder, exactly once, whatever the job runs: in one transaction it claims the row
 * (PLANNED -> SENT, only while the request is PENDING), notifies the agency's reviewers (and the
 * secretariat when overdue) and the agency's contact address under the dedupe key `reminder-<id>`, queues their e-mails, and for an
 * overdue reminder plans the next one. A second run, a racing worker or a stale job finds nothing
 * to claim; a run killed midway rolls back and the retry starts clean.
 */
@Injectable()
export class ReminderDelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: RemindersRepository,
    private readonly planner: ReminderPlanner,
    private readonly notifier: Notifier,
    private readonly recipients: RecipientsRepository,
    private readonly facts: MessageFactsRepository,
    private readonly mailbox: AgencyMailbox,
  ) {}

  deliver(reminderId: string, now = new Date()): Promise<ReminderOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const reminder = await this.reminders.claim(manager, reminderId);
      if (!reminder) return { sent: false, notified: 0 };
      const offset = dayOffsetOf(reminder.kind) ?? 0;
      const overdue = offset > 0;
      // One transaction is one connection: queries go one after another.
      const guideline = await this.facts.guideline(manager, reminder.guideline_id);
      const agency = await this.facts.agency(manager, reminder.agency_id);
      const reviewers = await this.recipients.reviewersOfAgency(manager, reminder.agency_id);
      const secretariat = overdue ? await this.recipients.secretariat(manager) : [];
      if (!guideline || !agency) return { sent: true, notified: 0 };
      const kind =
        offset < 0
          ? NotificationKind.REVIEW_REMINDER
          : offset === 0
            ? NotificationKind.REVIEW_DUE_TODAY
            : NotificationKind.REVIEW_OVERDUE;
      const created = await this.notifier.announce(manager, [...reviewers, ...secretariat], {
        kind,
        dedupeKey: `reminder-${reminder.id}`,
        guidelineId: guideline.id,
        context: {
          guideline,
          agency,
          dueDate: reminder.due_date,
          versionNumber: reminder.version_number,
          daysLeft: -offset,
          link: this.notifier.link(`/reviews/${reminder.review_request_id}`),
        },
        data: {
          reviewRequestId: reminder.review_request_id,
          reminderId: reminder.id,
          reminderKind: reminder.kind,
        },
      });
      // The agency's contact address too, with a link to answer without an account.
      await this.mailbox.write(manager, {
        kind,
        dedupeKey: `reminder-${reminder.id}`,
        reviewRequestId: reminder.review_request_id,
        agencyId: agency.id,
        context: {
          guideline,
          dueDate: reminder.due_date,
          versionNumber: reminder.version_number,
          daysLeft: -offset,
        },
      });
      if (overdue) {
        // Overdue reminders repeat while unanswered: each one sent plans the next.
        const after = new Date(Math.max(now.getTime(), new Date(reminder.planned_at).getTime()));
        const next = nextOverdueReminder(reminder.due_date, this.planner.rules(), after);
        await this.planner.plan(manager, reminder.review_request_id, [next]);
      }
      return { sent: true, notified: created.length };
    });
  }
}
