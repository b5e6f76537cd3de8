import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, isText, isUuidText, Page, toPage } from '../common/pagination';
import { readableSql, ReaderScope } from '../court/reader-scope';
import { inCurrentReviewRound } from '../court/review-round';
import { Stage } from '../court/stage';
import { Guideline } from './guideline.entity';

/** A guideline row as the views need it: with its creator's name and its open reviews counted. */
export interface GuidelineRow {
  id: string;
  code: string;
  title_en: string;
  title_lo: string;
  stage: Stage;
  current_version_number: number | null;
  consultation_closes_at: Date | null;
  adopted_version_number: number | null;
  adopted_content_hash: string | null;
  adopted_at: Date | null;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  open_review_count: number;
  open_comment_count: number;
}

/** What a write needs to know about a guideline it holds locked. */
export interface LockedGuideline {
  id: string;
  stage: Stage;
  current_version_number: number | null;
}

/**
 * The guideline rows a reader may read (parameter `p`: the reader's scope), with the counts and
 * the current version as that reader reads them: an agency reader counts its own agency's open
 * requests and comments, and its current version is the newest it was asked to review.
 */
function viewSelect(p: string): string {
  return `
  SELECT g.id, g.code, g.title_en, g.title_lo, g.stage,
         ${currentVersionFor(p)} AS current_version_number,
         g.consultation_closes_at, g.adopted_version_number, g.adopted_content_hash, g.adopted_at,
         g.created_by, u.name AS created_by_name, g.created_at, g.updated_at,
         (SELECT count(*)::int FROM review_requests r
           WHERE r.guideline_id = g.id AND r.status = 'PENDING'
             AND ${readableSql.reviewRequest('r.agency_id', p)}) AS open_review_count,
         (SELECT count(*)::int FROM comments c
           WHERE c.guideline_id = g.id AND c.parent_id IS NULL AND c.deleted_at IS NULL
             AND c.disposition_status IS NULL
             AND ${readableSql.comment('c.author_id', p)}) AS open_comment_count
    FROM guidelines g
    JOIN users u ON u.id = g.created_by
   WHERE ${readableSql.guideline('g.id', p)}`;
}

/** SQL: the guideline `g`'s current version as the reader ($-parameter `p`, its agency) sees it. */
function currentVersionFor(p: string): string {
  return `CASE WHEN ${p}::uuid IS NULL THEN g.current_version_number
              ELSE (SELECT max(sv.number) FROM guideline_versions sv
                     WHERE sv.guideline_id = g.id AND ${readableSql.version('sv.guideline_id', 'sv.number', p)})
         END`;
}

/** What the caller's actions on a guideline are decided from. */
export type GuidelineStageRow = Pick<GuidelineRow, 'id' | 'stage' | 'current_version_number'>;

/** What changes on the guideline row when it moves. */
export interface StageChange {
  stage: Stage;
  consultationClosesAt?: Date;
  adopted?: { versionNumber: number; contentHash: string };
}

@Injectable()
export class GuidelinesRepository {
  constructor(@InjectRepository(Guideline) private readonly repo: Repository<Guideline>) {}

