import { Injectable } from '@nestjs/common';
import { readableSql, ReaderScope } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inCurrentReviewRound } from '../court/review-round';
import { Stage } from '../court/stage';
import { GuidelineFacts, ReviewFact } from '../court/workflow-rules';

/** The guideline as a move sees it, read under its row lock. */
export interface GuidelineForMove {
  id: string;
  stage: Stage;
  consultation_closes_at: Date | null;
}

export interface NewestVersion {
  id: string;
  number: number;
  content_hash: string;
}

/**
 * Reads what the gates of the stage table need (guideline, versions, comments, review requests);
 * reads only (the guideline's stage is written by GuidelinesRepository.applyStageChange).
 * Everything that must be consistent with a move takes the caller's transaction manager.
 */
@Injectable()
export class WorkflowFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks the guideline row until the transaction ends: concurrent moves (and publications, which
   * lock it too) queue behind each other, and each sees the stage the previous one left.
   */
  async lockForTransition(manager: EntityManager, id: string): Promise<GuidelineForMove | null> {
    const rows: GuidelineForMove[] = await manager.query(
      `SELECT id, stage, consultation_closes_at FROM guidelines WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findForAvailableMoves(id: string): Promise<GuidelineForMove | null> {
    const rows: GuidelineForMove[] = await this.dataSource.query(
      `SELECT id, stage, consultation_closes_at FROM guidelines WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The guideline exists and this reader may read it. */
  async exists(id: string, scope: ReaderScope): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM guidelines g WHERE g.id = $1 AND ${readableSql.guideline('g.id', '$2')}`,
      [id, scope.agencyId],
    );
    return rows.length > 0;
  }

  /** The current version is the newest one (DOMAIN.md). */
  async newestVersion(manager: EntityManager, guidelineId: string): Promise<NewestVersion | null> {
    const rows: NewestVersion[] = await manager.query(
      `SELECT id, number, content_hash FROM guideline_versions
        WHERE guideline_id = $1 ORDER BY number DESC LIMIT 1`,
      [guidelineId],
    );
    return rows[0] ?? null;
  }

  /** Everything the gates read about the guideline, besides what the caller sends. */
  async gateFacts(
    manager: EntityManager,
    guideline: GuidelineForMove,
    newest: NewestVersion | null,
  ): Promise<GuidelineFacts> {
    const [{ count }]: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM comments
        WHERE guideline_id = $1 AND parent_id IS NULL AND deleted_at IS NULL
          AND disposition_status IS NULL`,
      [guideline.id],
    );
    return {
      currentVersionNumber: newest?.number ?? null,
      consultationClosesAt: guideline.consultation_closes_at,
      commentsWithoutDisposition: count,
      reviewRound: await this.currentReviewRound(manager, guideline.id),
    };
  }

  /** The requests opened by the latest move into INTERAGENCY_REVIEW. */
  private async currentReviewRound(
    manager: EntityManager,
    guidelineId: string,
  ): Promise<ReviewFact[]> {
    const rows: {
      agency_code: string;
      status: ReviewFact['status'];
      decision: ReviewFact['decision'];
    }[] = await manager.query(
      `SELECT a.code AS agency_code, r.status, r.decision
           FROM review_requests r JOIN agencies a ON a.id = r.agency_id
          WHERE r.guideline_id = $1 AND ${inCurrentReviewRound('r')}
          ORDER BY a.code`,
      [guidelineId],
    );
    return rows.map((r) => ({ agencyCode: r.agency_code, status: r.status, decision: r.decision }));
  }

  /** Agencies by code: the ones found (id and code) in the order asked. */
  async agenciesByCodes(
    manager: EntityManager,
    codes: string[],
  ): Promise<{ id: string; code: string }[]> {
    if (!codes.length) return [];
    const rows: { id: string; code: string }[] = await manager.query(
      `SELECT id, code FROM agencies WHERE code = ANY($1::text[])`,
      [codes],
    );
    return codes.flatMap((code) => rows.filter((r) => r.code === code));
  }
}
