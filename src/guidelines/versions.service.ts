import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../court/roles';
import { AppError } from '../common/app-error';
import { Page } from '../common/pagination';
import { localize } from '../court/reason';
import { contentHash } from './content-hash';
import { diffSections, summarise } from './diff/section-diff';
import { GuidelinesRepository } from './guidelines.repository';
import { publishRefusal } from './publish-rules';
import { sectionProblems, toSectionContent } from './section-rules';
import {
  PublishVersionDto,
  SectionView,
  VersionDiffView,
  VersionSummaryView,
  VersionView,
} from './version.dto';
import { SectionRow, VersionRow, VersionsRepository } from './versions.repository';

@Injectable()
export class VersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
  ) {}

  /**
   * Publishes the next version. The guideline row is locked for update while the number is
   * chosen, so concurrent publications queue up and get consecutive numbers; the version, its
   * sections and the guideline's current version commit together.
   */
  async publish(
    guidelineId: string,
    dto: PublishVersionDto,
    actor: AuthUser,
  ): Promise<VersionView> {
    const problems = sectionProblems(dto.sections);
    if (problems.length) throw AppError.badRequest('Invalid sections', problems);
    const sections = dto.sections.map(toSectionContent);
    const hash = contentHash(sections);

    return this.dataSource.transaction(async (manager) => {
      const guideline = await this.guidelines.lockForPublish(manager, guidelineId);
      if (!guideline) throw AppError.notFound('Guideline');
      const refusal = publishRefusal(guideline.stage);
      if (refusal) {
        const detail = localize(refusal, actor.locale);
        throw AppError.unprocessable(detail.message, [detail]);
      }
      const number = await this.versions.nextNumber(manager, guidelineId);
      const inserted = await this.versions.insertVersion(manager, {
        guidelineId,
        number,
        stage: guideline.stage,
        changeSummary: dto.changeSummary,
        contentHash: hash,
        sectionCount: sections.length,
        publishedBy: actor.id,
      });
      await this.versions.insertSections(manager, inserted.id, sections);
      await this.guidelines.setCurrentVersion(manager, guidelineId, number);
      return {
        guidelineId,
        number,
        contentHash: hash,
        changeSummary: dto.changeSummary,
        stage: guideline.stage,
        publishedAt: inserted.published_at.toISOString(),
        publishedBy: { id: actor.id, name: actor.name },
        sectionCount: sections.length,
        sections: sections.map((s, position) => ({
          ...sectionView({
            ...s,
            position,
            indicator_code: s.code,
            indicator_category: s.category,
            comment_count: 0,
            open_comment_count: 0,
          }),
        })),
      };
    });
  }

  async list(
    guidelineId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<VersionSummaryView>> {
    if (!(await this.guidelines.exists(guidelineId))) throw AppError.notFound('Guideline');
    const page = await this.versions.page(guidelineId, limit, cursor);
    return { items: page.items.map(summaryView), next: page.next };
  }

  /**
   * The version with its sections and counts (VersionView) as JSON text, built by PostgreSQL in
   * one query whatever the number of sections and comments.
   */
  async getJson(guidelineId: string, number: number): Promise<string> {
    const found = await this.versions.findViewJson(guidelineId, number);
    if (!found.guideline) throw AppError.notFound('Guideline');
    if (found.json === null) throw AppError.notFound('Version');
    return found.json;
  }

  async diff(guidelineId: string, number: number, against?: number): Promise<VersionDiffView> {
    const base = against ?? number - 1;
    if (base < 1) {
      throw AppError.badRequest('Nothing to compare with', [
        { field: 'against', message: 'version 1 has no previous version: give ?against=' },
      ]);
    }
    const found = await this.versions.findGuidelineVersions(guidelineId, [number, base]);
    if (!found.guideline) throw AppError.notFound('Guideline');
    const target = found.versions.find((v) => v.number === number);
    const older = found.versions.find((v) => v.number === base);
    if (!target || !older) throw AppError.notFound(`Version ${!target ? number : base}`);
    const contents = await this.versions.sectionContents([older.id, target.id]);
    const sections = diffSections(contents.get(older.id)!, contents.get(target.id)!);
    return {
      guidelineId,
      from: { number: older.number, contentHash: older.content_hash },
      to: { number: target.number, contentHash: target.content_hash },
      summary: summarise(sections),
      sections,
    };
  }
}

function summaryView(v: VersionRow): VersionSummaryView {
  return {
    guidelineId: v.guideline_id,
    number: v.number,
    contentHash: v.content_hash,
    changeSummary: v.change_summary,
    stage: v.stage,
    publishedAt: v.published_at.toISOString(),
    publishedBy: { id: v.published_by, name: v.published_by_name },
    sectionCount: v.section_count,
  };
}

function sectionView(s: SectionRow): SectionView {
  const view: SectionView = {
    key: s.key,
    position: s.position,
    kind: s.kind,
    heading: s.heading,
    body: s.body,
    commentCount: s.comment_count,
    openCommentCount: s.open_comment_count,
  };
  if (s.kind === 'indicator') {
    view.code = s.indicator_code ?? undefined;
    view.category = s.indicator_category;
  }
  return view;
}
