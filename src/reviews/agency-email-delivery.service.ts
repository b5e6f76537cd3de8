import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { AgencyMessagesRepository } from '../notifications/agency-messages.repository';
import { ANSWER_LINK_MARK } from '../notifications/agency-mailbox.service';
import { attemptEmail, EmailOutcome } from '../notifications/email-attempt';
import { Mailer } from '../notifications/mailer.service';
import { AnswerLinksRepository, newAnswerToken } from './answer-links.repository';

/**
 * Sends one e-mail to an agency's contact address with a fresh answer link. The message row is
 * locked while it goes out (a second run finds it SENT); the link's digest is stored only once the
 * message was accepted, in the same transaction. A request answered or withdrawn before the
 * e-mail left is not e-mailed at all (SKIPPED): there is nothing left to answer.
 */
@Injectable()
export class AgencyEmailDelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly links: AnswerLinksRepository,
    private readonly messages: AgencyMessagesRepository,
    private readonly env: Env,
  ) {}

  deliver(messageId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    return attemptEmail(this.dataSource, finalAttempt, async (manager) => {
      const row = await this.messages.lockForSending(manager, messageId);
      if (!row || row.email_state !== 'PENDING') return null;
      if (row.status !== 'PENDING') {
        await this.messages.markSkipped(manager, messageId);
        return null;
      }
      const token = newAnswerToken();
      const link = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}/answer/${token}`;
      return {
        send: () =>
          this.mailer.send({
            to: { name: row.locale === 'en' ? row.name_en : row.name_lo, address: row.address },
            subject: row.subject,
            text: row.body.split(ANSWER_LINK_MARK).join(link),
            locale: row.locale,
            messageKey: `agency-message-${messageId}`,
            trace: { 'X-Agency-Message-Id': messageId },
          }),
        failed: (error, final) => this.messages.recordFailure(manager, messageId, error, final),
        sent: async () => {
          // The link's digest is stored only once the message was accepted.
          await this.links.issue(manager, row.review_request_id, token, messageId);
          await this.messages.markSent(manager, messageId);
        },
      };
    });
  }
}
