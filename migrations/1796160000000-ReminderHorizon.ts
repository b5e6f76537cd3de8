import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders reach the queue only when they come within the horizon (REMINDER_HORIZON_HOURS):
 * `queued_at` is when a reminder's job was written to the outbox, NULL while it waits in the
 * database alone. Every reminder written before this migration had its job written with it.
 */
export class ReminderHorizon1796160000000 implements MigrationInterface {
  name = 'ReminderHorizon1796160000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminders ADD COLUMN queued_at timestamptz`);
    await q.query(`UPDATE reminders SET queued_at = created_at`);
    // What the sweep reads: the planned reminders not yet queued, soonest first.
    await q.query(
      `CREATE INDEX reminders_unqueued_idx ON reminders (planned_at)
         WHERE state = 'PLANNED' AND queued_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Before this migration every planned reminder had its job in the outbox: write the missing ones.
    await q.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
       SELECT 'reminders', 'review.reminder', 'reminder-' || id, jsonb_build_object('reminderId', id), planned_at
         FROM reminders WHERE state = 'PLANNED' AND queued_at IS NULL
       ON CONFLICT (job_id) DO NOTHING`,
    );
    await q.query(`DROP INDEX reminders_unqueued_idx`);
    await q.query(`ALTER TABLE reminders DROP COLUMN queued_at`);
  }
}
