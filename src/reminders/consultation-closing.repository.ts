import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Committee, Locale, Role } from '../court/roles';

/** A consultation closing soon, with when its current round began. */
export interface ClosingConsultation {
  id: string;
  closes_at: Date;
  round_started: Date | null;
}

/** A judge, with what the comment rule needs to say whether they may comment. */
export interface JudgeRow {
  id: string;
  locale: Locale;
  role: Role;
  committees: Committee[];
  agency_id: string | null;
}

/** What the closing-consultation notices read (reads only: the tables are other modules'). */
@Injectable()
export class ConsultationClosingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Guidelines in CONSULTATION closing after `from` and no later than `to`. */
  closingBetween(from: Date, to: Date): Promise<ClosingConsultation[]> {
    return this.dataSource.query(
      `SELECT g.id, g.consultation_closes_at AS closes_at,
         (SELECT max(t.at) FROM stage_transitions t WHERE t.guideline_id = g.id AND t.to_stage = 'CONSULTATION') AS round_started
       FROM guidelines g
       WHERE g.stage = 'CONSULTATION' AND g.consultation_closes_at > $1
         AND g.consultation_closes_at <= $2 ORDER BY g.id`,
      [from, to],
    );
  }

  /** Active judges who have not commented on the guideline in consultation since `since`. */
  silentJudges(
    manager: EntityManager,
    guidelineId: string,
    since: Date | null,
  ): Promise<JudgeRow[]> {
    return manager.query(
      `SELECT u.id, u.locale, u.role, u.committees, u.agency_id FROM users u
       WHERE u.active AND u.role = 'JUDGE' AND NOT EXISTS (
         SELECT 1 FROM comments c WHERE c.guideline_id = $1 AND c.author_id = u.id
           AND c.stage = 'CONSULTATION' AND c.deleted_at IS NULL
           AND c.created_at >= coalesce($2::timestamptz, '-infinity'))
       ORDER BY u.id`,
      [guidelineId, since],
    );
  }
}
