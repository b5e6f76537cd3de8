import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { Injectable } from '@nestjs/common';
import { WHOLE_RECORD } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { reasonDetail } from '../common/app-error';
import { CodedReason } from '../court/catalogue';
import { DraftingErrorCode, DraftingException } from './drafting.exception';
import { Upload } from '../common/upload';
import { validationDetails } from '../common/validation';
import { localize } from '../court/reason';
import { AuthUser } from '../court/roles';
import { GuidelinesRepository, LockedGuideline } from '../guidelines/guidelines.repository';
import { SectionContent } from '../guidelines/section-content';
import { checkedSections } from '../guidelines/section-rules';
import { SectionInputDto, VersionView } from '../guidelines/version.dto';
import { VersionsRepository } from '../guidelines/versions.repository';
import { VersionsService } from '../guidelines/versions.service';
import {
  DraftImportView,
  DraftSectionView,
  DraftView,
  PublishDraftDto,
  SaveDraftDto,
} from './draft.dto';
import { draftChangeRefusal } from './draft-rules';
import { draftingReasons } from './drafting-reasons';
import { DraftRow, DraftsRepository, DraftSuggestion } from './drafts.repository';
import { applySuggestion, suggestionStillPresent } from './suggestion-application';
import { importedSectionKeys } from './word-import/section-keys';
import { WordImportRunner } from './word-import/word-import-runner';

/** A comment's suggestion as the disposition hands it over to be written into the draft. */
export interface SuggestionToApply {
  commentId: string;
  sectionKey: string;
  quote: string | null;
  text: string;
}

/** The draft's content with what it was based on: the stored sections, or a copy of the current version. */
interface DraftContent {
  sections: SectionContent[];
  baseVersionNumber: number | null;
}

/** A refusal of a drafting rule: its kind (and status) with its code from the catalogue. */
function refused(
  reason: CodedReason<`${DraftingErrorCode}`>,
  extra: Record<string, unknown> = {},
): DraftingException {
  return DraftingException.because(reason, extra);
}

/** Stored content back into the input shape the section rules check. */
function asInput(section: SectionContent): SectionInputDto {
  const input: SectionInputDto = {
    key: section.key,
    heading: section.heading,
    body: section.body,
    kind: section.kind,
  };
  if (section.code !== null) input.code = section.code;
  if (section.category !== null) input.category = section.category;
  return input;
}

function sectionView(section: SectionContent): DraftSectionView {
  const view: DraftSectionView = {
    key: section.key,
    heading: section.heading,
    body: section.body,
    kind: section.kind,
  };
  if (section.kind === 'indicator') {
    if (section.code !== null) view.code = section.code;
    if (section.category !== null) view.category = section.category;
  }
  return view;
}

/** The suggestions still written in the draft's sections: an edit or an import may have taken some out. */
function stillApplied(
  suggestions: DraftSuggestion[],
  sections: SectionContent[],
): DraftSuggestion[] {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  return suggestions.filter((s) => suggestionStillPresent(byKey.get(s.sectionKey), s.text));
}

/**
 * The working draft of each guideline's next version: read, saved under its revision, filled
 * from a Word file, given the suggested wording of accepted comments, and published through the
 * versions' own publication (guidelines/versions.service.ts).
 *
 * Lock order, the same everywhere: the guideline row first (shared to change the draft, for update
 * to publish), then the draft row.
 */
