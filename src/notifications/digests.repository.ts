import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Locale } from '../court/roles';
import { insertIntoOutbox } from '../outbox/outbox.writer';
import { JOB, queueOf } from '../queues/queues';
import { DIGEST_LISTED_MAX, DigestNotice } from './digest-message';

export interface LockedDigest {
  id: string;
  state: string;
  email: string;
  name: string;
  locale: Locale;
  /** Whether the reader's account is still active (a deactivated one is sent nothing). */
  active: boolean;
}

/**
 * The daily digests: the claim of the notices waiting for one (each notice in one digest at
 * most), and the digest's delivery state, like a notification's.
 */
@Injectable()
export class DigestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement, so all or nothing: for up to `readers` people with notices waiting (DAILY,
   * in no digest, written by `now`), an active account and no digest yet on `day`, creates that
   * day's digest, claims their waiting notices into it and writes its e-mail job to the outbox. A digest row that
   * exists already (another scan got there first, or it is the second scan of the day) is left
   * alone, with the notices it did not claim: they wait for the next day (as the notices of a
   * deactivated account wait, for a digest the day it is active again).
   */
  async claimWaiting(
    now: Date,
    day: string,
    readers: number,
  ): Promise<{ readers: number; digests: number; notices: number }> {
    const rows = await this.dataSource.query(
      `WITH readers AS (
         SELECT DISTINCT n.user_id FROM notifications n JOIN users u ON u.id = n.user_id AND u.active
          WHERE n.email_state = 'DAILY' AND n.digest_id IS NULL AND n.created_at <= $1
            AND NOT EXISTS (SELECT 1 FROM email_digests d
                             WHERE d.user_id = n.user_id AND d.digest_day = $2::date)
          LIMIT $3
       ), digests AS (
         INSERT INTO email_digests (user_id, digest_day)
         SELECT user_id, $2::date FROM readers
         ON CONFLICT (user_id, digest_day) DO NOTHING
         RETURNING id, user_id
       ), claimed AS (
         UPDATE notifications n SET digest_id = d.id
           FROM digests d
          WHERE n.user_id = d.user_id AND n.email_state = 'DAILY' AND n.digest_id IS NULL
            AND n.created_at <= $1
         RETURNING n.id
       ), jobs AS (
         ${insertIntoOutbox(
           `SELECT $4, $5, 'digest-' || d.id, jsonb_build_object('digestId', d.id), now() FROM digests d`,
         )}
       )
       SELECT (SELECT count(*)::int FROM readers) AS readers,
              (SELECT count(*)::int FROM digests) AS digests,
              (SELECT count(*)::int FROM claimed) AS notices`,
      [now, day, readers, queueOf(JOB.SEND_DIGEST), JOB.SEND_DIGEST],
    );
    return rows[0];
  }

  /** The digest and its reader, locked until the transaction ends (null when unknown). */
  async lock(manager: EntityManager, id: string): Promise<LockedDigest | null> {
    const rows = await manager.query(
      `SELECT d.id, d.state, u.email, u.name, u.locale, u.active
         FROM email_digests d JOIN users u ON u.id = d.user_id
        WHERE d.id = $1 FOR UPDATE OF d`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The digest's oldest DIGEST_LISTED_MAX notices, and how many notices and guidelines it holds. */
  async contentOf(
    manager: EntityManager,
    id: string,
  ): Promise<{ notices: DigestNotice[]; total: number; guidelines: number }> {
    const rows: {
      subject: string;
      link: string | null;
      created_at: Date;
      guideline_id: string | null;
      code: string | null;
      title_en: string | null;
      title_lo: string | null;
    }[] = await manager.query(
      `SELECT n.subject, n.link, n.created_at, g.id AS guideline_id, g.code, g.title_en, g.title_lo
         FROM notifications n LEFT JOIN guidelines g ON g.id = n.guideline_id
        WHERE n.digest_id = $1 ORDER BY n.created_at, n.id LIMIT $2`,
      [id, DIGEST_LISTED_MAX],
    );
    const counts = await manager.query(
      `SELECT count(*)::int AS total, count(DISTINCT guideline_id)::int AS guidelines
         FROM notifications WHERE digest_id = $1`,
      [id],
    );
    return {
      notices: rows.map((r) => ({
        subject: r.subject,
        link: r.link,
        createdAt: new Date(r.created_at),
        guideline: r.guideline_id
          ? { id: r.guideline_id, code: r.code!, title: { en: r.title_en!, lo: r.title_lo! } }
          : null,
      })),
      total: counts[0].total,
      guidelines: counts[0].guidelines,
    };
  }

  /** Sent: the digest and every notice in it (their e-mail went out in it). */
  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE email_digests SET state = 'SENT', sent_at = now(), attempts = attempts + 1, error = NULL
        WHERE id = $1`,
      [id],
    );
    await manager.query(
      `UPDATE notifications SET email_state = 'SENT', email_sent_at = now(),
         email_attempts = email_attempts + 1, email_error = NULL WHERE digest_id = $1`,
      [id],
    );
  }

  /** Not sent at all (its reader was deactivated before it went out): the digest and its notices. */
  async markSkipped(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE email_digests SET state = 'SKIPPED' WHERE id = $1`, [id]);
    await manager.query(`UPDATE notifications SET email_state = 'SKIPPED' WHERE digest_id = $1`, [
      id,
    ]);
  }

  /** A failed try is counted; the last one records the digest and its notices FAILED (seen by ADMIN). */
  async recordFailure(
    manager: EntityManager,
    id: string,
    error: string,
    finalAttempt: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE email_digests SET attempts = attempts + 1, error = $2,
         state = CASE WHEN $3::boolean THEN 'FAILED' ELSE state END WHERE id = $1`,
      [id, error, finalAttempt],
    );
    if (finalAttempt) {
      await manager.query(
        `UPDATE notifications SET email_state = 'FAILED', email_error = $2,
           email_attempts = email_attempts + 1 WHERE digest_id = $1`,
        [id, error],
      );
    }
  }
}
