import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { OutboxWriter } from '../outbox/outbox.writer';
import { JOB } from '../queues/queues';
import { AgencyMessagesRepository } from './agency-messages.repository';
import { MessageFactsRepository } from './message-facts.repository';
import { Bilingual, MessageContext, NotificationKind, renderMessage } from './templates';

/**
 * Stands in the stored text for the answer link: each e-mail gets a link of its own when it is
 * sent (only its digest is kept), so the stored copy never holds a usable token.
 */
export const ANSWER_LINK_MARK = '\u2063ANSWER-LINK\u2063';

const ANSWER_HERE: Bilingual = {
  en: 'Read the version and answer here (no sign-in needed)',
  lo: 'ອ່ານສະບັບ ແລະ ຕອບໄດ້ທີ່ນີ້ (ບໍ່ຕ້ອງເຂົ້າລະບົບ)',
};

export type AgencyMessageKind =
  | NotificationKind.REVIEW_REQUESTED
  | NotificationKind.REVIEW_REMINDER
  | NotificationKind.REVIEW_DUE_TODAY
  | NotificationKind.REVIEW_OVERDUE
  | NotificationKind.REVIEW_DUE_DATE_CHANGED;

/**
 * E-mails to an agency's contact address (not a person with an account): the review request, a
 * moved due date and every reminder, in the agency's language, each with an answer link. Written
 * in the caller's transaction with its outbox job; the same dedupe key is written once.
 */
@Injectable()
export class AgencyMailbox {
  constructor(
    private readonly env: Env,
    private readonly outbox: OutboxWriter,
    private readonly facts: MessageFactsRepository,
    private readonly messages: AgencyMessagesRepository,
  ) {}

  /** Returns the message's id, or null (no contact address, e-mail off, or written already). */
  async write(
    manager: EntityManager,
    message: {
      kind: AgencyMessageKind;
      dedupeKey: string;
      reviewRequestId: string;
      agencyId: string;
      context: Omit<MessageContext, 'link' | 'agency'>;
    },
  ): Promise<string | null> {
    if (!this.env.SMTP_URL) return null;
    const agency = await this.facts.agency(manager, message.agencyId);
    if (!agency?.email) return null;
    const rendered = renderMessage(
      message.kind,
      agency.locale,
      { ...message.context, agency, link: ANSWER_LINK_MARK },
      this.env.APP_TIMEZONE,
      ANSWER_HERE,
    );
    const id = await this.messages.insert(manager, {
      agencyId: agency.id,
      reviewRequestId: message.reviewRequestId,
      kind: message.kind,
      dedupeKey: message.dedupeKey,
      address: agency.email,
      locale: agency.locale,
      subject: rendered.subject,
      body: rendered.body,
    });
    if (id) {
      await this.outbox.enqueue(manager, {
        name: JOB.SEND_AGENCY_EMAIL,
        jobId: `agency-email-${id}`,
        payload: { agencyMessageId: id },
      });
    }
    return id;
  }
}