  /** The guideline when this reader may read it; otherwise null, as for an unknown id. */
  async findView(
    id: string,
    scope: ReaderScope,
    manager: EntityManager = this.repo.manager,
  ): Promise<GuidelineRow | null> {
    const rows: GuidelineRow[] = await manager.query(`${viewSelect('$2')} AND g.id = $1`, [
      id,
      scope.agencyId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * The guideline's stage and current version when this reader may read it (null otherwise):
   * what its actions need, without the counts of the full view.
   */
  async findStage(id: string, scope: ReaderScope): Promise<GuidelineStageRow | null> {
    const rows: GuidelineStageRow[] = await this.repo.query(
      `SELECT g.id, g.stage, ${currentVersionFor('$2')} AS current_version_number
         FROM guidelines g WHERE g.id = $1 AND ${readableSql.guideline('g.id', '$2')}`,
      [id, scope.agencyId],
    );
    return rows[0] ?? null;
  }

  async page(
    filter: {
      stage?: Stage;
      limit: number;
      cursor?: string;
    },
    scope: ReaderScope,
  ): Promise<Page<GuidelineRow>> {
    const after = decodeCursor<[string, string]>(filter.cursor, [isText, isUuidText]);
    const where: string[] = [];
    const params: unknown[] = [scope.agencyId];
    if (filter.stage) {
      params.push(filter.stage);
      where.push(`g.stage = $${params.length}`);
    }
    if (after) {
      params.push(String(after[0]), String(after[1]));
      where.push(`(g.code, g.id::text) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(filter.limit + 1);
    const rows: GuidelineRow[] = await this.repo.query(
      `${viewSelect('$1')} ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY g.code, g.id::text LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, filter.limit, (g) => [g.code, g.id]);
  }

  /**
   * Of these guidelines, those whose current review round asked this agency (a request in any
   * status but WITHDRAWN): where its reviewers may comment during interagency review.
   */
  async reviewingAgencyIn(
    guidelineIds: string[],
    agencyId: string,
    manager: EntityManager = this.repo.manager,
  ): Promise<Set<string>> {
    if (!guidelineIds.length) return new Set();
    const rows: { guideline_id: string }[] = await manager.query(
      `SELECT DISTINCT r.guideline_id FROM review_requests r
        WHERE r.guideline_id = ANY($1::uuid[]) AND r.agency_id = $2 AND r.status <> 'WITHDRAWN'
          AND ${inCurrentReviewRound('r')}`,
      [guidelineIds, agencyId],
    );
    return new Set(rows.map((r) => r.guideline_id));
  }

  async codeTaken(manager: EntityManager, code: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM guidelines WHERE upper(code) = upper($1)`, [
      code,
    ]);
    return rows.length > 0;
  }

  /** Inserts the guideline in DRAFTING; returns its id. */
  async insert(
    manager: EntityManager,
    fields: { code: string; titleEn: string; titleLo: string; createdBy: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO guidelines (code, title_en, title_lo, stage, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [fields.code, fields.titleEn, fields.titleLo, Stage.DRAFTING, fields.createdBy],
    );
    return id;
  }

  /** Locks the guideline row for the rest of the transaction (serialises version numbering). */
  async lockForPublish(manager: EntityManager, id: string): Promise<LockedGuideline | null> {
    const rows: LockedGuideline[] = await manager.query(
      `SELECT id, stage, current_version_number FROM guidelines WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Share-locks the guideline row: a comment or disposition written under it cannot interleave
   * with a stage move or a publication, which lock the row for update.
   */
  async lockShared(manager: EntityManager, id: string): Promise<LockedGuideline | null> {
    const rows: LockedGuideline[] = await manager.query(
      `SELECT id, stage, current_version_number FROM guidelines WHERE id = $1 FOR SHARE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setCurrentVersion(manager: EntityManager, id: string, number: number): Promise<void> {
    await manager.query(
      `UPDATE guidelines SET current_version_number = $2, updated_at = now() WHERE id = $1`,
      [id, number],
    );
  }

  /** The guideline exists and this reader may read it. */
  async exists(id: string, scope: ReaderScope): Promise<boolean> {
    const rows = await this.repo.query(
      `SELECT 1 FROM guidelines g WHERE g.id = $1 AND ${readableSql.guideline('g.id', '$2')}`,
      [id, scope.agencyId],
    );
    return rows.length > 0;
  }

  /** Writes the guideline's new stage (and what comes with it) as a move made it. */
  async applyStageChange(manager: EntityManager, id: string, change: StageChange): Promise<void> {
    await manager.query(
      `UPDATE guidelines SET
         stage = $2,
         consultation_closes_at = coalesce($3, consultation_closes_at),
         adopted_version_number = coalesce($4, adopted_version_number),
         adopted_content_hash = coalesce($5, adopted_content_hash),
         adopted_at = CASE WHEN $4::int IS NULL THEN adopted_at ELSE now() END,
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        change.stage,
        change.consultationClosesAt ?? null,
        change.adopted?.versionNumber ?? null,
        change.adopted?.contentHash ?? null,
      ],
    );
  }
}
