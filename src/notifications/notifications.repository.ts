import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isInstantText } from '../common/day-or-instant';
import { decodeCursor, isUuidText } from '../common/pagination';

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  guideline_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
  email_state: string;
  email_attempts: number;
  email_error: string | null;
  email_sent_at: Date | null;
  cursor_at: string;
  in_app: boolean;
  user_email?: string;
  user_name?: string;
}

// cursor_at keeps created_at's microseconds: a JavaScript Date would round them away, and rows
// written within the same millisecond as a page's last one would then be skipped.
const COLUMNS = `n.id, n.user_id, n.kind, n.subject, n.body, n.link, n.guideline_id, n.data, n.created_at,
  n.read_at, n.email_state, n.email_attempts, n.email_error, n.email_sent_at, n.in_app,
  to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** (created_at to the microsecond, id): checked before either reaches SQL. */
const CURSOR_CHECKS: [typeof isInstantText, typeof isUuidText] = [isInstantText, isUuidText];

/**
 * A person's inbox (newest first, keyset pages on (created_at, id)). Messages sent by e-mail only
 * (`in_app` false: a password reset link) are never in it, nor counted, nor marked.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  inboxPage(
    userId: string,
    opts: { unreadOnly: boolean; limit: number; cursor?: string },
  ): Promise<NotificationRow[]> {
    const after = decodeCursor<[string, string]>(opts.cursor, CURSOR_CHECKS);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications n
       WHERE n.user_id = $1 AND n.in_app AND (NOT $2::boolean OR n.read_at IS NULL)
         AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3::timestamptz, $4::uuid))
       ORDER BY n.created_at DESC, n.id DESC LIMIT $5`,
      [userId, opts.unreadOnly, after?.[0] ?? null, after?.[1] ?? null, opts.limit + 1],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const rows = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL AND in_app`,
      [userId],
    );
    return rows[0].n;
  }

  /** Marks one of the user's own notifications read; null when it is not theirs (or unknown). */
  async markRead(userId: string, id: string): Promise<NotificationRow | null> {
    const rows = await this.dataSource.query(
      `WITH marked AS (
         UPDATE notifications n SET read_at = coalesce(n.read_at, now())
         WHERE n.id = $1 AND n.user_id = $2 AND n.in_app RETURNING ${COLUMNS}
       ) SELECT * FROM marked`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await this.dataSource.query(
      `WITH marked AS (
         UPDATE notifications SET read_at = now()
          WHERE user_id = $1 AND read_at IS NULL AND in_app RETURNING 1
       ) SELECT count(*)::int AS n FROM marked`,
      [userId],
    );
    return rows[0].n;
  }

  failedEmailsPage(opts: { limit: number; cursor?: string }): Promise<NotificationRow[]> {
    const after = decodeCursor<[string, string]>(opts.cursor, CURSOR_CHECKS);
    return this.dataSource.query(
      `SELECT ${COLUMNS}, u.email AS user_email, u.name AS user_name
       FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.email_state = 'FAILED'
         AND ($1::timestamptz IS NULL OR (n.created_at, n.id) < ($1::timestamptz, $2::uuid))
       ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, opts.limit + 1],
    );
  }

  /**
   * One notice per reader (subjects, bodies and e-mail states in the readers' order); a reader
   * already told under this key gets nothing new. Returns the rows created.
   */
  insertAnnounced(
    manager: EntityManager,
    n: {
      userIds: string[];
      kind: string;
      dedupeKey: string;
      guidelineId: string | null;
      link: string | null;
      data: Record<string, unknown>;
      subjects: string[];
      bodies: string[];
      emailStates: string[];
    },
  ): Promise<{ id: string; email_state: string }[]> {
    return manager.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, guideline_id, subject, body, link, data, email_state)
       SELECT user_id, $2, $3, $4, subject, body, $5, $6::jsonb, email_state
       FROM unnest($1::uuid[], $7::text[], $8::text[], $9::text[]) AS t(user_id, subject, body, email_state)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id, email_state`,
      [
        n.userIds,
        n.kind,
        n.dedupeKey,
        n.guidelineId,
        n.link,
        JSON.stringify(n.data),
        n.subjects,
        n.bodies,
        n.emailStates,
      ],
    );
  }

  /**
   * One message to one person; not in the inbox (and born read) when `inApp` is false. Returns
   * its id, or null when this key was told already.
   */
  async insertDirect(
    manager: EntityManager,
    n: {
      userId: string;
      kind: string;
      dedupeKey: string;
      subject: string;
      body: string;
      link: string | null;
      emailState: string;
      inApp: boolean;
    },
  ): Promise<string | null> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, subject, body, link, email_state, in_app, read_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 THEN NULL ELSE now() END)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [n.userId, n.kind, n.dedupeKey, n.subject, n.body, n.link, n.emailState, n.inApp],
    );
    return inserted[0]?.id ?? null;
  }

  /** These notices lose their link and say `instead`, in each reader's language. */
  async replaceLinks(
    manager: EntityManager,
    ids: string[],
    instead: { en: string; lo: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE notifications n SET body = CASE WHEN u.locale = 'en' THEN $2 ELSE $3 END, link = NULL
         FROM users u
        WHERE u.id = n.user_id AND n.id = ANY($1::uuid[]) AND n.link IS NOT NULL`,
      [ids, instead.en, instead.lo],
    );
  }

  /**
   * The notice's e-mail with its reader (and whether the reader's account is still active),
   * locked while it goes out (a second sender waits).
   */
  async lockForEmail(
    manager: EntityManager,
    id: string,
  ): Promise<{
    subject: string;
    body: string;
    email_state: string;
    email: string;
    name: string;
    locale: 'lo' | 'en';
    active: boolean;
  } | null> {
    const rows = await manager.query(
      `SELECT n.subject, n.body, n.email_state, u.email, u.name, u.locale, u.active
       FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.id = $1 FOR UPDATE OF n`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A failed attempt, counted; on the last one the e-mail is FAILED (the notice stays). */
  async recordEmailFailure(
    manager: EntityManager,
    id: string,
    error: string,
    finalAttempt: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE notifications SET email_attempts = email_attempts + 1, email_error = $2,
         email_state = CASE WHEN $3::boolean THEN 'FAILED' ELSE email_state END
       WHERE id = $1`,
      [id, error, finalAttempt],
    );
  }

  /** Not e-mailed at all (the reader's account was deactivated before it went out). */
  async recordEmailSkipped(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE notifications SET email_state = 'SKIPPED' WHERE id = $1`, [id]);
  }

  async recordEmailSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE notifications SET email_state = 'SENT', email_sent_at = now(),
         email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1`,
      [id],
    );
  }
}
