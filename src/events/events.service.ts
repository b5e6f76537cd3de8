import { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../court/roles';
import { ErrorDetail, reasonDetail } from '../common/app-error';
import { reason } from '../court/catalogue';
import { EventErrorCode, EventException } from './event.exception';
import { Env } from '../config/env';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { localDayOf } from '../court/local-day';
import {
  CorrectEventDto,
  CreateEventDto,
  EventDetailView,
  EventListQuery,
  EventListView,
  EventView,
  InstitutionCountDto,
} from './event.dto';
import {
  CorrectionRow,
  EventCorrectionFields,
  EventRow,
  EventsRepository,
  GatheredCommentRow,
} from './events.repository';
import {
  EventFigures,
  EventKind,
  FigureProblem,
  figureProblems,
  InstitutionCategory,
  InstitutionCount,
} from './participation-rules';

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotentWrites,
    private readonly env: Env,
    private readonly events: EventsRepository,
    private readonly guidelines: GuidelinesRepository,
  ) {}

  /**
   * Records an event. The guideline row is share-locked so the stage written with the event is
   * the stage the guideline is in at that moment (a stage move waits for this to commit).
   */
  async create(
    dto: CreateEventDto,
    actor: AuthUser,
    idempotent: IdempotentRequest | null = null,
  ): Promise<EventView> {
    const institutions = (dto.institutions ?? []).map(toInstitutionCount);
    const figures: EventFigures = {
      date: dto.date,
      participants: {
        female: dto.participants.female,
        male: dto.participants.male,
        other: dto.participants.other,
        withDisability: dto.participants.withDisability ?? null,
      },
      institutions,
    };
    return this.idempotency.transaction(idempotent, async (manager) => {
      const guideline = await this.guidelines.lockShared(manager, dto.guidelineId);
      const details = figureProblems(figures, this.today()).map(problemDetail);
      if (!guideline) {
        details.unshift(
          reasonDetail(reason('UNKNOWN_GUIDELINE', { id: dto.guidelineId }), {
            field: 'guidelineId',
          }),
        );
      }
      if (details.length) throw new EventException(EventErrorCode.EVENT_REFUSED, {}, details);

      const id = await this.events.insert(manager, {
        guidelineId: dto.guidelineId,
        title: dto.title,
        date: dto.date,
        location: dto.location,
        partner: dto.partner ?? null,
        kind: dto.kind ?? EventKind.WORKSHOP,
        stage: guideline!.stage,
        female: figures.participants.female,
        male: figures.participants.male,
        other: figures.participants.other,
        withDisability: figures.participants.withDisability,
        createdBy: actor.id,
      });
      await this.events.replaceInstitutions(manager, id, institutions);
      return eventView((await this.events.findView(id, manager))!);
    });
  }

  /**
   * Corrects an event: the merged figures must still add up; every changed field is written to
   * the correction history with the reason, in the same transaction as the change.
   */
  async correct(id: string, dto: CorrectEventDto, actor: AuthUser): Promise<EventDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.events.lockForCorrection(manager, id);
      if (!current) throw new EventException(EventErrorCode.EVENT_NOT_FOUND);
      if (dto.expectedRevision !== undefined && dto.expectedRevision !== current.revision) {
        throw new EventException(EventErrorCode.EVENT_REVISION_STALE, {
          current: current.revision,
          expected: dto.expectedRevision,
        });
      }

      const next = {
        title: dto.title ?? current.title,
        date: dto.date ?? current.date,
        location: dto.location ?? current.location,
        partner: dto.partner === undefined ? current.partner : dto.partner || null,
        kind: dto.kind ?? current.kind,
        female: dto.participants?.female ?? current.female,
        male: dto.participants?.male ?? current.male,
        other: dto.participants?.other ?? current.other,
        withDisability: dto.participants?.withDisability ?? current.with_disability,
      };
      const institutions = dto.institutions
        ? dto.institutions.map(toInstitutionCount)
        : current.institutions;

      const changes: { field: string; from: unknown; to: unknown }[] = [];
      const fields: EventCorrectionFields = {};
      const was: Record<keyof typeof next, unknown> = {
        title: current.title,
        date: current.date,
        location: current.location,
        partner: current.partner,
        kind: current.kind,
        female: current.female,
        male: current.male,
        other: current.other,
        withDisability: current.with_disability,
      };
      for (const field of Object.keys(next) as (keyof typeof next)[]) {
        if (next[field] === was[field]) continue;
        changes.push({ field: FIELD_NAMES[field], from: was[field], to: next[field] });
        (fields as Record<string, unknown>)[field] = next[field];
      }
      const institutionsChanged =
        JSON.stringify(institutions) !== JSON.stringify(current.institutions);
      if (institutionsChanged) {
        changes.push({ field: 'institutions', from: current.institutions, to: institutions });
      }
      if (changes.length === 0) return;

      const problems = figureProblems(
        {
          date: next.date,
          participants: {
            female: next.female,
            male: next.male,
            other: next.other,
            withDisability: next.withDisability,
          },
          institutions,
        },
        this.today(),
      );
      if (problems.length) {
        throw new EventException(EventErrorCode.EVENT_REFUSED, {}, problems.map(problemDetail));
      }

      const revision = current.revision + 1;
      await this.events.applyCorrection(manager, id, revision, fields);
      if (institutionsChanged) await this.events.replaceInstitutions(manager, id, institutions);
      await this.events.recordCorrection(manager, {
        eventId: id,
        revision,
        reason: dto.reason,
        changes,
        correctedBy: actor.id,
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<EventDetailView> {
    const event = await this.events.findView(id);
    if (!event) throw new EventException(EventErrorCode.EVENT_NOT_FOUND);
    const [corrections, comments] = await Promise.all([
      this.events.corrections(id),
      this.events.gatheredComments(id),
    ]);
    return {
      ...eventView(event),
      corrections: corrections.map(correctionView),
      comments: comments.map(gatheredCommentView),
    };
  }

  async list(query: EventListQuery): Promise<EventListView> {
    const page = await this.events.page(
      {
        guidelineId: query.guidelineId,
        from: query.from,
        to: query.to,
        province: query.province,
        stage: query.stage,
        kind: query.kind,
      },
      query.limit,
      query.cursor,
    );
    return { items: page.items.map(eventView), next: page.next };
  }

  private today(): string {
    return localDayOf(new Date(), this.env.APP_TIMEZONE);
  }
}

/** How a changed column is named in the history: as the API names it. */
const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  date: 'date',
  location: 'location',
  partner: 'partner',
  kind: 'kind',
  female: 'participants.female',
  male: 'participants.male',
  other: 'participants.other',
  withDisability: 'participants.withDisability',
};

