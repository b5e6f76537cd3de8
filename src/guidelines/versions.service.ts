import { detail } from '../common/app-error';
import { GuidelineErrorCode, GuidelineException } from './guideline.exception';
import { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readerScope, ReaderScope } from '../court/reader-scope';
import { AuthUser } from '../court/roles';
import { Page } from '../common/pagination';
import { contentHash } from './content-hash';
import { diffSections, SectionDiff, summarise } from './diff/section-diff';
import { DiffBudget } from './diff/sequence-diff';
import { versionActions } from './guideline-actions';
import { GuidelinesRepository } from './guidelines.repository';
import { GuidelinesService } from './guidelines.service';
import { publishRefusal } from '../court/publish-rules';
import { checkedSections } from './section-rules';
import { PublishVersionDto, VersionDiffView, VersionSummaryView, VersionView } from './version.dto';
import { SectionContent } from './section-content';
import { AppliedSuggestion, VersionRow, VersionsRepository } from './versions.repository';

/**
 * The work one diff request may spend on word diffs (units of sequence-diff.ts's DiffBudget: a
 * comparison of the search, or a twentieth of a character tokenized): about 100 ms of CPU on the
 * 2-core test machine. Past it a section's change is shown as replaced, marked `budgetExceeded`.
 */
export const DIFF_BUDGET = 2_000_000;
/** Names how kept diffs were made: change it with the tokenizer, the search or the budget. */
export const DIFF_METHOD = `words-1-${DIFF_BUDGET}`;

/** What a publication writes: the change summary, the checked sections, the suggestions applied. */
export interface NextVersion {
  changeSummary: string;
  sections: SectionContent[];
  appliedSuggestions?: AppliedSuggestion[];
}

@Injectable()
export class VersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotentWrites,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly guidelineViews: GuidelinesService,
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
    idempotent: IdempotentRequest | null = null,
  ): Promise<VersionView> {
    const sections = checkedSections(dto.sections);
    return this.idempotency.transaction(idempotent, (manager) =>
      this.publishIn(manager, guidelineId, { changeSummary: dto.changeSummary, sections }, actor),
    );
  }

  /**
   * The publication itself, inside the caller's transaction (the working draft publishes through
   * here too, with the suggestions it applied): the stage rule, the number under the guideline's
   * row lock, the content hash, the sections and the record of applied suggestions.
   */
  async publishIn(
    manager: EntityManager,
    guidelineId: string,
    next: NextVersion,
    actor: AuthUser,
  ): Promise<VersionView> {
    const sections = next.sections;
    const hash = contentHash(sections);
    const guideline = await this.guidelines.lockForPublish(manager, guidelineId);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const refusal = publishRefusal(guideline.stage);
    if (refusal) {
      throw GuidelineException.because(refusal);
    }
    const number = await this.versions.nextNumber(manager, guidelineId);
    const inserted = await this.versions.insertVersion(manager, {
      guidelineId,
      number,
      stage: guideline.stage,
      changeSummary: next.changeSummary,
      contentHash: hash,
      sectionCount: sections.length,
      publishedBy: actor.id,
    });
    await this.versions.insertSections(manager, inserted.id, sections);
    const applied = next.appliedSuggestions ?? [];
    if (applied.length) await this.versions.insertAppliedSuggestions(manager, inserted.id, applied);
    await this.guidelines.setCurrentVersion(manager, guidelineId, number);
    // The answer is the view GET answers (one statement of VersionsRepository, in this
    // transaction), so the two never differ.
    const found = await this.versions.findViewJson(
      guidelineId,
      number,
      readerScope(actor),
      manager,
    );
    return JSON.parse(found.view!.bytes().toString('utf8')) as VersionView;
  }

  async list(
    guidelineId: string,
    scope: ReaderScope,
    limit: number,
    cursor?: string,
  ): Promise<Page<VersionSummaryView>> {
    if (!(await this.guidelines.exists(guidelineId, scope)))
      throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const page = await this.versions.page(guidelineId, scope, limit, cursor);
    return { items: page.items.map(summaryView), next: page.next };
  }

  /**
   * The version with its sections and counts (VersionView) and what the caller may do on it, as
   * UTF-8 JSON (VersionsRepository.findViewJson).
   */
  async getJson(guidelineId: string, number: number, actor: AuthUser): Promise<Buffer> {
    // What the caller may do on the guideline (404 when there is none, or when the caller may not
    // read it) comes with the version.
    const [found, guideline] = await Promise.all([
      this.versions.findViewJson(guidelineId, number, readerScope(actor)),
      this.guidelineViews.actionsOn(guidelineId, actor),
    ]);
    if (!found.guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    if (found.view === null) throw new GuidelineException(GuidelineErrorCode.VERSION_NOT_FOUND);
    const actions = versionActions(guideline.yourActions, number, guideline.currentVersion);
    return found.view.bytes({ yourActions: actions });
  }

  async diff(
    guidelineId: string,
    number: number,
    scope: ReaderScope,
    against?: number,
  ): Promise<VersionDiffView> {
    const base = against ?? number - 1;
    if (base < 1) {
      throw new GuidelineException(GuidelineErrorCode.NOTHING_TO_COMPARE, {}, [
        detail('NOTHING_TO_COMPARE_DETAIL', {}, { field: 'against' }),
      ]);
    }
    const found = await this.versions.findGuidelineVersions(guidelineId, [number, base], scope);
    if (!found.guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const target = found.versions.find((v) => v.number === number);
    const older = found.versions.find((v) => v.number === base);
    if (!target || !older)
      throw new GuidelineException(GuidelineErrorCode.VERSION_NUMBER_NOT_FOUND, {
        number: !target ? number : base,
      });
    const sections = await this.diffOf(older, target);
    return {
      guidelineId,
      from: { number: older.number, contentHash: older.content_hash },
      to: { number: target.number, contentHash: target.content_hash },
      summary: summarise(sections),
      budgetExceeded: sections.some((s) => s.budgetExceeded),
      sections,
    };
  }

  /**
   * The diff of two versions, computed once within DIFF_BUDGET and kept by their content hashes:
   * versions never change, so every later request reads it back.
   */
  private async diffOf(older: VersionRow, target: VersionRow): Promise<SectionDiff[]> {
    const kept = await this.versions.findDiff(older.content_hash, target.content_hash, DIFF_METHOD);
    if (kept !== null) return JSON.parse(kept) as SectionDiff[];
    const contents = await this.versions.sectionContents([older.id, target.id]);
    const sections = diffSections(contents.get(older.id)!, contents.get(target.id)!, {
      words: true,
      budget: new DiffBudget(DIFF_BUDGET),
    });
    await this.versions.saveDiff(
      older.content_hash,
      target.content_hash,
      DIFF_METHOD,
      JSON.stringify(sections),
    );
    return sections;
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
    appliedSuggestions: v.applied_suggestions,
  };
}
