import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764374400000 implements MigrationInterface {
  name = 'Foundation1764374400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
        name_en text NOT NULL,
        name_lo text NOT NULL,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX agencies_code_key ON agencies (code)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN','SECRETARIAT','JUDGE','AGENCY_REVIEWER','OBSERVER')),
        committees text[] NOT NULL DEFAULT '{}',
        agency_id uuid REFERENCES agencies(id),
        institution text,
        locale text NOT NULL DEFAULT 'lo' CHECK (locale IN ('lo','en')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_committees_valid CHECK (committees <@ ARRAY['TWG','COUNCIL']::text[]),
        CONSTRAINT users_committees_judges_only CHECK (role = 'JUDGE' OR committees = '{}'),
        CONSTRAINT users_reviewer_has_agency CHECK ((role = 'AGENCY_REVIEWER') = (agency_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_agency_idx ON users (agency_id) WHERE agency_id IS NOT NULL`);
    // The four agencies of the interagency review named in the fact sheet.
    await q.query(`
      INSERT INTO agencies (code, name_en, name_lo, email) VALUES
        ('MOFA', 'Ministry of Foreign Affairs', 'ກະຊວງການຕ່າງປະເທດ', 'review@mofa.example.la'),
        ('MOJ', 'Ministry of Justice', 'ກະຊວງຍຸຕິທຳ', 'review@moj.example.la'),
        ('OSPP', 'Office of the Supreme People''s Prosecutor', 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', 'review@ospp.example.la'),
        ('MPS', 'Ministry of Public Security', 'ກະຊວງປ້ອງກັນຄວາມສະຫງົບ', 'review@mps.example.la')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE agencies`);
  }
}