@Injectable()
export class DraftingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly versionsService: VersionsService,
    private readonly drafts: DraftsRepository,
    private readonly wordImport: WordImportRunner,
  ) {}

  async get(guidelineId: string): Promise<DraftView> {
    // Only the court's own people read and write the draft (DRAFT_READERS, PUBLISHING_ROLES).
    const guideline = await this.guidelines.findView(guidelineId, WHOLE_RECORD);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const row = await this.drafts.find(guidelineId);
    const content = await this.contentOf(this.dataSource.manager, guidelineId, row, {
      id: guideline.id,
      stage: guideline.stage,
      current_version_number: guideline.current_version_number,
    });
    return this.view(guidelineId, row, content);
  }

  /** Saves the whole draft if `revision` is still the current one (409 otherwise, nothing written). */
  async save(guidelineId: string, dto: SaveDraftDto, actor: AuthUser): Promise<DraftView> {
    const sections = checkedSections(dto.sections);
    return this.dataSource.transaction(async (manager) => {
      const { guideline, draft } = await this.lockForChange(manager, guidelineId);
      this.assertRevision(draft, dto.revision);
      const content = await this.contentOf(manager, guidelineId, draft, guideline);
      return this.write(manager, guidelineId, actor, {
        sections,
        baseVersionNumber: content.baseVersionNumber,
        changeSummary: dto.changeSummary,
        appliedSuggestions: stillApplied(draft.applied_suggestions, sections),
      });
    });
  }

  /**
   * Replaces the draft's sections with those of a Word file. The file is converted first, off the
   * event loop and outside any transaction; a file that is refused leaves the draft as it was.
   * Sections whose heading the current version (or else the draft) already has keep their keys.
   */
  async importWord(
    guidelineId: string,
    upload: Upload,
    revision: number | undefined,
    actor: AuthUser,
  ): Promise<DraftImportView> {
    // Only the court's own people read and write the draft (DRAFT_READERS, PUBLISHING_ROLES).
    const guideline = await this.guidelines.findView(guidelineId, WHOLE_RECORD);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const frozen = draftChangeRefusal(guideline.stage);
    if (frozen) throw refused(frozen);
    const converted = await this.wordImport.convert(upload.content);
    if (!converted.ok) {
      throw refused(converted.reason);
    }
    return this.dataSource.transaction(async (manager) => {
      const { guideline: locked, draft } = await this.lockForChange(manager, guidelineId);
      if (revision !== undefined) this.assertRevision(draft, revision);
      const content = await this.contentOf(manager, guidelineId, draft, locked);
      const known = [...(await this.currentSections(manager, locked)), ...content.sections];
      const keys = importedSectionKeys(
        converted.sections.map((s) => s.heading),
        known,
        { preamble: converted.preamble },
      );
      const sections: SectionContent[] = converted.sections.map((s, i) => ({
        key: keys[i],
        kind: 'text',
        heading: s.heading,
        body: s.body,
        code: null,
        category: null,
      }));
      await this.assertSectionRules(sections);
      const view = await this.write(manager, guidelineId, actor, {
        sections,
        baseVersionNumber: content.baseVersionNumber,
        changeSummary: draft.change_summary,
        appliedSuggestions: stillApplied(draft.applied_suggestions, sections),
      });
      return { ...view, warnings: converted.warnings.map((w) => localize(w, actor.locale)) };
    });
  }

  /**
   * Publishes the draft as the next version, if `revision` is still current: the stage rule, the
   * numbering and the content hash are the versions' own. The suggestions still written in the
   * draft are recorded on the version; the draft then starts again from the new version.
   */
  async publish(guidelineId: string, dto: PublishDraftDto, actor: AuthUser): Promise<VersionView> {
    return this.dataSource.transaction(async (manager) => {
      const guideline = await this.guidelines.lockForPublish(manager, guidelineId);
      if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
      const draft = await this.drafts.lockForChange(manager, guidelineId);
      this.assertRevision(draft, dto.revision);
      const content = await this.contentOf(manager, guidelineId, draft, guideline);
      if (!content.sections.length) throw refused(draftingReasons.emptyDraft());
      const changeSummary = dto.changeSummary || draft.change_summary.trim();
      if (!changeSummary) {
        throw refused(draftingReasons.changeSummaryMissing(), { field: 'changeSummary' });
      }
      const sections = checkedSections(content.sections.map(asInput));
      const applied = stillApplied(draft.applied_suggestions, sections);
      const version = await this.versionsService.publishIn(
        manager,
        guidelineId,
        {
          changeSummary,
          sections,
          appliedSuggestions: applied.map((a) => ({
            commentId: a.commentId,
            sectionKey: a.sectionKey,
          })),
        },
        actor,
      );
      await this.drafts.reset(manager, guidelineId, actor.id);
      return version;
    });
  }

  /**
   * Writes an accepted comment's suggested wording into the draft, inside the caller's
   * transaction (the disposition's), which already holds the guideline's row share-locked. A
   * passage that no longer occurs exactly once is a 409 with the reason; the caller's
   * transaction then records nothing.
   */
  async applySuggestionIn(
    manager: EntityManager,
    guideline: LockedGuideline,
    suggestion: SuggestionToApply,
    actor: AuthUser,
  ): Promise<void> {
    const refusal = draftChangeRefusal(guideline.stage);
    if (refusal) throw refused(refusal);
    const draft = await this.drafts.lockForChange(manager, guideline.id);
    if (draft.applied_suggestions.some((s) => s.commentId === suggestion.commentId)) {
      throw refused(draftingReasons.alreadyInDraft());
    }
    const content = await this.contentOf(manager, guideline.id, draft, guideline);
    const index = content.sections.findIndex((s) => s.key === suggestion.sectionKey);
    if (index === -1) {
      throw refused(draftingReasons.sectionNotInDraft(suggestion.sectionKey));
    }
    const result = applySuggestion(
      suggestion.sectionKey,
      content.sections[index],
      suggestion.quote,
      suggestion.text,
    );
    if (!result.applied) throw refused(result.reason);
    const sections = content.sections.map((s, i) =>
      i === index ? { ...s, heading: result.heading, body: result.body } : s,
    );
    await this.assertSectionRules(sections);
    await this.write(manager, guideline.id, actor, {
      sections,
      baseVersionNumber: content.baseVersionNumber,
      changeSummary: draft.change_summary,
      appliedSuggestions: [
        ...stillApplied(draft.applied_suggestions, sections),
        {
          commentId: suggestion.commentId,
          sectionKey: suggestion.sectionKey,
          text: suggestion.text,
        },
      ],
    });
  }

  /** The comments of a guideline whose suggestion waits in its draft. */
  suggestionsInDraft(guidelineId: string): Promise<Set<string>> {
    return this.drafts.suggestionsInDraft(guidelineId);
  }

  private async lockForChange(
    manager: EntityManager,
    guidelineId: string,
  ): Promise<{ guideline: LockedGuideline; draft: DraftRow }> {
    const guideline = await this.guidelines.lockShared(manager, guidelineId);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const refusal = draftChangeRefusal(guideline.stage);
    if (refusal) throw refused(refusal);
    const draft = await this.drafts.lockForChange(manager, guidelineId);
    return { guideline, draft };
  }

  private assertRevision(draft: DraftRow, revision: number): void {
    if (draft.revision === revision) return;
    throw refused(draftingReasons.staleRevision(revision, draft.revision, draft.updated_by_name), {
      currentRevision: draft.revision,
    });
  }

  /** Sections built here (an import, an applied suggestion) pass the same field rules as a request. */
  private async assertSectionRules(sections: SectionContent[]): Promise<void> {
    const dto = plainToInstance(SaveDraftDto, {
      sections: sections.map(asInput),
      changeSummary: '',
      revision: 0,
    });
    const details = validationDetails(await validate(dto));
    if (details.length) {
      const invalid = draftingReasons.sectionsInvalid();
      throw new DraftingException(invalid.code, {}, [reasonDetail(invalid), ...details], invalid);
    }
    checkedSections(dto.sections);
  }

  private async write(
    manager: EntityManager,
    guidelineId: string,
    actor: AuthUser,
    change: {
      sections: SectionContent[];
      baseVersionNumber: number | null;
      changeSummary: string;
      appliedSuggestions: DraftSuggestion[];
    },
  ): Promise<DraftView> {
    const saved = await this.drafts.save(manager, guidelineId, { ...change, updatedBy: actor.id });
    return {
      guidelineId,
      baseVersionNumber: change.baseVersionNumber,
      sections: change.sections.map(sectionView),
      changeSummary: change.changeSummary,
      revision: saved.revision,
      updatedAt: saved.updated_at.toISOString(),
      updatedBy: { id: actor.id, name: actor.name },
      appliedSuggestions: change.appliedSuggestions.map((a) => ({
        commentId: a.commentId,
        sectionKey: a.sectionKey,
      })),
    };
  }

  private view(guidelineId: string, row: DraftRow | null, content: DraftContent): DraftView {
    return {
      guidelineId,
      baseVersionNumber: content.baseVersionNumber,
      sections: content.sections.map(sectionView),
      changeSummary: row?.change_summary ?? '',
      revision: row?.revision ?? 0,
      updatedAt: row?.updated_at?.toISOString() ?? null,
      updatedBy:
        row?.updated_by && row.updated_by_name
          ? { id: row.updated_by, name: row.updated_by_name }
          : null,
      appliedSuggestions: (row?.applied_suggestions ?? []).map((a) => ({
        commentId: a.commentId,
        sectionKey: a.sectionKey,
      })),
    };
  }

  /** The draft's sections, or, while it is untouched, a copy of the current version's. */
  private async contentOf(
    manager: EntityManager,
    guidelineId: string,
    row: DraftRow | null,
    guideline: LockedGuideline,
  ): Promise<DraftContent> {
    if (row?.sections) {
      return { sections: row.sections, baseVersionNumber: row.base_version_number };
    }
    return {
      sections: await this.currentSections(manager, guideline),
      baseVersionNumber: guideline.current_version_number,
    };
  }

  private async currentSections(
    manager: EntityManager,
    guideline: LockedGuideline,
  ): Promise<SectionContent[]> {
    const number = guideline.current_version_number;
    if (number === null) return [];
    const found = await this.versions.findGuidelineVersions(
      guideline.id,
      [number],
      WHOLE_RECORD,
      manager,
    );
    const version = found.versions[0];
    if (!version) return [];
    return (await this.versions.sectionContents([version.id], manager)).get(version.id) ?? [];
  }
}
