import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { readableSql, ReaderScope } from '../court/reader-scope';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';

import {
  CursorChecks,
  decodeCursor,
  isIntegerIn,
  isUuidText,
  nullOr,
  Page,
  toPage,
} from '../common/pagination';
import { PreparedStatement, runPrepared } from '../database/prepared';
import { inCurrentReviewRound } from '../court/review-round';
import { LockedGuideline } from '../guidelines/guidelines.repository';
import { Stage } from '../court/stage';
import { Comment, DispositionStatus } from './comment.entity';
import { CommentStatusFilter } from './comment.dto';
import { commentReasons, refused } from './comment-reasons';

/** A comment as the views need it: with author, disposition author and thread size joined in. */
export interface CommentRow {
  id: string;
  guideline_id: string;
  version_id: string;
  version_number: number;
  section_key: string;
  parent_id: string | null;
  in_reply_to_id: string | null;
  author_id: string;
  author_name: string;
  author_institution: string | null;
  agency_name_en: string | null;
  agency_name_lo: string | null;
  body: string;
  quote: string | null;
  suggestion: string | null;
  /** The version that applied the suggestion, if one did. */
  suggestion_applied_in: number | null;
  stage: Stage;
  spoken_by_name: string | null;
  spoken_by_institution: string | null;
  event_id: string | null;
  disposition_status: DispositionStatus | null;
  disposition_response: string | null;
  disposition_by: string | null;
  disposition_by_name: string | null;
  disposition_at: Date | null;
  disposition_version_number: number | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  reply_count: number;
}

export interface ListedCommentRow extends CommentRow {
  section_position: number;
  /** created_at in UTC with microseconds: a keyset cursor must not lose precision. */
  created_key: string;
}

export interface RevisionRow {
  body: string;
  quote: string | null;
  edited_by: string;
  edited_by_name: string;
  edited_at: Date;
}

export interface DispositionRow {
  id: string;
  status: DispositionStatus;
  response: string | null;
  version_number: number | null;
  decided_by: string;
  decided_by_name: string;
  decided_at: Date;
}

export interface MatrixRow {
  id: string;
  version_number: number;
  section_key: string;
  section_heading: string;
  author_id: string;
  author_name: string;
  author_institution: string | null;
  agency_name_en: string | null;
  agency_name_lo: string | null;
  spoken_by_name: string | null;
  spoken_by_institution: string | null;
  body: string;
  quote: string | null;
  suggestion: string | null;
  suggestion_applied_in: number | null;
  created_at: Date;
  /** created_at as PostgreSQL writes it, to the microsecond (a Date keeps milliseconds only). */
  created_at_key: string;
  section_position: number;
  disposition_status: DispositionStatus | null;
  disposition_response: string | null;
  disposition_version_number: number | null;
}

/** Where a page of the matrix ends: the last row's place in reading order. */
export interface MatrixCursor {
  versionNumber: number;
  position: number;
  createdAt: string;
  id: string;
}

export function matrixCursorOf(row: MatrixRow): MatrixCursor {
  return {
    versionNumber: row.version_number,
    position: row.section_position,
    createdAt: row.created_at_key,
    id: row.id,
  };
}

export interface SearchRow {
  type: 'section' | 'comment';
  version_number: number;
  section_key: string;
  heading: string;
  text: string;
  comment_id: string | null;
  parent_id: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: Date | null;
  section_position: number;
  /** A comment's time as UTC with microseconds, for the cursor (null for a section). */
  created_key: string | null;
}

/** Where a page of search hits starts: after a section hit or after a comment hit. */
export type SearchCursor =
  | { phase: 'section'; versionNumber: number; position: number }
  | { phase: 'comment'; versionNumber: number; position: number; createdAt: string; id: string };

/**
 * What a new comment is checked against, read in one statement with the guideline share-locked:
 * the guideline, the asked version (null when unknown) and the section (null when unknown).
 */
