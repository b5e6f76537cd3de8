import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { Env } from '../config/env';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Sent as X-Notification-Id: lets a mail system (and the tests) see a repeat. */
  notificationId: string;
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

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('e-mail is off (SMTP_URL is not set)');
    await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Notification-Id': mail.notificationId },
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
