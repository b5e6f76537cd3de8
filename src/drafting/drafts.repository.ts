import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SectionContent } from '../guidelines/section-content';

/** A suggestion written into the draft, waiting for the draft to be published. */
export interface DraftSuggestion {
  commentId: string;
  sectionKey: string;
  /** The words written in, to tell whether they are still there after later edits. */
  text: string;
}

/** The draft row as stored; `sections` null while the draft is still a copy of the current version. */
export interface DraftRow {
  guideline_id: string;
  revision: number;
  base_version_number: number | null;
  sections: SectionContent[] | null;
  change_summary: string;
  applied_suggestions: DraftSuggestion[];
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: Date | null;
}

export interface DraftChange {
  sections: SectionContent[];
  baseVersionNumber: number | null;
  changeSummary: string;
  appliedSuggestions: DraftSuggestion[];
  updatedBy: string;
}

const DRAFT_COLUMNS = `d.guideline_id, d.revision, d.base_version_number, d.sections, d.change_summary,
  d.applied_suggestions, d.updated_by, u.name AS updated_by_name, d.updated_at`;

/**
 * The working drafts (table guideline_drafts): one row per guideline once anyone has touched its
 * draft, changed in place, each change moving `revision` on by one.
 */
@Injectable()
export class DraftsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(guidelineId: string): Promise<DraftRow | null> {
    const rows: DraftRow[] = await this.dataSource.query(
      `SELECT ${DRAFT_COLUMNS} FROM guideline_drafts d LEFT JOIN users u ON u.id = d.updated_by
        WHERE d.guideline_id = $1`,
      [guidelineId],
    );
    return rows[0] ?? null;
  }

  /**
   * The draft row locked for a change, created first (revision 0, still a copy of the current
   * version) when the guideline has none yet: concurrent first saves then meet on the same row.
   */
  async lockForChange(manager: EntityManager, guidelineId: string): Promise<DraftRow> {
    await manager.query(
      `INSERT INTO guideline_drafts (guideline_id) VALUES ($1) ON CONFLICT (guideline_id) DO NOTHING`,
      [guidelineId],
    );
    const rows: DraftRow[] = await manager.query(
      `SELECT ${DRAFT_COLUMNS} FROM guideline_drafts d LEFT JOIN users u ON u.id = d.updated_by
        WHERE d.guideline_id = $1 FOR UPDATE OF d`,
      [guidelineId],
    );
    return rows[0];
  }

  /** Writes the draft and moves its revision on; answers the new revision and time. */
  async save(
    manager: EntityManager,
    guidelineId: string,
    change: DraftChange,
  ): Promise<{ revision: number; updated_at: Date }> {
    const rows: { revision: number; updated_at: Date }[] = await manager.query(
      // In a CTE: TypeORM answers a bare UPDATE ... RETURNING as [rows, count].
      `WITH saved AS (
         UPDATE guideline_drafts
            SET sections = $2::jsonb, base_version_number = $3, change_summary = $4,
                applied_suggestions = $5::jsonb, updated_by = $6, updated_at = now(),
                revision = revision + 1
          WHERE guideline_id = $1
          RETURNING revision, updated_at
       )
       SELECT revision, updated_at FROM saved`,
      [
        guidelineId,
        JSON.stringify(change.sections),
        change.baseVersionNumber,
        change.changeSummary,
        JSON.stringify(change.appliedSuggestions),
        change.updatedBy,
      ],
    );
    return rows[0];
  }

  /**
   * After publication the draft starts again as a copy of the new current version; the revision
   * keeps counting, so a save begun before the publication is refused as stale.
   */
  async reset(manager: EntityManager, guidelineId: string, updatedBy: string): Promise<void> {
    await manager.query(
      `UPDATE guideline_drafts
          SET sections = NULL, base_version_number = NULL, change_summary = '',
              applied_suggestions = '[]', updated_by = $2, updated_at = now(),
              revision = revision + 1
        WHERE guideline_id = $1`,
      [guidelineId, updatedBy],
    );
  }

  /** The comments whose suggestion waits in the guideline's draft. */
  async suggestionsInDraft(guidelineId: string): Promise<Set<string>> {
    const rows: { comment_id: string }[] = await this.dataSource.query(
      `SELECT s->>'commentId' AS comment_id
         FROM guideline_drafts d, jsonb_array_elements(d.applied_suggestions) s
        WHERE d.guideline_id = $1`,
      [guidelineId],
    );
    return new Set(rows.map((r) => r.comment_id));
  }
}