export interface CommentTarget {
  guideline: LockedGuideline;
  versionId: string | null;
  section: { heading: string; body: string } | null;
}

export interface NewComment {
  guidelineId: string;
  versionId: string;
  versionNumber: number;
  sectionKey: string;
  parentId: string | null;
  inReplyToId: string | null;
  authorId: string;
  body: string;
  quote: string | null;
  suggestion: string | null;
  stage: Stage;
  spokenByName: string | null;
  spokenByInstitution: string | null;
  eventId: string | null;
}

/**
 * The number of the version that applied a comment's suggestion (a version's record, guidelines/),
 * when the reader (scope in parameter `p`) may read that version.
 */
function suggestionAppliedIn(p: string): string {
  return `(SELECT av.number FROM version_applied_suggestions sa
    JOIN guideline_versions av ON av.id = sa.version_id
   WHERE sa.comment_id = c.id AND ${readableSql.version('av.guideline_id', 'av.number', p)})`;
}

/** A comment's columns for a reader (scope in parameter `p`): its replies counted as it reads them. */
function commentColumns(p: string): string {
  return `
  c.id, c.guideline_id, c.version_id, c.version_number, c.section_key, c.parent_id, c.in_reply_to_id,
  c.author_id, u.name AS author_name, u.institution AS author_institution,
  a.name_en AS agency_name_en, a.name_lo AS agency_name_lo,
  c.body, c.quote, c.suggestion, ${suggestionAppliedIn(p)} AS suggestion_applied_in,
  c.stage, c.spoken_by_name, c.spoken_by_institution, c.event_id,
  c.disposition_status, c.disposition_response, c.disposition_by, du.name AS disposition_by_name,
  c.disposition_at, c.disposition_version_number, c.created_at, c.edited_at, c.deleted_at,
  CASE WHEN c.parent_id IS NULL THEN
    (SELECT count(*)::int FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL
        AND ${readableSql.comment('r.author_id', p)})
  ELSE 0 END AS reply_count`;
}

const COMMENT_JOINS = `
  JOIN users u ON u.id = c.author_id
  LEFT JOIN agencies a ON a.id = u.agency_id
  LEFT JOIN users du ON du.id = c.disposition_by`;

/** A comment just inserted (CTE `c`) as the views need it: no reply or disposition yet. */
const NEW_COMMENT_COLUMNS = `
  c.id, c.guideline_id, c.version_id, c.version_number, c.section_key, c.parent_id,
  c.in_reply_to_id, c.author_id, u.name AS author_name, u.institution AS author_institution,
  a.name_en AS agency_name_en, a.name_lo AS agency_name_lo,
  c.body, c.quote, c.suggestion, NULL::int AS suggestion_applied_in,
  c.stage, c.spoken_by_name, c.spoken_by_institution, c.event_id,
  c.disposition_status, c.disposition_response, c.disposition_by,
  du.name AS disposition_by_name, c.disposition_at, c.disposition_version_number,
  c.created_at, c.edited_at, c.deleted_at, 0 AS reply_count`;

/**
 * CommentsRepository.insertAllowed: one array per field, an entry per comment ($1 id, $2 guideline,
 * $3 version number, $4 section key, $5 open stages joined by ',', $6 author, $7 body, $8 quote).
 */
