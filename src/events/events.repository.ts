import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, isUuidText, Page, toPage } from '../common/pagination';
import { isCalendarDayText } from '../common/day-or-instant';
import { Stage } from '../court/stage';
import { ConsultationEvent, EventCorrection, EventInstitution } from './consultation-event.entity';
import { EventKind, InstitutionCount } from './participation-rules';

/** An event as the views need it: with its creator's name and its breakdown by institution. */
export interface EventRow {
  id: string;
  guideline_id: string;
  title: string;
  date: string;
  location: string;
  partner: string | null;
  kind: EventKind;
  stage: Stage;
  female: number;
  male: number;
  other: number;
  participants: number;
  with_disability: number | null;
  revision: number;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  institutions: InstitutionCount[];
}

export interface CorrectionRow {
  revision: number;
  reason: string;
  changes: { field: string; from: unknown; to: unknown }[];
  corrected_by: string;
  corrected_by_name: string;
  corrected_at: Date;
}

export interface GatheredCommentRow {
  id: string;
  version_number: number;
  section_key: string;
  parent_id: string | null;
  body: string;
  quote: string | null;
  spoken_by_name: string | null;
  spoken_by_institution: string | null;
  author_id: string;
  author_name: string;
  disposition_status: string | null;
  created_at: Date;
}

export interface EventFilter {
  guidelineId?: string;
  from?: string;
  to?: string;
  province?: string;
  stage?: Stage;
  kind?: EventKind;
}

export type NewEvent = Pick<
  ConsultationEvent,
  | 'guidelineId'
  | 'title'
  | 'date'
  | 'location'
  | 'partner'
  | 'kind'
  | 'stage'
  | 'female'
  | 'male'
  | 'other'
  | 'withDisability'
  | 'createdBy'
>;

export type EventCorrectionFields = Partial<
  Pick<
    ConsultationEvent,
    | 'title'
    | 'date'
    | 'location'
    | 'partner'
    | 'kind'
    | 'female'
    | 'male'
    | 'other'
    | 'withDisability'
  >
>;

const EVENT_SELECT = `
  SELECT e.id, e.guideline_id, e.title, to_char(e.event_date, 'YYYY-MM-DD') AS date, e.location,
         e.partner, e.kind, e.stage, e.female, e.male, e.other, e.participants, e.with_disability,
         e.revision, e.created_by, u.name AS created_by_name, e.created_at, e.updated_at,
         coalesce((SELECT json_agg(json_build_object('category', i.category, 'name', i.name,
                                                     'count', i.count) ORDER BY i.position)
                     FROM consultation_event_institutions i WHERE i.event_id = e.id),
                  '[]'::json) AS institutions
    FROM consultation_events e
    JOIN users u ON u.id = e.created_by`;

/**
 * The filters shared by the event list and the participation report, as SQL on alias `e`.
 * Parameters are numbered from `first`.
 */
export function eventFilterSql(
  filter: EventFilter,
  first = 1,
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${first + params.length - 1}`));
  };
  if (filter.guidelineId) add((n) => `e.guideline_id = ${n}`, filter.guidelineId);
  if (filter.from) add((n) => `e.event_date >= ${n}::date`, filter.from);
  if (filter.to) add((n) => `e.event_date <= ${n}::date`, filter.to);
  if (filter.province) add((n) => `lower(e.location) = lower(${n})`, filter.province);
  if (filter.stage) add((n) => `e.stage = ${n}`, filter.stage);
  if (filter.kind) add((n) => `e.kind = ${n}`, filter.kind);
  return { where, params };
}

@Injectable()
export class EventsRepository {
  constructor(
    @InjectRepository(ConsultationEvent) private readonly repo: Repository<ConsultationEvent>,
  ) {}

  async insert(manager: EntityManager, event: NewEvent): Promise<string> {
    const result = await manager.insert(ConsultationEvent, event);
    return (result.identifiers[0] as { id: string }).id;
  }

  async replaceInstitutions(
    manager: EntityManager,
    eventId: string,
    institutions: InstitutionCount[],
  ): Promise<void> {
    await manager.delete(EventInstitution, { eventId });
    if (institutions.length === 0) return;
    await manager.insert(
      EventInstitution,
      institutions.map((i, position) => ({ eventId, position, ...i })),
    );
  }

  async findView(id: string, manager: EntityManager = this.repo.manager): Promise<EventRow | null> {
    const rows: EventRow[] = await manager.query(`${EVENT_SELECT} WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the event for a correction, so two corrections never interleave. */
  async lockForCorrection(manager: EntityManager, id: string): Promise<EventRow | null> {
    await manager.query(`SELECT 1 FROM consultation_events WHERE id = $1 FOR UPDATE`, [id]);
    return this.findView(id, manager);
  }

  async applyCorrection(
    manager: EntityManager,
    id: string,
    revision: number,
    fields: EventCorrectionFields,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ConsultationEvent)
      .set({ ...fields, revision, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  async recordCorrection(
    manager: EntityManager,
    correction: Pick<
      EventCorrection,
      'eventId' | 'revision' | 'reason' | 'changes' | 'correctedBy'
    >,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO consultation_event_corrections (event_id, revision, reason, changes, corrected_by)
       VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [
        correction.eventId,
        correction.revision,
        correction.reason,
        JSON.stringify(correction.changes),
        correction.correctedBy,
      ],
    );
  }

  /** Newest first by date, then id, filtered; keyset-paginated. */
  async page(filter: EventFilter, limit: number, cursor?: string): Promise<Page<EventRow>> {
    const after = decodeCursor<[string, string]>(cursor, [isCalendarDayText, isUuidText]);
    const { where, params } = eventFilterSql(filter);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(e.event_date, e.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: EventRow[] = await this.repo.query(
      `${EVENT_SELECT}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.event_date DESC, e.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, limit, (e) => [e.date, e.id]);
  }

  corrections(eventId: string): Promise<CorrectionRow[]> {
    return this.repo.query(
      `SELECT c.revision, c.reason, c.changes, c.corrected_by, u.name AS corrected_by_name,
              c.corrected_at
         FROM consultation_event_corrections c JOIN users u ON u.id = c.corrected_by
        WHERE c.event_id = $1
        ORDER BY c.revision`,
      [eventId],
    );
  }

  /** The comments typed in for this event (replies included), oldest first. */
  gatheredComments(eventId: string): Promise<GatheredCommentRow[]> {
    return this.repo.query(
      `SELECT c.id, c.version_number, c.section_key, c.parent_id, c.body, c.quote,
              c.spoken_by_name, c.spoken_by_institution, c.author_id, u.name AS author_name,
              c.disposition_status, c.created_at
         FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.event_id = $1 AND c.deleted_at IS NULL
        ORDER BY c.created_at, c.id`,
      [eventId],
    );
  }
}
