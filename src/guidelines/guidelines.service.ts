import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readerScope } from '../court/reader-scope';
import { AuthUser, Role } from '../court/roles';
import { Stage } from '../court/stage';
import { detail } from '../common/app-error';
import { GuidelineErrorCode, GuidelineException } from './guideline.exception';
import { Page } from '../common/pagination';
import { CreateGuidelineDto, GuidelineQuery, GuidelineView } from './guideline.dto';
import { GuidelineRow, GuidelinesRepository, GuidelineStageRow } from './guidelines.repository';
import { GuidelineActions, guidelineActions } from './guideline-actions';
import { StageTransitionsRepository } from './stage-transitions.repository';

@Injectable()
export class GuidelinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesRepository,
    private readonly history: StageTransitionsRepository,
  ) {}

  /** A new guideline starts in DRAFTING; its stage history starts with it, in one transaction. */
  async create(dto: CreateGuidelineDto, actor: AuthUser): Promise<GuidelineView> {
    const code = dto.code.toUpperCase();
    const row = await this.dataSource.transaction(async (manager) => {
      if (await this.guidelines.codeTaken(manager, code)) {
        throw new GuidelineException(GuidelineErrorCode.DUPLICATE_CODE, { code }, [
          detail('DUPLICATE_CODE_DETAIL', { code }, { field: 'code', code: 'DUPLICATE_CODE' }),
        ]);
      }
      const id = await this.guidelines.insert(manager, {
        code,
        titleEn: dto.title.en,
        titleLo: dto.title.lo,
        createdBy: actor.id,
      });
      await this.history.appendCreated(manager, id, actor.id);
      return this.guidelines.findView(id, readerScope(actor), manager);
    });
    return (await this.views([row!], actor))[0];
  }

  async list(query: GuidelineQuery, actor: AuthUser): Promise<Page<GuidelineView>> {
    const page = await this.guidelines.page(query, readerScope(actor));
    return { items: await this.views(page.items, actor), next: page.next };
  }

  async get(id: string, actor: AuthUser): Promise<GuidelineView> {
    const row = await this.guidelines.findView(id, readerScope(actor));
    if (!row) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    return (await this.views([row], actor))[0];
  }

  /**
   * What this caller may do on the guideline, with its current version as the caller sees it
   * (the version page's actions); 404 as `get` when the caller may not read it. Reads the stage
   * only, not the counts of the full view.
   */
  async actionsOn(
    id: string,
    actor: AuthUser,
  ): Promise<{ yourActions: GuidelineActions; currentVersion: number | null }> {
    const row = await this.guidelines.findStage(id, readerScope(actor));
    if (!row) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const [yourActions] = await this.actionsFor([row], actor);
    return { yourActions, currentVersion: row.current_version_number };
  }

  /** Views with what this caller may do on each. */
  private async views(rows: GuidelineRow[], actor: AuthUser): Promise<GuidelineView[]> {
    const actions = await this.actionsFor(rows, actor);
    return rows.map((row, i) => GuidelineView.of(row, actions[i]));
  }

  /** What this caller may do on each guideline; one more query only for a reviewer in review. */
  private async actionsFor(
    rows: GuidelineStageRow[],
    actor: AuthUser,
  ): Promise<GuidelineActions[]> {
    const inReview = rows.filter((r) => r.stage === Stage.INTERAGENCY_REVIEW).map((r) => r.id);
    const asked =
      actor.role === Role.AGENCY_REVIEWER && actor.agencyId && inReview.length
        ? await this.guidelines.reviewingAgencyIn(inReview, actor.agencyId)
        : new Set<string>();
    return rows.map((row) =>
      guidelineActions(
        {
          stage: row.stage,
          currentVersion: row.current_version_number,
          reviewAgencyIds: asked.has(row.id) && actor.agencyId ? [actor.agencyId] : [],
        },
        actor,
      ),
    );
  }
}