const INSERT_ALLOWED: PreparedStatement = {
  name: 'comments-insert-allowed',
  text: `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::uuid[],
                              $7::text[], $8::text[])
             AS i(id, guideline_id, version_number, section_key, open_stages, author_id, body, quote)
       ), target AS (
         SELECT i.*, g.stage, v.id AS version_id
           FROM input i
           JOIN guidelines g ON g.id = i.guideline_id
           JOIN guideline_versions v ON v.guideline_id = g.id AND v.number = g.current_version_number
           JOIN version_sections s ON s.version_id = v.id AND s.key = i.section_key
          WHERE g.current_version_number = i.version_number
            AND g.stage = ANY(string_to_array(i.open_stages, ','))
            AND (i.quote IS NULL
                 OR strpos(normalize(s.heading, NFC), normalize(i.quote, NFC)) > 0
                 OR strpos(normalize(s.body, NFC), normalize(i.quote, NFC)) > 0)
            FOR SHARE OF g
       ), c AS (
         INSERT INTO comments (id, guideline_id, version_id, version_number, section_key, author_id, body, quote, stage)
         SELECT t.id, t.guideline_id, t.version_id, t.version_number, t.section_key, t.author_id, t.body, t.quote, t.stage
           FROM target t
         RETURNING *
       )
       SELECT ${NEW_COMMENT_COLUMNS} FROM c ${COMMENT_JOINS}`,
};

/**
 * The hot statements of a new comment (CommentsService.create): the guideline share-locked with
 * the version and section the comment is for, then the insert answering the row as the views
 * need it. Prepared: PostgreSQL plans each once per connection.
 */
/** CommentsRepository.lockTarget: $1 guideline, $2 version number, $3 section key, $4 the writer's scope. */
const LOCK_TARGET: PreparedStatement = {
  name: 'comments-lock-target',
  text: `SELECT g.id, g.stage, g.current_version_number, v.id AS version_id,
                s.key IS NOT NULL AS section_found, s.heading, s.body
           FROM guidelines g
           LEFT JOIN guideline_versions v ON v.guideline_id = g.id AND v.number = $2
                 AND ${readableSql.version('v.guideline_id', 'v.number', '$4')}
           LEFT JOIN version_sections s ON s.version_id = v.id AND s.key = $3
          WHERE g.id = $1 AND ${readableSql.guideline('g.id', '$4')}
            FOR SHARE OF g`,
};

const INSERT_COMMENT: PreparedStatement = {
  name: 'comments-insert',
  text: `WITH c AS (
           INSERT INTO comments (guideline_id, version_id, version_number, section_key, parent_id, in_reply_to_id,
                                 author_id, body, quote, stage, spoken_by_name, spoken_by_institution, event_id,
                                 suggestion)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           RETURNING *
         )
         SELECT ${NEW_COMMENT_COLUMNS} FROM c ${COMMENT_JOINS}`,
};

const UTC_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;

const INT_MAX = 2_147_483_647;

/** A real instant written as UTC with microseconds: the shape alone lets month 13 through to SQL. */
function isUtcMicros(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_MICROS.test(value)) return false;
  const millis = Date.parse(`${value.slice(0, 23)}Z`);
  return (
    !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 23) === value.slice(0, 23)
  );
}

/** A search cursor's keys: phase (0 sections, 1 comments), version, position, time, id. */
type SearchCursorValues = [number, number, number, string | null, string | null];
export const SEARCH_CURSOR_CHECKS: CursorChecks<SearchCursorValues> = [
  isIntegerIn(0, 1),
  isIntegerIn(1, INT_MAX),
  isIntegerIn(0, INT_MAX),
  nullOr(isUtcMicros),
  nullOr(isUuidText),
];

/** `%` and `_` in a search string are meant literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A top-level comment in its author's own name, for insertIfAllowed and insertAllowed. */
export interface AllowedComment {
  guidelineId: string;
  versionNumber: number;
  sectionKey: string;
  authorId: string;
  body: string;
  quote: string | null;
  openStages: readonly Stage[];
}

@Injectable()
export class CommentsRepository {
  constructor(@InjectRepository(Comment) private readonly repo: Repository<Comment>) {}

  /** The comment when this reader may read it; otherwise null, as for an unknown id. */
  async findView(
    id: string,
    scope: ReaderScope,
    manager: EntityManager = this.repo.manager,
  ): Promise<CommentRow | null> {
    const rows: CommentRow[] = await manager.query(
      `SELECT ${commentColumns('$2')} FROM comments c ${COMMENT_JOINS}
        WHERE c.id = $1 AND ${readableSql.comment('c.author_id', '$2')}`,
      [id, scope.agencyId],
    );
    return rows[0] ?? null;
  }

