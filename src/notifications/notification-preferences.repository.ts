import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_FREQUENCY, EmailFrequency } from './email-preferences';

/** The stored choices (rows only for kinds set away from the default). */
@Injectable()
export class NotificationPreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  storedOf(userId: string): Promise<{ kind: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT kind, email FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
  }

  /** The stored choice for one kind of each of these people (none: the default). */
  storedForKind(
    manager: EntityManager,
    kind: string,
    userIds: string[],
  ): Promise<{ user_id: string; email: string }[]> {
    return manager.query(
      `SELECT user_id, email FROM notification_preferences WHERE kind = $1 AND user_id = ANY($2::uuid[])`,
      [kind, userIds],
    );
  }

  /**
   * Saves the given kinds in one statement (all or nothing); kinds not given keep their setting.
   * A kind set back to the default loses its row.
   */
  async save(userId: string, choices: [string, EmailFrequency][]): Promise<void> {
    if (!choices.length) return;
    await this.dataSource.query(
      `WITH given AS (
         SELECT kind, email FROM unnest($2::text[], $3::text[]) AS g(kind, email)
       ), cleared AS (
         DELETE FROM notification_preferences p USING given g
          WHERE p.user_id = $1 AND p.kind = g.kind AND g.email = $4
       )
       INSERT INTO notification_preferences (user_id, kind, email)
       SELECT $1, kind, email FROM given WHERE email <> $4
       ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email, updated_at = now()`,
      [userId, choices.map(([k]) => k), choices.map(([, v]) => v), DEFAULT_FREQUENCY],
    );
  }
}
