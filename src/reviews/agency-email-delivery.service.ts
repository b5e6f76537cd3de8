import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
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
    private readonly env: Env,
  ) {}

  async deliver(messageId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    let failure: Error | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<EmailOutcome> => {
      const rows = await manager.query(
        `SELECT m.subject, m.body, m.email_state, m.address, m.locale, m.review_request_id,
                q.status, a.name_en, a.name_lo
           FROM agency_messages m
           JOIN review_requests q ON q.id = m.review_request_id
           JOIN agencies a ON a.id = m.agency_id
          WHERE m.id = $1 FOR UPDATE OF m`,
        [messageId],
      );
      const row = rows[0];
      if (!row || row.email_state !== 'PENDING') return 'ALREADY_DONE';
      if (row.status !== 'PENDING') {
        await manager.query(`UPDATE agency_messages SET email_state = 'SKIPPED' WHERE id = $1`, [
          messageId,
        ]);
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
        await manager.query(
          `UPDATE agency_messages SET email_attempts = email_attempts + 1, email_error = $2,
             email_state = CASE WHEN $3::boolean THEN 'FAILED' ELSE email_state END
           WHERE id = $1`,
          [messageId, describeMailError(failure), finalAttempt],
        );
        return finalAttempt ? 'FAILED' : 'RETRY';
      }
      await this.links.issue(manager, row.review_request_id, token, messageId);
      await manager.query(
        `UPDATE agency_messages SET email_state = 'SENT', email_sent_at = now(),
           email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1`,
        [messageId],
      );
      return 'SENT';
    });
    if (failure) throw failure;
    return outcome;
  }
}
