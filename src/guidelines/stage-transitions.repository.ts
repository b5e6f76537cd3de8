import { Injectable } from '@nestjs/common';
import { readableSql, ReaderScope } from '../court/reader-scope';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, isDigitsText, Page, toPage } from '../common/pagination';
import { Stage } from '../court/stage';
import { StageTransition, TransitionDetails } from './stage-transition.entity';

/** A history row as the views need it: with the actor's name. */
export interface TransitionRow {
  id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  actor_id: string;
  actor_name: string;
  at: Date;
  version_number: number | null;
  reason: string | null;
  override: boolean;
  details: TransitionDetails;
}

/** A history row with whether its reader may read the version it names. */
export interface ReadTransitionRow extends TransitionRow {
  version_readable: boolean;
}

export interface NewTransition {
  guidelineId: string;
  from: Stage;
  to: Stage;
  actorId: string;
  versionNumber: number | null;
  reason: string | null;
  override: boolean;
  details: TransitionDetails;
}

const COLUMNS = `t.id::text AS id, t.from_stage, t.to_stage, t.actor_id, u.name AS actor_name, t.at,
  t.version_number, t.reason, t.override, t.details`;

/** The append-only stage history: rows are added, never changed. */
@Injectable()
export class StageTransitionsRepository {
  constructor(
    @InjectRepository(StageTransition) private readonly repo: Repository<StageTransition>,
  ) {}

  async append(manager: EntityManager, t: NewTransition): Promise<TransitionRow> {
    const rows: TransitionRow[] = await manager.query(
      `WITH added AS (
         INSERT INTO stage_transitions
           (guideline_id, from_stage, to_stage, actor_id, version_number, reason, override, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
         RETURNING *)
       SELECT ${COLUMNS} FROM added t JOIN users u ON u.id = t.actor_id`,
      [
        t.guidelineId,
        t.from,
        t.to,
        t.actorId,
        t.versionNumber,
        t.reason,
        t.override,
        JSON.stringify(t.details),
      ],
    );
    return rows[0];
  }

  /** The first row of a new guideline's history: created, in DRAFTING. */
  async appendCreated(manager: EntityManager, guidelineId: string, actorId: string): Promise<void> {
    await manager.query(
      `INSERT INTO stage_transitions (guideline_id, from_stage, to_stage, actor_id, reason)
       VALUES ($1, NULL, $2, $3, 'created')`,
      [guidelineId, Stage.DRAFTING, actorId],
    );
  }

  /** Oldest first; the cursor is the last id seen. */
  async page(
    guidelineId: string,
    scope: ReaderScope,
    limit: number,
    cursor?: string,
  ): Promise<Page<ReadTransitionRow>> {
    const after = decodeCursor<[string]>(cursor, [isDigitsText]);
    const rows: ReadTransitionRow[] = await this.repo.query(
      `SELECT ${COLUMNS},
              ${readableSql.version('t.guideline_id', 't.version_number', '$4')} AS version_readable
         FROM stage_transitions t JOIN users u ON u.id = t.actor_id
        WHERE t.guideline_id = $1 AND ($2::bigint IS NULL OR t.id > $2::bigint)
        ORDER BY t.id LIMIT $3`,
      [guidelineId, after ? String(after[0]) : null, limit + 1, scope.agencyId],
    );
    return toPage(rows, limit, (t) => [t.id]);
  }
}
