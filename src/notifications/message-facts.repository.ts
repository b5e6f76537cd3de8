import { Injectable } from '@nestjs/common';
import { Role } from '../court/roles';
import { EntityManager } from 'typeorm';
import { Locale } from '../court/roles';
import { Stage } from '../court/stage';
import { Bilingual } from './templates';

export interface GuidelineFacts {
  id: string;
  code: string;
  title: Bilingual;
  stage: Stage;
  consultationClosesAt: Date | null;
}

export interface AgencyFacts {
  id: string;
  code: string;
  name: Bilingual;
  /** The contact address ('' when none is known). */
  email: string;
  /** The language its contact address is written to. */
  locale: Locale;
}

/** What messages mention: a guideline's code, titles and stage; an agency's names. */
@Injectable()
export class MessageFactsRepository {
  async guideline(manager: EntityManager, id: string): Promise<GuidelineFacts | null> {
    const rows = await manager.query(
      `SELECT id, code, title_en, title_lo, stage, consultation_closes_at FROM guidelines WHERE id = $1`,
      [id],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      id: r.id,
      code: r.code,
      title: { en: r.title_en, lo: r.title_lo },
      stage: r.stage,
      consultationClosesAt: r.consultation_closes_at,
    };
  }

  async agency(manager: EntityManager, id: string): Promise<AgencyFacts | null> {
    const rows = await manager.query(
      `SELECT id, code, name_en, name_lo, email, locale FROM agencies WHERE id = $1`,
      [id],
    );
    if (!rows.length) return null;
    return {
      id: rows[0].id,
      code: rows[0].code,
      name: { en: rows[0].name_en, lo: rows[0].name_lo },
      email: rows[0].email ?? '',
      locale: rows[0].locale,
    };
  }

  /** The consultation close date a move into CONSULTATION set (kept on its history row). */
  async closesAtOfTransition(manager: EntityManager, transitionId: string): Promise<Date | null> {
    const rows = await manager.query(
      `SELECT details->>'consultationClosesAt' AS closes_at FROM stage_transitions WHERE id = $1`,
      [transitionId],
    );
    return rows[0]?.closes_at ? new Date(rows[0].closes_at) : null;
  }

  /** A user's role and agency: what decides which part of the record they read. */
  async readerOf(
    manager: EntityManager,
    id: string,
  ): Promise<{ role: Role; agencyId: string | null } | null> {
    const rows = await manager.query(
      `SELECT role, agency_id AS "agencyId" FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async userName(manager: EntityManager, id: string): Promise<string | null> {
    const rows = await manager.query(`SELECT name FROM users WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }

  /** Who gave this disposition (null when there is none). */
  async dispositionDecider(manager: EntityManager, dispositionId: string): Promise<string | null> {
    const rows: { decided_by: string }[] = await manager.query(
      `SELECT decided_by FROM comment_dispositions WHERE id = $1`,
      [dispositionId],
    );
    return rows[0]?.decided_by ?? null;
  }
}
