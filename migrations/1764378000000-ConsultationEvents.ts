import { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `'DRAFTING','CONSULTATION','TECHNICAL_WORKING_GROUP','COUNCIL_OF_JUDGES','INTERAGENCY_REVIEW','ADOPTED','WITHDRAWN'`;
const KINDS = `'WORKSHOP','TRAINING','TWG_MEETING','COUNCIL_MEETING','CONSULTATION_MEETING','OTHER'`;
const CATEGORIES = `'COURT','PROSECUTION','POLICE','JUSTICE','WOMENS_UNION','CIVIL_SOCIETY','OTHER'`;

/**
 * Consultation events (workshops, trainings, TWG meetings) with participants by sex, disability
 * and institution; every correction is kept; comments gathered at an event point to it.
 */
export class ConsultationEvents1764378000000 implements MigrationInterface {
  name = 'ConsultationEvents1764378000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_id uuid NOT NULL REFERENCES guidelines(id),
        title text NOT NULL,
        event_date date NOT NULL,
        location text NOT NULL,
        partner text,
        kind text NOT NULL DEFAULT 'WORKSHOP' CHECK (kind IN (${KINDS})),
        stage text NOT NULL CHECK (stage IN (${STAGES})),
        female int NOT NULL CHECK (female >= 0),
        male int NOT NULL CHECK (male >= 0),
        other int NOT NULL CHECK (other >= 0),
        participants int GENERATED ALWAYS AS (female + male + other) STORED,
        with_disability int CHECK (with_disability >= 0),
        revision int NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultation_events_disability_within_total
          CHECK (with_disability IS NULL OR with_disability <= female + male + other)
      )`);
    await q.query(
      `CREATE INDEX consultation_events_guideline_idx ON consultation_events (guideline_id, event_date, id)`,
    );
    await q.query(
      `CREATE INDEX consultation_events_date_idx ON consultation_events (event_date DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX consultation_events_location_idx ON consultation_events (lower(location))`,
    );

    await q.query(`
      CREATE TABLE consultation_event_institutions (
        event_id uuid NOT NULL REFERENCES consultation_events(id),
        position int NOT NULL CHECK (position >= 0),
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        name text,
        count int NOT NULL CHECK (count >= 0),
        PRIMARY KEY (event_id, position)
      )`);

    // Who corrected what, when and why: rows are records, never changed.
    await q.query(`
      CREATE TABLE consultation_event_corrections (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES consultation_events(id),
        revision int NOT NULL,
        reason text NOT NULL,
        changes jsonb NOT NULL,
        corrected_by uuid NOT NULL REFERENCES users(id),
        corrected_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultation_event_corrections_revision_key UNIQUE (event_id, revision)
      )`);
    await q.query(
      `CREATE TRIGGER consultation_event_corrections_immutable BEFORE UPDATE OR DELETE ON consultation_event_corrections FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );

    await q.query(
      `ALTER TABLE comments ADD CONSTRAINT comments_event_fk FOREIGN KEY (event_id) REFERENCES consultation_events(id)`,
    );
    await q.query(
      `CREATE INDEX comments_event_idx ON comments (event_id, created_at, id) WHERE event_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX comments_event_idx`);
    await q.query(`ALTER TABLE comments DROP CONSTRAINT comments_event_fk`);
    await q.query(`DROP TABLE consultation_event_corrections`);
    await q.query(`DROP TABLE consultation_event_institutions`);
    await q.query(`DROP TABLE consultation_events`);
  }
}
