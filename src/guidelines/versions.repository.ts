import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { EntityManager, Repository } from 'typeorm';

import { decodeCursor, isIntegerIn, Page, toPage } from '../common/pagination';
import { PreparedStatement, runPrepared } from '../database/prepared';
import { readableSql, ReaderScope } from '../court/reader-scope';
import { Stage } from '../court/stage';
import { GuidelineVersion } from './guideline-version.entity';
import { SectionContent, SectionKind } from './section-content';

export interface VersionRow {
  id: string;
  guideline_id: string;
  number: number;
  stage: Stage;
  change_summary: string;
  content_hash: string;
  section_count: number;
  published_by: string;
  published_by_name: string;
  published_at: Date;
  applied_suggestions: AppliedSuggestion[];
}

/** A comment's suggested wording that a version applied, in the section it went into. */
export interface AppliedSuggestion {
  commentId: string;
  sectionKey: string;
}

/** A guideline (when it exists) and those of the asked versions it has. */
export interface GuidelineVersions {
  guideline: { id: string; stage: Stage; current_version_number: number | null } | null;
  versions: VersionRow[];
}

export interface SectionRow {
  position: number;
  key: string;
  kind: SectionKind;
  heading: string;
  body: string;
  indicator_code: string | null;
  indicator_category: string | null;
  comment_count: number;
  open_comment_count: number;
}

/**
 * The suggestions a version applied, in the order they were applied, as a JSON array: those of
 * comments the reader (scope in parameter `p`) may read.
 */
function appliedSuggestionsJson(p: string): string {
  return `coalesce((
    SELECT json_agg(json_build_object('commentId', a.comment_id, 'sectionKey', a.section_key) ORDER BY a.position)
      FROM version_applied_suggestions a
     WHERE a.version_id = v.id
       AND EXISTS (SELECT 1 FROM comments ac WHERE ac.id = a.comment_id
                     AND ${readableSql.comment('ac.author_id', p)})), '[]')`;
}

function versionColumns(p: string): string {
  return `v.id, v.guideline_id, v.number, v.stage, v.change_summary, v.content_hash,
  v.section_count, v.published_by, u.name AS published_by_name, v.published_at,
  ${appliedSuggestionsJson(p)} AS applied_suggestions`;
}