function toInstitutionCount(dto: InstitutionCountDto): InstitutionCount {
  return {
    category: dto.category ?? InstitutionCategory.OTHER,
    name: dto.name ?? null,
    count: dto.count,
  };
}

function problemDetail(problem: FigureProblem): ErrorDetail {
  const detail = reasonDetail(problem.reason, { field: problem.field });
  if (problem.expected !== undefined) detail.expected = problem.expected;
  if (problem.actual !== undefined) detail.actual = problem.actual;
  return detail;
}

export function eventView(e: EventRow): EventView {
  return {
    id: e.id,
    guidelineId: e.guideline_id,
    title: e.title,
    date: e.date,
    location: e.location,
    partner: e.partner,
    kind: e.kind,
    stage: e.stage,
    participants: {
      female: e.female,
      male: e.male,
      other: e.other,
      total: e.participants,
      withDisability: e.with_disability,
    },
    institutions: e.institutions,
    revision: e.revision,
    createdBy: { id: e.created_by, name: e.created_by_name },
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
  };
}

function correctionView(c: CorrectionRow) {
  return {
    revision: c.revision,
    reason: c.reason,
    changes: c.changes,
    correctedBy: { id: c.corrected_by, name: c.corrected_by_name },
    correctedAt: c.corrected_at.toISOString(),
  };
}

function gatheredCommentView(c: GatheredCommentRow) {
  return {
    id: c.id,
    versionNumber: c.version_number,
    sectionKey: c.section_key,
    parentId: c.parent_id,
    body: c.body,
    quote: c.quote,
    spokenBy: c.spoken_by_name
      ? { name: c.spoken_by_name, institution: c.spoken_by_institution }
      : null,
    recordedBy: { id: c.author_id, name: c.author_name },
    dispositionStatus: c.disposition_status,
    createdAt: c.created_at.toISOString(),
  };
}
