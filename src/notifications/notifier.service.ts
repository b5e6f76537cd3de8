import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Env } from '../config/env';
import { JOB } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { EmailFrequency, effectiveFrequency } from './email-preferences';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationsRepository } from './notifications.repository';
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

/** The e-mail state a new notice starts in, by its reader's choice for its kind. */
const EMAIL_STATE_OF: Record<EmailFrequency, string> = {
  [EmailFrequency.IMMEDIATE]: 'PENDING',
  [EmailFrequency.DAILY]: 'DAILY',
  [EmailFrequency.OFF]: 'OFF',
};

/**
 * Turns an event into in-app notifications, one per recipient in their own language, and queues
 * one e-mail job per notification actually created whose reader wants it at once (through the
 * outbox, in the caller's transaction; see email-preferences.ts). A repeat of the same announcement creates nothing and sends nothing.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly env: Env,
    private readonly outbox: OutboxWriter,
    private readonly notifications: NotificationsRepository,
    private readonly preferences: NotificationPreferencesRepository,
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
    const states = this.emailEnabled
      ? await this.emailStates(manager, unique, announcement.kind)
      : unique.map(() => 'SKIPPED');
    const inserted = await this.notifications.insertAnnounced(manager, {
      userIds: unique.map((r) => r.id),
      kind: announcement.kind,
      dedupeKey: announcement.dedupeKey,
      guidelineId: announcement.guidelineId,
      link: announcement.context.link,
      data: announcement.data ?? {},
      subjects: messages.map((m) => m.subject),
      bodies: messages.map((m) => m.body),
      emailStates: states,
    });
    // DAILY ones wait for the digest (src/notifications/digests.service.ts); OFF ones send nothing.
    const immediate = inserted.filter((row) => row.email_state === 'PENDING').map((row) => row.id);
    if (immediate.length) {
      await this.outbox.enqueue(
        manager,
        ...immediate.map((notificationId) => ({
          name: JOB.SEND_EMAIL,
          jobId: `email-${notificationId}`,
          payload: { notificationId },
        })),
      );
    }
    return inserted.map((row) => row.id);
  }

  /** Each recipient's e-mail state for a notice of this kind, from their preferences. */
  private async emailStates(
    manager: EntityManager,
    recipients: Recipient[],
    kind: GuidelineKind,
  ): Promise<string[]> {
    const stored = await this.preferences.storedForKind(
      manager,
      kind,
      recipients.map((r) => r.id),
    );
    const byUser = new Map(stored.map((row) => [row.user_id, row.email]));
    return recipients.map((r) => EMAIL_STATE_OF[effectiveFrequency(kind, byUser.get(r.id))]);
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
    const id = await this.notifications.insertDirect(manager, {
      userId: recipient.id,
      kind: message.kind,
      dedupeKey: message.dedupeKey,
      subject: message.subject,
      body: message.body,
      link: message.link,
      emailState: this.emailEnabled ? 'PENDING' : 'SKIPPED',
      inApp: message.inApp,
    });
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
    await this.notifications.replaceLinks(manager, notificationIds, instead);
  }

  /** A link into the web interface. */
  link(path: string): string {
    return `${this.env.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
  }
}
