import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interagency review reminders and the outbox relay:
 * - a reminder may be re-planned at a time it once had (a due date moved and moved back): only
 *   reminders still live (planned or sent) need be unique per (request, kind, time), which also
 *   stops two workers planning the same next overdue reminder;
 * - committing outbox rows wakes the relays at once (NOTIFY is delivered on commit), so jobs do
 *   not wait for the next poll;
 * - the admin's list of failed e-mails and the scan for consultations closing soon have an index.
 */
export class ReviewReminders1764377000000 implements MigrationInterface {
  name = 'ReviewReminders1764377000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reminders_once`);
    await q.query(
      `CREATE UNIQUE INDEX reminders_once_live ON reminders (review_request_id, kind, planned_at) WHERE state <> 'CANCELLED'`,
    );
    await q.query(
      `CREATE INDEX reminders_planned_idx ON reminders (review_request_id) WHERE state = 'PLANNED'`,
    );
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
    await q.query(
      `CREATE INDEX notifications_email_failed_idx ON notifications (created_at DESC, id DESC) WHERE email_state = 'FAILED'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_email_failed_idx`);
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP INDEX reminders_planned_idx`);
    await q.query(`DROP INDEX reminders_once_live`);
    await q.query(
      `CREATE UNIQUE INDEX reminders_once ON reminders (review_request_id, kind, planned_at)`,
    );
  }
}
