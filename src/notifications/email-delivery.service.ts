import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { attemptEmail, EmailOutcome } from './email-attempt';
import { Mailer } from './mailer.service';
import { NotificationsRepository } from './notifications.repository';

/**
 * Sends the e-mail of one notification. The notification row is locked while the message goes
 * out, so two runs of the same job (a retry racing a stalled run, a job id re-added after
 * trimming) cannot both send: the second sees the e-mail already SENT. A failure is counted and
 * kept on the row; on the last attempt the e-mail is recorded FAILED (the in-app notification
 * stays as it is). A reader whose account was deactivated meanwhile is sent nothing (SKIPPED).
 */
@Injectable()
export class EmailDelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly notifications: NotificationsRepository,
  ) {}

  deliver(notificationId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    return attemptEmail(this.dataSource, finalAttempt, async (manager) => {
      const row = await this.notifications.lockForEmail(manager, notificationId);
      if (!row || row.email_state !== 'PENDING') return null;
      // Deactivated since the notice was written (or while its e-mail waited for a retry): the
      // account receives nothing more; the notice stays in its inbox, its e-mail SKIPPED.
      if (!row.active) {
        await this.notifications.recordEmailSkipped(manager, notificationId);
        return null;
      }
      return {
        send: () =>
          this.mailer.send({
            to: { name: row.name, address: row.email },
            subject: row.subject,
            text: row.body,
            locale: row.locale,
            messageKey: `notification-${notificationId}`,
            trace: { 'X-Notification-Id': notificationId },
          }),
        failed: (error, final) =>
          this.notifications.recordEmailFailure(manager, notificationId, error, final),
        sent: () => this.notifications.recordEmailSent(manager, notificationId),
      };
    });
  }
}
