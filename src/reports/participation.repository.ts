import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventFilter, eventFilterSql } from '../events/events.repository';
import { InstitutionTotal, ParticipationTotals } from './participation-report';

/** Sums of the consultation events that match the filters, computed in the database. */
@Injectable()
export class ParticipationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(filter: EventFilter): Promise<ParticipationTotals> {
    const { where, params } = eventFilterSql(filter);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS events,
              coalesce(sum(e.female), 0)::int AS female,
              coalesce(sum(e.male), 0)::int AS male,
              coalesce(sum(e.other), 0)::int AS other,
              coalesce(sum(e.with_disability), 0)::int AS with_disability,
              count(e.with_disability)::int AS events_reporting_disability,
              coalesce(sum(e.participants) FILTER (WHERE e.with_disability IS NOT NULL), 0)::int
                AS participants_in_events_reporting_disability,
              coalesce(sum(e.participants) FILTER (WHERE EXISTS (
                SELECT 1 FROM consultation_event_institutions i WHERE i.event_id = e.id)), 0)::int
                AS participants_with_institution_breakdown
         FROM consultation_events e
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return {
      events: row.events,
      female: row.female,
      male: row.male,
      other: row.other,
      withDisability: row.with_disability,
      eventsReportingDisability: row.events_reporting_disability,
      participantsInEventsReportingDisability: row.participants_in_events_reporting_disability,
      participantsWithInstitutionBreakdown: row.participants_with_institution_breakdown,
    };
  }

  /** Participants per (category, institution name) over the matching events. */
  institutions(filter: EventFilter): Promise<InstitutionTotal[]> {
    const { where, params } = eventFilterSql(filter);
    return this.dataSource.query(
      `SELECT i.category, i.name, sum(i.count)::int AS count
         FROM consultation_event_institutions i
         JOIN consultation_events e ON e.id = i.event_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY i.category, i.name`,
      params,
    );
  }
}
