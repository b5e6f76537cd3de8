import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the ReviewReminders migration revertible. Since it, a reminder cancelled when a due date
 * moved may share (request, kind, time) with a live one or with another cancelled one (the date
 * moved back); its down path recreates the older unique index over all reminders, which such rows
 * violate, so a revert failed half-way. Nothing changes on the way up. On the way down, before that
 * index returns, the cancelled reminders that repeat a key are removed: the one live reminder of
 * the key is kept, or else the newest cancelled one. (The older schema cannot hold them; they
 * were only history, nothing is sent for a cancelled reminder.)
 */
export class ReviewRemindersRevertible1796129350865 implements MigrationInterface {
  name = 'ReviewRemindersRevertible1796129350865';

  public async up(): Promise<void> {
    // Nothing: the live-only uniqueness of ReviewReminders stays as it is.
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM reminders r
       WHERE r.state = 'CANCELLED'
         AND EXISTS (
           SELECT 1 FROM reminders o
            WHERE o.review_request_id = r.review_request_id AND o.kind = r.kind
              AND o.planned_at = r.planned_at AND o.id <> r.id
              AND (o.state <> 'CANCELLED' OR o.created_at > r.created_at
                   OR (o.created_at = r.created_at AND o.id > r.id)))`);
  }
}
