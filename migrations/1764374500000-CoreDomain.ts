import { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `'DRAFTING','CONSULTATION','TECHNICAL_WORKING_GROUP','COUNCIL_OF_JUDGES','INTERAGENCY_REVIEW','ADOPTED','WITHDRAWN'`;

/**
 * The core of the workflow: guidelines, immutable versions and their sections, comments with
 * dispositions, the append-only stage history, review requests and their reminders, the
 * transactional outbox and the notification inbox.
 */
export class CoreDomain1764374500000 implements MigrationInterface {
  name = 'CoreDomain1764374500000';

  public async up(q: QueryRunner): Promise<void> {
    // Rows that are records, not state: the database itself refuses to change or remove them.
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'object_not_in_prerequisite_state';
      END $$`);

    await q.query(`
      CREATE TABLE guidelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        title_en text NOT NULL,
        title_lo text NOT NULL,
        stage text NOT NULL DEFAULT 'DRAFTING' CHECK (stage IN (${STAGES})),
        current_version_number int,
        consultation_closes_at timestamptz,
        adopted_version_number int,
        adopted_content_hash text,
        adopted_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX guidelines_code_key ON guidelines (upper(code))`);
    await q.query(`CREATE INDEX guidelines_stage_idx ON guidelines (stage)`);

    await q.query(`
      CREATE TABLE guideline_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_id uuid NOT NULL REFERENCES guidelines(id),
        number int NOT NULL CHECK (number > 0),
        stage text NOT NULL CHECK (stage IN (${STAGES})),
        change_summary text NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        section_count int NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT guideline_versions_number_key UNIQUE (guideline_id, number)
      )`);
    await q.query(`
      CREATE TABLE version_sections (
        version_id uuid NOT NULL REFERENCES guideline_versions(id),
        position int NOT NULL CHECK (position >= 0),
        key text NOT NULL,
        kind text NOT NULL DEFAULT 'text' CHECK (kind IN ('text','indicator')),
        heading text NOT NULL,
        body text NOT NULL,
        indicator_code text,
        indicator_category text,
        PRIMARY KEY (version_id, position),
        CONSTRAINT version_sections_key UNIQUE (version_id, key)
      )`);
    await q.query(
      `CREATE INDEX version_sections_text_trgm ON version_sections USING gin ((heading || ' ' || body) gin_trgm_ops)`,
    );
    for (const table of ['guideline_versions', 'version_sections']) {
      await q.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_id uuid NOT NULL REFERENCES guidelines(id),
        version_id uuid NOT NULL REFERENCES guideline_versions(id),
        version_number int NOT NULL,
        section_key text NOT NULL,
        parent_id uuid REFERENCES comments(id),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        quote text,
        stage text NOT NULL CHECK (stage IN (${STAGES})),
        spoken_by_name text,
        spoken_by_institution text,
        event_id uuid,
        disposition_status text CHECK (disposition_status IN ('ACCEPTED','PARTIALLY_ACCEPTED','REJECTED','NOTED')),
        disposition_response text,
        disposition_by uuid REFERENCES users(id),
        disposition_at timestamptz,
        disposition_version_number int,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        CONSTRAINT comments_section_fk FOREIGN KEY (version_id, section_key) REFERENCES version_sections(version_id, key),
        CONSTRAINT comments_disposition_top_level CHECK (parent_id IS NULL OR disposition_status IS NULL)
      )`);
    await q.query(
      `CREATE INDEX comments_version_section_idx ON comments (version_id, section_key, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX comments_parent_idx ON comments (parent_id) WHERE parent_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX comments_guideline_idx ON comments (guideline_id, created_at, id)`);
    await q.query(`CREATE INDEX comments_author_idx ON comments (author_id)`);
    await q.query(`CREATE INDEX comments_body_trgm ON comments USING gin (body gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE comment_revisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        comment_id uuid NOT NULL REFERENCES comments(id),
        body text NOT NULL,
        quote text,
        edited_by uuid NOT NULL REFERENCES users(id),
        edited_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX comment_revisions_comment_idx ON comment_revisions (comment_id, id)`,
    );
    await q.query(`
      CREATE TABLE comment_dispositions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        comment_id uuid NOT NULL REFERENCES comments(id),
        status text NOT NULL CHECK (status IN ('ACCEPTED','PARTIALLY_ACCEPTED','REJECTED','NOTED')),
        response text,
        version_number int,
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX comment_dispositions_comment_idx ON comment_dispositions (comment_id, id)`,
    );
    for (const table of ['comment_revisions', 'comment_dispositions']) {
      await q.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
    }

    await q.query(`
      CREATE TABLE stage_transitions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        guideline_id uuid NOT NULL REFERENCES guidelines(id),
        from_stage text CHECK (from_stage IN (${STAGES})),
        to_stage text NOT NULL CHECK (to_stage IN (${STAGES})),
        actor_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now(),
        version_number int,
        reason text,
        override boolean NOT NULL DEFAULT false,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE INDEX stage_transitions_guideline_idx ON stage_transitions (guideline_id, id)`,
    );
    await q.query(
      `CREATE TRIGGER stage_transitions_immutable BEFORE UPDATE OR DELETE ON stage_transitions FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER stage_transitions_no_truncate BEFORE TRUNCATE ON stage_transitions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );

    await q.query(`
      CREATE TABLE review_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_id uuid NOT NULL REFERENCES guidelines(id),
        version_id uuid NOT NULL REFERENCES guideline_versions(id),
        version_number int NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        transition_id bigint REFERENCES stage_transitions(id),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ANSWERED','WITHDRAWN')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decision text CHECK (decision IN ('APPROVE','APPROVE_WITH_COMMENTS','OBJECT')),
        response_comments text,
        signatory_name text,
        signatory_title text,
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz,
        withdrawn_at timestamptz,
        withdrawn_reason text,
        CONSTRAINT review_requests_answer_consistent CHECK ((status = 'ANSWERED') = (decision IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX review_requests_one_open ON review_requests (guideline_id, agency_id) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX review_requests_agency_idx ON review_requests (agency_id, status, due_date)`,
    );
    await q.query(
      `CREATE INDEX review_requests_guideline_idx ON review_requests (guideline_id, status)`,
    );
    await q.query(`
      CREATE TABLE review_due_date_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        review_request_id uuid NOT NULL REFERENCES review_requests(id),
        from_date date NOT NULL,
        to_date date NOT NULL,
        reason text NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_request_id uuid NOT NULL REFERENCES review_requests(id),
        kind text NOT NULL,
        planned_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED','SENT','CANCELLED')),
        sent_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX reminders_once ON reminders (review_request_id, kind, planned_at)`,
    );
    await q.query(
      `CREATE INDEX reminders_request_idx ON reminders (review_request_id, planned_at)`,
    );

    // Transactional outbox: a domain change and its jobs commit together; a relay publishes them to BullMQ.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        run_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT outbox_job_id_key UNIQUE (job_id)
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        dedupe_key text NOT NULL,
        guideline_id uuid REFERENCES guidelines(id),
        subject text NOT NULL,
        body text NOT NULL,
        link text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        email_state text NOT NULL DEFAULT 'PENDING' CHECK (email_state IN ('PENDING','SENT','FAILED','SKIPPED')),
        email_attempts int NOT NULL DEFAULT 0,
        email_error text,
        email_sent_at timestamptz,
        CONSTRAINT notifications_once UNIQUE (user_id, dedupe_key)
      )`);
    await q.query(
      `CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'outbox',
      'reminders',
      'review_due_date_changes',
      'review_requests',
      'stage_transitions',
      'comment_dispositions',
      'comment_revisions',
      'comments',
      'version_sections',
      'guideline_versions',
      'guidelines',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
