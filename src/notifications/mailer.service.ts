import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { Env } from '../config/env';
import { Locale } from '../court/roles';
import { emailHtml, stableMessageId } from './email-message';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** The reader's language: the HTML's lang and the Content-Language header. */
  locale: Locale;
  /**
   * What this e-mail carries (`notification-<id>`, `agency-message-<id>`): the Message-ID is made
   * of it, so a repeated send is recognised by mail systems.
   */
  messageKey: string;
  /** Headers that say which record the e-mail carries (X-Notification-Id, X-Agency-Message-Id). */
  trace: Record<string, string>;
  /** Where the reader changes how often such messages come (List-Unsubscribe), for digests. */
  unsubscribeUrl?: string;
  /** The HTML part when it is more than the text's paragraphs (a digest's headings); else built from `text`. */
  html?: string;
}

/** SMTP through nodemailer (SMTP_URL, MAIL_FROM). Without SMTP_URL e-mail is off. */
@Injectable()
export class Mailer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private transport: Transporter | null = null;

  constructor(private readonly env: Env) {}

  onModuleInit(): void {
    if (!this.env.SMTP_URL) {
      this.logger.warn('E-mail is off (SMTP_URL is not set): notifications are in-app only');
      return;
    }
    this.transport = nodemailer.createTransport({
      url: this.env.SMTP_URL,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /**
   * multipart/alternative (the text and a simple HTML rendering of the same words), in the reader's
   * language, marked as sent by a machine (RFC 3834) so out-of-office replies stay away.
   */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('e-mail is off (SMTP_URL is not set)');
    await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: { name: mail.to.name, address: mail.to.address },
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? emailHtml({ subject: mail.subject, body: mail.text, locale: mail.locale }),
      messageId: stableMessageId(mail.messageKey, this.env.MAIL_FROM, this.env.PUBLIC_URL),
      ...(mail.unsubscribeUrl ? { list: { unsubscribe: mail.unsubscribeUrl } } : {}),
      headers: {
        ...mail.trace,
        'Content-Language': mail.locale,
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
      },
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
