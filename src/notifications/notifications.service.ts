import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, NotificationException } from './notification.exception';
import { toPage } from '../common/pagination';
import {
  EmailState,
  FailedEmailListView,
  FailedEmailView,
  NotificationListView,
  NotificationQuery,
  NotificationView,
  ReadAllView,
} from './notification.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';
import { NotificationKind } from './templates';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    subject: row.subject,
    body: row.body,
    link: row.link,
    guidelineId: row.guideline_id,
    data: row.data,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: iso(row.read_at),
    email: {
      state: row.email_state as EmailState,
      attempts: row.email_attempts,
      error: row.email_error,
      sentAt: iso(row.email_sent_at),
    },
  };
}

const cursorOf = (row: NotificationRow) => [row.cursor_at, row.id];

/** The in-app inbox: each person sees and marks only their own notifications. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async inbox(userId: string, query: NotificationQuery): Promise<NotificationListView> {
    const [rows, unreadCount] = await Promise.all([
      this.notifications.inboxPage(userId, {
        unreadOnly: query.unread === true,
        limit: query.limit,
        cursor: query.cursor,
      }),
      this.notifications.unreadCount(userId),
    ]);
    const page = toPage(rows, query.limit, cursorOf);
    return { items: page.items.map(toView), next: page.next, unreadCount };
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    const row = await this.notifications.markRead(userId, id);
    // Someone else's notification is answered like an unknown one.
    if (!row) throw new NotificationException(NotificationErrorCode.NOTIFICATION_NOT_FOUND);
    return toView(row);
  }

  async markAllRead(userId: string): Promise<ReadAllView> {
    return { marked: await this.notifications.markAllRead(userId) };
  }

  async failedEmails(query: NotificationQuery): Promise<FailedEmailListView> {
    const rows = await this.notifications.failedEmailsPage({
      limit: query.limit,
      cursor: query.cursor,
    });
    const page = toPage(rows, query.limit, cursorOf);
    return {
      items: page.items.map((row): FailedEmailView => ({
        ...toView(row),
        // An e-mail-only message may carry a secret (a password reset link): not shown here.
        ...(row.in_app ? {} : { body: '', link: null }),
        recipient: { id: row.user_id, email: row.user_email ?? '', name: row.user_name ?? '' },
      })),
      next: page.next,
    };
  }
}