  /** Locks the comment row for a change (edit, deletion, disposition). */
  async lockForChange(manager: EntityManager, id: string): Promise<Comment | null> {
    return manager
      .getRepository(Comment)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /**
   * One page of a version's top-level comments in reading order (section position, then time),
   * with reply counts, in a single query whatever the page holds.
   */
  async pageForVersion(
    versionId: string,
    scope: ReaderScope,
    filter: {
      sectionKey?: string;
      status?: CommentStatusFilter;
      q?: string;
      authorId?: string;
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<ListedCommentRow>> {
    const params: unknown[] = [versionId, scope.agencyId];
    // Sections in reading order, and in each the first comments after the cursor by an ordered
    // index scan (comments_page_idx) that stops at the page's size: a page costs the same
    // whether the version has 2,000 comments or 20,000, however they crowd into one section.
    const outer = ['s.version_id = $1'];
    const inner = [
      'c.version_id = s.version_id',
      'c.section_key = s.key',
      'c.parent_id IS NULL',
      'c.deleted_at IS NULL',
      readableSql.comment('c.author_id', '$2'),
    ];
    const add = (where: string[], sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.sectionKey) add(outer, (p) => `s.key = ${p}`, filter.sectionKey);
    if (filter.authorId) add(inner, (p) => `c.author_id = ${p}`, filter.authorId);
    if (filter.q) add(inner, (p) => `c.body ILIKE ${p}`, likePattern(filter.q));
    if (filter.status === 'OPEN') inner.push('c.disposition_status IS NULL');
    else if (filter.status === 'DISPOSED') inner.push('c.disposition_status IS NOT NULL');
    else if (filter.status) add(inner, (p) => `c.disposition_status = ${p}`, filter.status);
    const after = decodeCursor<[number, string, string]>(filter.cursor, [
      isIntegerIn(0, INT_MAX),
      isUtcMicros,
      isUuidText,
    ]);
    if (after) {
      const [position, created, id] = after;
      params.push(position, created, id);
      const n = params.length;
      outer.push(`s.position >= $${n - 2}::int`);
      // In the cursor's section the index scan starts after the cursor, elsewhere at the start
      // (a bound below every comment): an OR here would read and drop every comment before it.
      const atCursor = `s.position = $${n - 2}::int`;
      inner.push(
        `(c.created_at, c.id) > (
           CASE WHEN ${atCursor} THEN ($${n - 1}::timestamp AT TIME ZONE 'UTC') ELSE '-infinity'::timestamptz END,
           CASE WHEN ${atCursor} THEN $${n}::uuid ELSE '00000000-0000-0000-0000-000000000000'::uuid END)`,
      );
    }
    params.push(filter.limit + 1);
    const limit = `$${params.length}`;
    const rows: ListedCommentRow[] = await this.repo.query(
      `SELECT ${commentColumns('$2')}, s.position AS section_position,
              to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_key
         FROM version_sections s
         CROSS JOIN LATERAL (
           SELECT c.* FROM comments c
            WHERE ${inner.join(' AND ')}
            ORDER BY c.created_at, c.id
            LIMIT ${limit}) c
         ${COMMENT_JOINS}
        WHERE ${outer.join(' AND ')}
        ORDER BY s.position, c.created_at, c.id
        LIMIT ${limit}`,
      params,
    );
    return toPage(rows, filter.limit, (r) => [r.section_position, r.created_key, r.id]);
  }

  /**
   * A page of the replies of a thread this reader may read, oldest first, without deleted ones:
   * keyset on (time, id) through comments_replies_idx, so a page costs the same in any thread.
   */
  async replies(
    parentId: string,
    scope: ReaderScope,
    limit: number,
    cursor?: string,
  ): Promise<Page<CommentRow>> {
    const after = decodeCursor<[string, string]>(cursor, [isUtcMicros, isUuidText]);
    const rows: (CommentRow & { created_key: string })[] = await this.repo.query(
      `SELECT ${commentColumns('$2')},
              to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_key
         FROM comments c ${COMMENT_JOINS}
        WHERE c.parent_id = $1 AND c.deleted_at IS NULL
          AND ${readableSql.comment('c.author_id', '$2')}
          AND (c.created_at, c.id) > (coalesce($3::timestamp AT TIME ZONE 'UTC', '-infinity'),
                                      coalesce($4::uuid, '00000000-0000-0000-0000-000000000000'))
        ORDER BY c.created_at, c.id
        LIMIT $5`,
      [parentId, scope.agencyId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return toPage(rows, limit, (r) => [r.created_key, r.id]);
  }

  revisions(commentId: string): Promise<RevisionRow[]> {
    return this.repo.query(
      `SELECT r.body, r.quote, r.edited_by, u.name AS edited_by_name, r.edited_at
         FROM comment_revisions r JOIN users u ON u.id = r.edited_by
        WHERE r.comment_id = $1 ORDER BY r.id`,
      [commentId],
    );
  }

  dispositions(commentId: string): Promise<DispositionRow[]> {
    return this.repo.query(
      `SELECT d.id::text AS id, d.status, d.response, d.version_number, d.decided_by,
              u.name AS decided_by_name, d.decided_at
         FROM comment_dispositions d JOIN users u ON u.id = d.decided_by
        WHERE d.comment_id = $1 ORDER BY d.id`,
      [commentId],
    );
  }

  async section(
    manager: EntityManager,
    versionId: string,
    key: string,
  ): Promise<{ heading: string; body: string } | null> {
    const rows = await manager.query(
      `SELECT heading, body FROM version_sections WHERE version_id = $1 AND key = $2`,
      [versionId, key],
    );
    return rows[0] ?? null;
  }

  /** Agencies asked in the guideline's current review round (requests not withdrawn). */
  async reviewAgencyIds(manager: EntityManager, guidelineId: string): Promise<string[]> {
    const rows: { agency_id: string }[] = await manager.query(
      `SELECT DISTINCT r.agency_id FROM review_requests r
        WHERE r.guideline_id = $1 AND r.status <> 'WITHDRAWN' AND ${inCurrentReviewRound('r')}`,
      [guidelineId],
    );
    return rows.map((r) => r.agency_id);
  }

  /** The guideline a consultation event was held on; null when no event has this id. */
  async eventGuidelineId(manager: EntityManager, eventId: string): Promise<string | null> {
    const rows: { guideline_id: string }[] = await manager.query(
      `SELECT guideline_id FROM consultation_events WHERE id = $1`,
      [eventId],
    );
    return rows[0]?.guideline_id ?? null;
  }

  /**
   * Share-locks the guideline row (only it: FOR SHARE OF g) and reads the version and section a
   * comment is for in the same round trip; null when the guideline is unknown. A stage move or a
   * publication locks the row for update, so neither can slip in before the insert commits.
   */
  async lockTarget(
    manager: EntityManager,
    guidelineId: string,
    versionNumber: number,
    sectionKey: string | null,
    scope: ReaderScope,
  ): Promise<CommentTarget | null> {
    const rows: {
      id: string;
      stage: Stage;
      current_version_number: number | null;
      version_id: string | null;
      section_found: boolean;
      heading: string | null;
      body: string | null;
    }[] = await runPrepared(manager, LOCK_TARGET, [
      guidelineId,
      versionNumber,
      sectionKey,
      scope.agencyId,
    ]);
    const row = rows[0];
    if (!row) return null;
    return {
      guideline: {
        id: row.id,
        stage: row.stage,
        current_version_number: row.current_version_number,
      },
      versionId: row.version_id,
      section: row.section_found ? { heading: row.heading!, body: row.body! } : null,
    };
  }

  /**
   * Inserts and answers the new comment as the views need it, in the same statement (the author
   * and agency joined in the insert's CTE, no reply or disposition yet). An event id that names no
   * consultation event is a 422 on `eventId`, not a generic error.
   */
  async insertOrExplain(manager: EntityManager, fields: NewComment): Promise<CommentRow> {
    try {
      return await this.insert(manager, fields);
    } catch (error) {
      const driver = (error as QueryFailedError).driverError as { constraint?: string } | undefined;
      if (error instanceof QueryFailedError && driver?.constraint === 'comments_event_fk') {
        throw refused(commentReasons.unknownEvent(), { field: 'eventId' });
      }
      throw error;
    }
  }

  async insert(manager: EntityManager, fields: NewComment): Promise<CommentRow> {
    const rows = await runPrepared<CommentRow>(manager, INSERT_COMMENT, [
      fields.guidelineId,
      fields.versionId,
      fields.versionNumber,
      fields.sectionKey,
      fields.parentId,
      fields.inReplyToId,
      fields.authorId,
      fields.body,
      fields.quote,
      fields.stage,
      fields.spokenByName,
      fields.spokenByInstitution,
      fields.eventId,
      fields.suggestion,
    ]);
    return rows[0];
  }

  /**
   * A top-level comment in the caller's own name, inserted and answered in one statement when
   * every rule holds: the guideline is share-locked in one of `openStages` with `versionNumber`
   * as its current version, the section exists, and the quote (NFC) occurs in its heading or body.
   * Null when any of them fails: CommentsService then runs the full check, which says why.
   */
  async insertIfAllowed(
    manager: EntityManager,
    fields: AllowedComment,
  ): Promise<CommentRow | null> {
    return (await this.insertAllowed(manager, [fields]))[0];
  }

  /**
   * insertIfAllowed for many comments in one statement (one transaction), each judged on its own:
   * an answer per entry, in their order. CommentInsertBatch groups the comments of concurrent
   * requests into it. Ids are drawn here, so each answer is matched to its entry.
   */
  async insertAllowed(
    manager: EntityManager,
    entries: readonly AllowedComment[],
  ): Promise<(CommentRow | null)[]> {
    const ids = entries.map(() => randomUUID());
    const rows = await runPrepared<CommentRow>(manager, INSERT_ALLOWED, [
      ids,
      entries.map((e) => e.guidelineId),
      entries.map((e) => e.versionNumber),
      entries.map((e) => e.sectionKey),
      entries.map((e) => e.openStages.join(',')),
      entries.map((e) => e.authorId),
      entries.map((e) => e.body),
      entries.map((e) => e.quote),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Keeps the text being replaced, then writes the new one. */
  async replaceText(
    manager: EntityManager,
    comment: Comment,
    next: { body: string; quote: string | null },
    editorId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO comment_revisions (comment_id, body, quote, edited_by) VALUES ($1, $2, $3, $4)`,
      [comment.id, comment.body, comment.quote, editorId],
    );
    await manager.query(
      `UPDATE comments SET body = $2, quote = $3, edited_at = now() WHERE id = $1`,
      [comment.id, next.body, next.quote],
    );
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE comments SET deleted_at = now() WHERE id = $1`, [id]);
  }

  /** Appends the decision to the history and copies it onto the comment; returns the history row id. */
  async recordDisposition(
    manager: EntityManager,
    fields: {
      commentId: string;
      status: DispositionStatus;
      response: string | null;
      versionNumber: number | null;
      decidedBy: string;
    },
  ): Promise<string> {
    const [{ id, decided_at }]: { id: string; decided_at: Date }[] = await manager.query(
      `INSERT INTO comment_dispositions (comment_id, status, response, version_number, decided_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id, decided_at`,
      [fields.commentId, fields.status, fields.response, fields.versionNumber, fields.decidedBy],
    );
    await manager.query(
      `UPDATE comments SET disposition_status = $2, disposition_response = $3, disposition_by = $4,
              disposition_at = $5, disposition_version_number = $6
        WHERE id = $1`,
      [
        fields.commentId,
        fields.status,
        fields.response,
        fields.decidedBy,
        decided_at,
        fields.versionNumber,
      ],
    );
    return id;
  }

  /** Top-level comments for the comment matrix, in version, section and time order. */
  /**
   * One page of the matrix's rows in reading order (version, section position, time, id), after
   * `after` (the last row of the previous page). Keyset pages: each page costs the same however
   * far into the matrix it is, and no page holds the whole matrix in memory.
   */
  matrixRows(
    guidelineId: string,
    versionNumber: number | undefined,
    limit: number,
    after: MatrixCursor | null,
    scope: ReaderScope,
  ): Promise<MatrixRow[]> {
    // The versions' sections in reading order, and in each its comments after the cursor by the
    // ordered partial index comments_page_idx: no page sorts or skips the comments before it
    // (sorting every comment after the cursor made the 20,000-comment matrix's ten pages cost
    // 250 ms each). Outside the cursor's own section the bound is below every comment.
    return this.repo.query(
      `SELECT c.id, c.version_number, c.section_key, s.heading AS section_heading,
              c.author_id, u.name AS author_name, u.institution AS author_institution,
              a.name_en AS agency_name_en, a.name_lo AS agency_name_lo,
              c.spoken_by_name, c.spoken_by_institution, c.body, c.quote, c.suggestion,
              ${suggestionAppliedIn('$8')} AS suggestion_applied_in, c.created_at,
              c.created_at::text AS created_at_key, s.position AS section_position,
              c.disposition_status, c.disposition_response, c.disposition_version_number
         FROM guideline_versions v
         JOIN version_sections s ON s.version_id = v.id
         CROSS JOIN LATERAL (
           SELECT c.* FROM comments c
            WHERE c.version_id = s.version_id AND c.section_key = s.key
              AND c.parent_id IS NULL AND c.deleted_at IS NULL
              AND ${readableSql.comment('c.author_id', '$8')}
              AND (c.created_at, c.id) > (
                    CASE WHEN (v.number, s.position) = ($4::int, $5::int) THEN $6::timestamptz
                         ELSE '-infinity'::timestamptz END,
                    CASE WHEN (v.number, s.position) = ($4::int, $5::int) THEN $7::uuid
                         ELSE '00000000-0000-0000-0000-000000000000'::uuid END)
            ORDER BY c.created_at, c.id
            LIMIT $3) c
         JOIN users u ON u.id = c.author_id
         LEFT JOIN agencies a ON a.id = u.agency_id
        WHERE v.guideline_id = $1
          AND ($2::int IS NULL OR v.number = $2::int)
          AND ${readableSql.version('v.guideline_id', 'v.number', '$8')}
          AND ($4::int IS NULL OR (v.number, s.position) >= ($4::int, $5::int))
        ORDER BY v.number, s.position, c.created_at, c.id
        LIMIT $3`,
      [
        guidelineId,
        versionNumber ?? null,
        limit,
        after?.versionNumber ?? null,
        after?.position ?? null,
        after?.createdAt ?? null,
        after?.id ?? null,
        scope.agencyId,
      ],
    );
  }

  /**
   * Sections of any version, then comments and replies, whose text contains `q`, in keyset pages
   * after `after`: sections by version (newest first) and position, then comments by version,
   * section position, time and id. ILIKE on the very expressions the trigram indexes cover, so Lao
   * substrings (no word boundaries) are found fast. The comments are read section by section, each
   * through comments_version_section_idx from the cursor on and stopping at the page's size, so a
   * page of a term found in most comments costs the same at 20,000 comments as at 2,000 (the
   * union sorted whole and cut by OFFSET cost with every match before and after the page).
   */
  async search(
    guidelineId: string,
    q: string,
    limit: number,
    after: SearchCursor | null,
    scope: ReaderScope,
  ): Promise<SearchRow[]> {
    const pattern = likePattern(q);
    const rows: SearchRow[] = [];
    if (!after || after.phase === 'section') {
      rows.push(
        ...((await this.repo.query(
          `SELECT 'section' AS type, v.number AS version_number, s.key AS section_key, s.heading,
                  s.body AS text, NULL::uuid AS comment_id, NULL::uuid AS parent_id,
                  NULL::uuid AS author_id, NULL::text AS author_name, NULL::timestamptz AS created_at,
                  s.position AS section_position, NULL::text AS created_key
             FROM guideline_versions v JOIN version_sections s ON s.version_id = v.id
            WHERE v.guideline_id = $1 AND (s.heading || ' ' || s.body) ILIKE $2
              AND ($4::int IS NULL OR v.number < $4::int OR (v.number = $4::int AND s.position > $5::int))
              AND ${readableSql.version('v.guideline_id', 'v.number', '$6')}
            ORDER BY v.number DESC, s.position
            LIMIT $3`,
          [
            guidelineId,
            pattern,
            limit,
            after?.versionNumber ?? null,
            after?.position ?? null,
            scope.agencyId,
          ],
        )) as SearchRow[]),
      );
      if (rows.length >= limit) return rows;
    }
    const from = after?.phase === 'comment' ? after : null;
    rows.push(
      ...((await this.repo.query(
        `SELECT 'comment' AS type, v.number AS version_number, s.key AS section_key, s.heading,
                c.body AS text, c.id AS comment_id, c.parent_id, c.author_id, u.name AS author_name,
                c.created_at, s.position AS section_position,
                to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_key
           FROM guideline_versions v
           JOIN version_sections s ON s.version_id = v.id
           CROSS JOIN LATERAL (
             SELECT c.* FROM comments c
              WHERE c.version_id = s.version_id AND c.section_key = s.key
                AND c.deleted_at IS NULL AND c.body ILIKE $2
                AND ${readableSql.comment('c.author_id', '$8')}
                AND (c.created_at, c.id) > (
                      CASE WHEN (v.number, s.position) = ($4::int, $5::int)
                           THEN ($6::timestamp AT TIME ZONE 'UTC') ELSE '-infinity'::timestamptz END,
                      CASE WHEN (v.number, s.position) = ($4::int, $5::int)
                           THEN $7::uuid ELSE '00000000-0000-0000-0000-000000000000'::uuid END)
              ORDER BY c.created_at, c.id
              LIMIT $3) c
           JOIN users u ON u.id = c.author_id
          WHERE v.guideline_id = $1
            AND ($4::int IS NULL OR v.number < $4::int OR (v.number = $4::int AND s.position >= $5::int))
          ORDER BY v.number DESC, s.position, c.created_at, c.id
          LIMIT $3`,
        [
          guidelineId,
          pattern,
          limit - rows.length,
          from?.versionNumber ?? null,
          from?.position ?? null,
          from?.createdAt ?? null,
          from?.id ?? null,
          scope.agencyId,
        ],
      )) as SearchRow[]),
    );
    return rows;
  }

  /** The cursor after a hit, and a cursor read back: null unless it is one `searchCursorOf` gave. */
  static searchCursorOf(row: SearchRow): unknown[] {
    return row.type === 'section'
      ? [0, row.version_number, row.section_position, null, null]
      : [1, row.version_number, row.section_position, row.created_key, row.comment_id];
  }

  static searchCursorFrom(values: SearchCursorValues): SearchCursor | null {
    // Each key has passed its check (SEARCH_CURSOR_CHECKS); here only how they go together.
    const [phase, versionNumber, position, createdAt, id] = values;
    if (phase === 0 && createdAt === null && id === null) {
      return { phase: 'section', versionNumber, position };
    }
    if (phase === 1 && createdAt !== null && id !== null) {
      return { phase: 'comment', versionNumber, position, createdAt, id };
    }
    return null;
  }
}
