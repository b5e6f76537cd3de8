import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { AgencyMessagesRepository } from '../notifications/agency-messages.repository';
import { ANSWER_LINK_MARK } from '../notifications/agency-mailbox.service';
import { describeMailError, EmailOutcome } from '../notifications/email-delivery.service';
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

  async deliver(messageId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    let failure: Error | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<EmailOutcome> => {
      const row = await this.messages.lockForSending(manager, messageId);
      if (!row || row.email_state !== 'PENDING') return 'ALREADY_DONE';
      if (row.status !== 'PENDING') {
        await this.messages.markSkipped(manager, messageId);
        return 'ALREADY_DONE';
      }
      const token = newAnswerToken();
      const link = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}/answer/${token}`;
      try {
        await this.mailer.send({
          to: { name: row.locale === 'en' ? row.name_en : row.name_lo, address: row.address },
          subject: row.subject,
          text: (row.body as string).split(ANSWER_LINK_MARK).join(link),
          locale: row.locale,
          messageKey: `agency-message-${messageId}`,
          trace: { 'X-Agency-Message-Id': messageId },
        });
      } catch (error) {
        failure = error as Error;
        await this.messages.recordFailure(
          manager,
          messageId,
          describeMailError(failure),
          finalAttempt,
        );
        return finalAttempt ? 'FAILED' : 'RETRY';
      }
      await this.links.issue(manager, row.review_request_id, token, messageId);
      await this.messages.markSent(manager, messageId);
      return 'SENT';
    });
    if (failure) throw failure;
    return outcome;
  }
}
