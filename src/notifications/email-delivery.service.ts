import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Mailer } from './mailer.service';
import { NotificationsRepository } from './notifications.repository';

export type EmailOutcome = 'SENT' | 'ALREADY_DONE' | 'RETRY' | 'FAILED';

/**
 * Sends the e-mail of one notification. The notification row is locked while the message goes
 * out, so two runs of the same job (a retry racing a stalled run, a job id re-added after
 * trimming) cannot both send: the second sees the e-mail already SENT. A failure is counted and
 * kept on the row; on the last attempt the e-mail is recorded FAILED (the in-app notification
 * stays as it is).
 */
@Injectable()
export class EmailDelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly notifications: NotificationsRepository,
  ) {}

  async deliver(notificationId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    let failure: Error | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<EmailOutcome> => {
      const row = await this.notifications.lockForEmail(manager, notificationId);
      if (!row || row.email_state !== 'PENDING') return 'ALREADY_DONE';
      try {
        await this.mailer.send({
          to: { name: row.name, address: row.email },
          subject: row.subject,
          text: row.body,
          locale: row.locale,
          messageKey: `notification-${notificationId}`,
          trace: { 'X-Notification-Id': notificationId },
        });
      } catch (error) {
        failure = error as Error;
        await this.notifications.recordEmailFailure(
          manager,
          notificationId,
          describeMailError(failure),
          finalAttempt,
        );
        return finalAttempt ? 'FAILED' : 'RETRY';
      }
      await this.notifications.recordEmailSent(manager, notificationId);
      return 'SENT';
    });
    // Thrown after the commit, so the attempt is recorded and BullMQ schedules the retry.
    if (failure) throw failure;
    return outcome;
  }
}

export function describeMailError(
  error: Error & { responseCode?: number; response?: string },
): string {
  const text = error.response ?? error.message ?? String(error);
  return (error.responseCode ? `${error.responseCode} ${text}` : text).slice(0, 1000);
}