/** An instant as JavaScript's toISOString() writes it (UTC, milliseconds). */
function isoInstant(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * VersionsRepository.findViewJson: $1 guideline id, $2 version number, $3 the reader's scope.
 * Everything of the view but the sections' content: the version's record (VersionSummaryView) and,
 * per section key, its comment counts [comments and replies, open top-level comments] of the
 * comments that reader may read.
 */
const VERSION_VIEW_HEAD: PreparedStatement = {
  name: 'versions-view-head',
  text: `SELECT g.id IS NOT NULL AS guideline, v.id AS version_id,
         json_build_object(
           'guidelineId', v.guideline_id, 'number', v.number, 'contentHash', v.content_hash,
           'changeSummary', v.change_summary, 'stage', v.stage,
           'publishedAt', ${isoInstant('v.published_at')},
           'publishedBy', json_build_object('id', v.published_by, 'name', u.name),
           'sectionCount', v.section_count,
           'appliedSuggestions', ${appliedSuggestionsJson('$3')}
         )::text AS head,
         (SELECT coalesce(json_object_agg(c.section_key, json_build_array(c.comment_count, c.open_comment_count)), '{}')::text
            FROM (SELECT section_key,
                         count(*) AS comment_count,
                         count(*) FILTER (WHERE parent_id IS NULL AND disposition_status IS NULL) AS open_comment_count
                    FROM comments
                   WHERE version_id = v.id AND deleted_at IS NULL
                     AND ${readableSql.comment('author_id', '$3')}
                   GROUP BY section_key) c) AS counts
       FROM (SELECT $1::uuid AS id) wanted
       LEFT JOIN guidelines g ON g.id = wanted.id AND ${readableSql.guideline('g.id', '$3')}
       LEFT JOIN guideline_versions v ON v.guideline_id = g.id AND v.number = $2
             AND ${readableSql.version('v.guideline_id', 'v.number', '$3')}
       LEFT JOIN users u ON u.id = v.published_by`,
};

const VERSION_SECTIONS: PreparedStatement = {
  name: 'versions-view-sections',
  text: `SELECT position, key, kind, heading, body, indicator_code, indicator_category
           FROM version_sections WHERE version_id = $1 ORDER BY position`,
};

/** A section of the view as UTF-8 JSON up to its comment counts (the object left open). */
interface SectionOpening {
  key: string;
  opening: Buffer;
}

/** About how many bytes of section JSON the process keeps (VersionsRepository.findViewJson). */
export const SECTION_CACHE_BYTES = 32 * 1024 * 1024;

function sectionOpening(
  row: Omit<SectionRow, 'comment_count' | 'open_comment_count'>,
): SectionOpening {
  const { key, position, kind, heading, body } = row;
  const view =
    kind === 'indicator'
      ? {
          key,
          position,
          kind,
          heading,
          body,
          code: row.indicator_code,
          category: row.indicator_category,
        }
      : { key, position, kind, heading, body };
  return { key, opening: Buffer.from(JSON.stringify(view).slice(0, -1)) };
}

/**
 * A version's view (VersionView) from its record, its sections and their counts: its one builder.
 * `bytes` writes it as UTF-8 JSON with `extra` members at the end. The kept sections are bytes
 * already, so a version of hundreds of sections is copied into the answer, not encoded again.
 */
export class VersionViewText {
  constructor(
    private readonly head: string,
    private readonly sections: SectionOpening[],
    private readonly counts: string,
  ) {}

  bytes(extra: Record<string, unknown> = {}): Buffer {
    // A Map, not an object: a section key may be any name, `constructor` and `__proto__` too.
    const bySection = new Map(
      Object.entries(JSON.parse(this.counts) as Record<string, [number, number]>),
    );
    const suffixes = this.sections.map(({ key }) => {
      const [total, open] = bySection.get(key) ?? [0, 0];
      return `,"commentCount":${total},"openCommentCount":${open}}`;
    });
    const extraJson = JSON.stringify(extra).slice(1, -1);
    const start = Buffer.from(`${this.head.trimEnd().slice(0, -1)},"sections":[`);
    const end = Buffer.from(`]${extraJson ? `,${extraJson}` : ''}}`);
    let length = start.length + end.length + Math.max(this.sections.length - 1, 0);
    this.sections.forEach((s, i) => (length += s.opening.length + suffixes[i].length));
    const out = Buffer.allocUnsafe(length);
    let at = start.copy(out, 0);
    this.sections.forEach((s, i) => {
      if (i) at += out.write(',', at, 'latin1');
      at += s.opening.copy(out, at);
      at += out.write(suffixes[i], at, 'latin1');
    });
    end.copy(out, at);
    return out;
  }
}

@Injectable()
export class VersionsRepository {
  /** Sections' JSON by version id, least recently read out first (see findViewJson). */
  private readonly openings = new LRUCache<string, SectionOpening[]>({
    maxSize: SECTION_CACHE_BYTES,
    // The kept bytes, the keys (UTF-16) and, generously, what each object and Buffer costs.
    sizeCalculation: (sections) =>
      sections.reduce((sum, s) => sum + s.opening.length + 2 * s.key.length + 200, 200),
  });

  constructor(
    @InjectRepository(GuidelineVersion) private readonly repo: Repository<GuidelineVersion>,
  ) {}

  /**
   * One query whether the guideline is unknown, the version is unknown, or both are found, as this
   * reader may read them (a guideline or version it may not read is not found);
   * `withCurrent` also brings the guideline's current version.
   */
  async findGuidelineVersions(
    guidelineId: string,
    numbers: number[],
    scope: ReaderScope,
    manager: EntityManager = this.repo.manager,
    options: { withCurrent?: boolean } = {},
  ): Promise<GuidelineVersions> {
    const rows: (VersionRow & { g_stage: Stage; g_current: number | null })[] = await manager.query(
      `SELECT g.stage AS g_stage, g.current_version_number AS g_current, ${versionColumns('$4')}
         FROM guidelines g
         LEFT JOIN guideline_versions v ON v.guideline_id = g.id
               AND (v.number = ANY($2::int[]) OR ($3::boolean AND v.number = g.current_version_number))
               AND ${readableSql.version('v.guideline_id', 'v.number', '$4')}
         LEFT JOIN users u ON u.id = v.published_by
        WHERE g.id = $1 AND ${readableSql.guideline('g.id', '$4')}`,
      [guidelineId, numbers, options.withCurrent ?? false, scope.agencyId],
    );
    if (!rows.length) return { guideline: null, versions: [] };
    return {
      guideline: {
        id: guidelineId,
        stage: rows[0].g_stage,
        current_version_number: rows[0].g_current,
      },
      versions: rows.filter((r) => r.id !== null),
    };
  }

  /** The versions this reader may read, newest first. */
  async page(
    guidelineId: string,
    scope: ReaderScope,
    limit: number,
    cursor?: string,
  ): Promise<Page<VersionRow>> {
    const after = decodeCursor<[number]>(cursor, [isIntegerIn(1, 2147483647)]);
    const before = after ? after[0] : null;
    const rows: VersionRow[] = await this.repo.query(
      `SELECT ${versionColumns('$4')}
         FROM guideline_versions v JOIN users u ON u.id = v.published_by
        WHERE v.guideline_id = $1 AND ($2::int IS NULL OR v.number < $2::int)
          AND ${readableSql.version('v.guideline_id', 'v.number', '$4')}
        ORDER BY v.number DESC LIMIT $3`,
      [guidelineId, before, limit + 1, scope.agencyId],
    );
    return toPage(rows, limit, (v) => [v.number]);
  }

  /**
   * A version with its sections and their comment counts as the API answers it (VersionView):
   * `view` is null when the guideline has no such version; `guideline` is false when
   * the guideline does not exist. A version never changes (its rows refuse UPDATE and DELETE), so
   * its sections' JSON is made once per process and kept (`openings`, at most SECTION_CACHE_BYTES);
   * each read asks PostgreSQL only for the record and the counts. The one builder of the view: a
   * publication answers it too, read in its own transaction.
   */
  async findViewJson(
    guidelineId: string,
    number: number,
    scope: ReaderScope,
    manager: EntityManager = this.repo.manager,
  ): Promise<{ guideline: boolean; view: VersionViewText | null }> {
    const [found] = await runPrepared<{
      guideline: boolean;
      version_id: string | null;
      head: string;
      counts: string;
    }>(manager, VERSION_VIEW_HEAD, [guidelineId, number, scope.agencyId]);
    if (!found.version_id) return { guideline: found.guideline, view: null };
    const sections = await this.sectionOpenings(found.version_id, manager);
    return { guideline: true, view: new VersionViewText(found.head, sections, found.counts) };
  }

  private async sectionOpenings(
    versionId: string,
    manager: EntityManager,
  ): Promise<SectionOpening[]> {
    // Inside a caller's transaction the version may be one not yet committed: read, never kept.
    const shared = manager === this.repo.manager;
    const kept = shared ? this.openings.get(versionId) : undefined;
    if (kept) return kept;
    const rows = await runPrepared<Omit<SectionRow, 'comment_count' | 'open_comment_count'>>(
      manager,
      VERSION_SECTIONS,
      [versionId],
    );
    const openings = rows.map(sectionOpening);
    if (shared) this.openings.set(versionId, openings);
    return openings;
  }

  /** The content of several versions' sections in one query, each list in version order. */
  /** A kept diff of two contents (src/guidelines/diff), as the JSON of its sections. */
  async findDiff(fromHash: string, toHash: string, method: string): Promise<string | null> {
    const rows: { sections_json: string }[] = await this.repo.query(
      `SELECT sections_json FROM version_diffs WHERE from_hash = $1 AND to_hash = $2 AND method = $3`,
      [fromHash, toHash, method],
    );
    return rows[0]?.sections_json ?? null;
  }

  /** Keeps a diff; the first of two requests computing the same diff at once wins. */
  async saveDiff(fromHash: string, toHash: string, method: string, json: string): Promise<void> {
    await this.repo.query(
      `INSERT INTO version_diffs (from_hash, to_hash, method, sections_json) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [fromHash, toHash, method, json],
    );
  }

  async sectionContents(
    versionIds: string[],
    manager: EntityManager = this.repo.manager,
  ): Promise<Map<string, SectionContent[]>> {
    const rows: (Omit<SectionRow, 'comment_count' | 'open_comment_count'> & {
      version_id: string;
    })[] = await manager.query(
      `SELECT version_id, position, key, kind, heading, body, indicator_code, indicator_category
         FROM version_sections WHERE version_id = ANY($1::uuid[])
        ORDER BY version_id, position`,
      [versionIds],
    );
    const byVersion = new Map<string, SectionContent[]>(versionIds.map((id) => [id, []]));
    for (const r of rows) {
      byVersion.get(r.version_id)!.push({
        key: r.key,
        kind: r.kind,
        heading: r.heading,
        body: r.body,
        code: r.indicator_code,
        category: r.indicator_category,
      });
    }
    return byVersion;
  }

  async nextNumber(manager: EntityManager, guidelineId: string): Promise<number> {
    const [{ next }]: { next: number }[] = await manager.query(
      `SELECT coalesce(max(number), 0)::int + 1 AS next FROM guideline_versions WHERE guideline_id = $1`,
      [guidelineId],
    );
    return next;
  }

  async insertVersion(
    manager: EntityManager,
    fields: {
      guidelineId: string;
      number: number;
      stage: Stage;
      changeSummary: string;
      contentHash: string;
      sectionCount: number;
      publishedBy: string;
    },
  ): Promise<{ id: string; published_at: Date }> {
    const rows: { id: string; published_at: Date }[] = await manager.query(
      `INSERT INTO guideline_versions (guideline_id, number, stage, change_summary, content_hash, section_count, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, published_at`,
      [
        fields.guidelineId,
        fields.number,
        fields.stage,
        fields.changeSummary,
        fields.contentHash,
        fields.sectionCount,
        fields.publishedBy,
      ],
    );
    return rows[0];
  }

  /** All sections in one statement, whatever their number. */
  async insertSections(
    manager: EntityManager,
    versionId: string,
    sections: SectionContent[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO version_sections (version_id, position, key, kind, heading, body, indicator_code, indicator_category)
       SELECT $1, t.ord - 1, t.key, t.kind, t.heading, t.body, t.code, t.category
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
              WITH ORDINALITY AS t(key, kind, heading, body, code, category, ord)`,
      [
        versionId,
        sections.map((s) => s.key),
        sections.map((s) => s.kind),
        sections.map((s) => s.heading),
        sections.map((s) => s.body),
        sections.map((s) => s.code),
        sections.map((s) => s.category),
      ],
    );
  }

  /** The suggestions a new version applied, in order: part of its immutable record. */
  async insertAppliedSuggestions(
    manager: EntityManager,
    versionId: string,
    applied: AppliedSuggestion[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO version_applied_suggestions (version_id, comment_id, section_key, position)
       SELECT $1, t.comment_id, t.section_key, t.ord - 1
         FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS t(comment_id, section_key, ord)`,
      [versionId, applied.map((a) => a.commentId), applied.map((a) => a.sectionKey)],
    );
  }
}
