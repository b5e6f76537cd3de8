import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A digest whose reader's account was deactivated before it went out is not sent: SKIPPED, like
 * a notice's e-mail in that case (its notices are SKIPPED too).
 */
export class SkippedDigests1796150000000 implements MigrationInterface {
  name = 'SkippedDigests1796150000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_digests DROP CONSTRAINT email_digests_state_check`);
    await q.query(
      `ALTER TABLE email_digests ADD CONSTRAINT email_digests_state_check
         CHECK (state IN ('PENDING','SENT','FAILED','SKIPPED'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Before this migration a digest that was not sent could only be FAILED.
    await q.query(
      `UPDATE email_digests SET state = 'FAILED', error = coalesce(error, 'not sent: the account was deactivated')
        WHERE state = 'SKIPPED'`,
    );
    await q.query(`ALTER TABLE email_digests DROP CONSTRAINT email_digests_state_check`);
    await q.query(
      `ALTER TABLE email_digests ADD CONSTRAINT email_digests_state_check
         CHECK (state IN ('PENDING','SENT','FAILED'))`,
    );
  }
}
