import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { JOB } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { Recipient } from './recipients.repository';
import {
  Bilingual,
  GuidelineKind,
  MessageContext,
  NotificationKind,
  renderMessage,
} from './templates';

export interface Announcement {
  kind: GuidelineKind;
  /**
   * What makes this message one message: the same key to the same person is stored once
   * (UNIQUE (user_id, dedupe_key)), however often the job that sends it runs.
   */
  dedupeKey: string;
  guidelineId: string | null;
  context: MessageContext;
  /** Ids the web interface needs (review request, comment, ...). */
  data?: Record<string, unknown>;
}

/**
 * Turns an event into in-app notifications, one per recipient in their own language, and queues
 * one e-mail job per notification actually created (through the outbox, in the caller's
 * transaction). A repeat of the same announcement creates nothing and sends nothing.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly env: Env,
    private readonly outbox: OutboxWriter,
  ) {}

  get emailEnabled(): boolean {
    return Boolean(this.env.SMTP_URL);
  }

  /** Returns the ids of the notifications created now (none for people already told). */
  async announce(
    manager: EntityManager,
    recipients: Recipient[],
    announcement: Announcement,
  ): Promise<string[]> {
    const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
    if (!unique.length) return [];
    const messages = unique.map((r) =>
      renderMessage(announcement.kind, r.locale, announcement.context, this.env.APP_TIMEZONE),
    );
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, guideline_id, subject, body, link, data, email_state)
       SELECT user_id, $2, $3, $4, subject, body, $5, $6::jsonb, $7
       FROM unnest($1::uuid[], $8::text[], $9::text[]) AS t(user_id, subject, body)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        unique.map((r) => r.id),
        announcement.kind,
        announcement.dedupeKey,
        announcement.guidelineId,
        announcement.context.link,
        JSON.stringify(announcement.data ?? {}),
        this.emailEnabled ? 'PENDING' : 'SKIPPED',
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
      ],
    );
    const ids = inserted.map((row) => row.id);
    if (this.emailEnabled && ids.length) {
      await this.outbox.enqueue(
        manager,
        ...ids.map((notificationId) => ({
          name: JOB.SEND_EMAIL,
          jobId: `email-${notificationId}`,
          payload: { notificationId },
        })),
      );
    }
    return ids;
  }

  /**
   * One message already worded for its reader, about no guideline (account messages). With
   * `inApp: false` it goes by e-mail only: it is never in the inbox (and born read, so never
   * counted as unread). Returns the notification's id, or null when this key was told already.
   */
  async tell(
    manager: EntityManager,
    recipient: Recipient,
    message: {
      kind: NotificationKind;
      dedupeKey: string;
      subject: string;
      body: string;
      link: string | null;
      inApp: boolean;
    },
  ): Promise<string | null> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, subject, body, link, email_state, in_app, read_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 THEN NULL ELSE now() END)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        recipient.id,
        message.kind,
        message.dedupeKey,
        message.subject,
        message.body,
        message.link,
        this.emailEnabled ? 'PENDING' : 'SKIPPED',
        message.inApp,
      ],
    );
    const id = inserted[0]?.id ?? null;
    if (id && this.emailEnabled) {
      await this.outbox.enqueue(manager, {
        name: JOB.SEND_EMAIL,
        jobId: `email-${id}`,
        payload: { notificationId: id },
      });
    }
    return id;
  }

  /** The stored copies of these messages lose their link and say so instead (in each reader's language). */
  async dropLinks(
    manager: EntityManager,
    notificationIds: string[],
    instead: Bilingual,
  ): Promise<void> {
    if (!notificationIds.length) return;
    await manager.query(
      `UPDATE notifications n SET body = CASE WHEN u.locale = 'en' THEN $2 ELSE $3 END, link = NULL
         FROM users u
        WHERE u.id = n.user_id AND n.id = ANY($1::uuid[]) AND n.link IS NOT NULL`,
      [notificationIds, instead.en, instead.lo],
    );
  }

  /** A link into the web interface. */
  link(path: string): string {
    return `${this.env.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
  }
}
