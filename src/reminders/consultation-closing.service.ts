import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageFactsRepository } from '../notifications/message-facts.repository';
import { Notifier } from '../notifications/notifier.service';
import { NotificationKind } from '../notifications/templates';
import { commentRefusal } from '../court/comment-rules';
import { Stage } from '../court/stage';
import {
  ClosingConsultation,
  ConsultationClosingRepository,
} from './consultation-closing.repository';

/** How far ahead a closing consultation is announced (shared/DOMAIN.md: "closes in 2 days"). */
export const CLOSING_NOTICE_MS = 2 * 86_400_000;

/** The job scheduler id of the daily scan (job ids may not contain ':'). */
export const CONSULTATION_SCAN_SCHEDULER = 'consultation-closing-scan';

/**
 * Tells the judges who may comment on a consultation closing within two days, and have not
 * commented in this round, that it is closing. Run daily by a BullMQ job scheduler; each person
 * is told once per (guideline, close date) whatever the number of runs.
 */
@Injectable()
export class ConsultationClosingNotices {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly facts: MessageFactsRepository,
    private readonly consultations: ConsultationClosingRepository,
  ) {}

  /** Returns how many notifications were created. */
  async scan(now = new Date()): Promise<number> {
    const closing = await this.consultations.closingBetween(
      now,
      new Date(now.getTime() + CLOSING_NOTICE_MS),
    );
    let created = 0;
    for (const consultation of closing) created += await this.announce(consultation);
    return created;
  }

  private announce(consultation: ClosingConsultation): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const guideline = await this.facts.guideline(manager, consultation.id);
      if (!guideline) return 0;
      const silent = await this.consultations.silentJudges(
        manager,
        consultation.id,
        consultation.round_started,
      );
      const mayComment = silent.filter(
        (u) =>
          commentRefusal({
            stage: Stage.CONSULTATION,
            role: u.role,
            committees: u.committees,
            agencyId: u.agency_id,
            reviewAgencyIds: [],
            onBehalf: false,
          }) === null,
      );
      const closesAt = new Date(consultation.closes_at);
      const ids = await this.notifier.announce(manager, mayComment, {
        kind: NotificationKind.CONSULTATION_CLOSING,
        dedupeKey: `closing-${consultation.id}-${closesAt.getTime()}`,
        guidelineId: guideline.id,
        context: { guideline, closesAt, link: this.notifier.link(`/guidelines/${guideline.id}`) },
        data: { closesAt: closesAt.toISOString() },
      });
      return ids.length;
    });
  }
}
