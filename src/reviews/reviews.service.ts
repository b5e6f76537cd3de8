import { IdempotentWrites } from '../idempotency/idempotent-writes';
import { moveReasonFor, readerScope } from '../court/reader-scope';
import { withFileDigest, type IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { reviewStatus } from '../court/review-status';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, Role } from '../court/roles';
import { detail } from '../common/app-error';
import { ReviewErrorCode, ReviewException } from './review.exception';
import { isCalendarDay } from '../court/local-day';
import { toPage } from '../common/pagination';
import { Env } from '../config/env';
import { ReminderPlanner } from '../reminders/reminder-planner.service';
import { RemindersRepository } from '../reminders/reminders.repository';
import { calendarDayIn } from '../court/zoned-time';
import { AgencyMailbox } from '../notifications/agency-mailbox.service';
import { MessageFactsRepository } from '../notifications/message-facts.repository';
import { Notifier } from '../notifications/notifier.service';
import { RecipientsRepository } from '../notifications/recipients.repository';
import { NotificationKind } from '../notifications/templates';
import { randomUUID } from 'node:crypto';
import { AnswerLinksRepository } from './answer-links.repository';
import {
  DueDateDto,
  ReviewDetailView,
  ReviewListView,
  ReviewQuery,
  ReviewResponseDto,
  LetterView,
  ReviewView,
} from './review.dto';
import { ReviewRow, ReviewsRepository } from './reviews.repository';
import { mayReadLetter, mayReissueLink, reviewActions } from './review-rules';
import { checkLetter, letterExtension, type LetterMediaType } from './review-letter';
import type { Upload } from '../common/upload';

const iso = (d: Date) => new Date(d).toISOString();

/** Interagency review as the agencies and the secretariat use it. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotentWrites,
    private readonly reviews: ReviewsRepository,
    private readonly reminders: RemindersRepository,
    private readonly planner: ReminderPlanner,
    private readonly env: Env,
    private readonly links: AnswerLinksRepository,
    private readonly mailbox: AgencyMailbox,
    private readonly notifier: Notifier,
    private readonly recipients: RecipientsRepository,
    private readonly facts: MessageFactsRepository,
  ) {}

  private today(): string {
    return calendarDayIn(new Date(), this.env.APP_TIMEZONE);
  }

  /** Review requests OVERDUE now, every agency's (for /metrics). */
  overdueCount(): Promise<number> {
    return this.reviews.countOverdue(this.today());
  }

  /** A reviewer sees its own agency's requests only; everyone else allowed here sees all. */
  private agencyScope(user: AuthUser): string | null {
    if (user.role !== Role.AGENCY_REVIEWER) return null;
    if (!user.agencyId) throw new ReviewException(ReviewErrorCode.REVIEWER_WITHOUT_AGENCY);
    return user.agencyId;
  }

  async list(user: AuthUser, query: ReviewQuery): Promise<ReviewListView> {
    const today = this.today();
    const rows = await this.reviews.page(
      {
        agencyId: this.agencyScope(user),
        status: query.status,
        guidelineId: query.guidelineId,
        today,
      },
      query.limit,
      query.cursor,
    );
    const page = toPage(rows, query.limit, (r) => [r.due_date, r.id]);
    return { items: page.items.map((r) => this.toView(r, today, user)), next: page.next };
  }

  async get(user: AuthUser, id: string): Promise<ReviewDetailView> {
    const row = await this.reviews.findVisible(id, this.agencyScope(user));
    // Another agency's request is answered exactly like an unknown id.
    if (!row) throw new ReviewException(ReviewErrorCode.REVIEW_NOT_FOUND);
    return this.detail(row, user);
  }

  /**
   * The agency's answer: once only (409 the second time, and 409 on a withdrawn request: the
   * state is stale, nothing is wrong with the answer itself). Remaining reminders are cancelled.
   */
  async respond(
    user: AuthUser,
    id: string,
    dto: ReviewResponseDto,
    idempotent: IdempotentRequest | null = null,
    letterFile?: Upload,
  ): Promise<ReviewDetailView> {
    const agencyId = this.agencyScope(user);
    if (!agencyId) throw new ReviewException(ReviewErrorCode.ONLY_THE_AGENCY_ANSWERS);
    assertCommentsGiven(dto);
    // Checked before anything is written: a refused letter leaves the request unanswered.
    const letter = letterFile ? await checkLetter(letterFile) : null;
    let cancelled: string[] = [];
    // The answer is read in the transaction: with a key, it is stored with the key (a replay
    // cancels nothing again).
    const request = withFileDigest(idempotent, letter?.sha256);
    const view = await this.idempotency.transaction(request, async (manager) => {
      const answered = await this.reviews.answer(manager, id, agencyId, {
        decision: dto.decision,
        comments: dto.comments,
        signatoryName: dto.signatory.name,
        signatoryTitle: dto.signatory.title,
        answeredBy: user.id,
      });
      if (!answered) {
        const current = await this.reviews.findVisible(id, agencyId, manager);
        if (!current) throw new ReviewException(ReviewErrorCode.REVIEW_NOT_FOUND);
        throw notOpen(current.status);
      }
      if (letter) await this.reviews.attachLetter(manager, id, letter);
      await this.links.revokeAll(manager, [id], 'ANSWERED');
      cancelled = await this.planner.cancelForRequests(manager, [id]);
      const row = await this.reviews.findVisible(id, agencyId, manager);
      return this.detail(row!, user, manager);
    });
    await this.planner.removeJobs(cancelled);
    return view;
  }

  /**
   * The agency's signed letter, as it was sent, for the secretariat, observers and that agency's
   * reviewers; 404 for anyone else, as for a request without a letter or an unknown one.
   */
  async letter(user: AuthUser, id: string): Promise<LetterFile> {
    const row = await this.reviews.findVisible(id, null);
    if (!row || !row.letter_media_type || !mayReadLetter({ agencyId: row.agency_id }, user)) {
      throw new ReviewException(ReviewErrorCode.LETTER_NOT_FOUND);
    }
    const stored = await this.reviews.letterContent(id);
    if (!stored) throw new ReviewException(ReviewErrorCode.LETTER_NOT_FOUND);
    return {
      content: stored.content,
      contentType: stored.media_type,
      fileName: letterDownloadName(row, stored.media_type),
    };
  }

  /**
   * A new due day (SECRETARIAT), with its reason kept in the history: planned reminders are
   * cancelled and the schedule planned again from the new day (new reminder rows, new job ids).
   */
  async changeDueDate(user: AuthUser, id: string, dto: DueDateDto): Promise<ReviewDetailView> {
    const zone = this.env.APP_TIMEZONE;
    const to = isCalendarDay(dto.dueAt) ? dto.dueAt : calendarDayIn(new Date(dto.dueAt), zone);
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const current = await this.reviews.lockForDueDateChange(manager, id);
      if (!current) throw new ReviewException(ReviewErrorCode.REVIEW_NOT_FOUND);
      if (current.status !== 'PENDING') {
        throw new ReviewException(ReviewErrorCode.REVIEW_NOT_PENDING, { status: current.status }, [
          closedDetail(current.status),
        ]);
      }
      const today = this.today();
      const problems = [];
      if (to < today) {
        problems.push(
          detail('DUE_DATE_PAST', { day: to, today }, { code: 'DUE_DATE_PAST', field: 'dueAt' }),
        );
      }
      if (to === current.due_date) {
        problems.push(
          detail('DUE_DATE_UNCHANGED', { day: to }, { code: 'DUE_DATE_UNCHANGED', field: 'dueAt' }),
        );
      }
      if (problems.length) {
        throw new ReviewException(ReviewErrorCode.DUE_DATE_REFUSED, {}, problems);
      }
      const changeId = await this.reviews.changeDueDate(manager, {
        id,
        from: current.due_date,
        to,
        reason: dto.reason,
        changedBy: user.id,
      });
      const gone = await this.planner.cancelForRequests(manager, [id]);
      await this.planner.planForRequest(manager, id, to, new Date());
      await this.tellDueDateMoved(manager, id, current, to, changeId);
      return gone;
    });
    await this.planner.removeJobs(cancelled);
    return this.get(user, id);
  }

  /**
   * A new answer link for the agency (SECRETARIAT): every link sent before stops working and the
   * request is e-mailed again to the agency's contact address with a fresh one. 409 once answered
   * or withdrawn; 422 when the agency has no contact address.
   */
  async reissueLink(user: AuthUser, id: string): Promise<ReviewDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.reviews.lockForDueDateChange(manager, id);
      if (!current) throw new ReviewException(ReviewErrorCode.REVIEW_NOT_FOUND);
      if (current.status !== 'PENDING') throw notOpen(current.status);
      const guideline = await this.facts.guideline(manager, current.guideline_id);
      const agency = await this.facts.agency(manager, current.agency_id);
      if (!guideline || !agency) throw new ReviewException(ReviewErrorCode.REVIEW_NOT_FOUND);
      if (!agency.email || !this.notifier.emailEnabled) {
        throw new ReviewException(ReviewErrorCode.LINK_NOT_SENT, {}, [
          agency.email
            ? detail('EMAIL_OFF', {}, { code: 'EMAIL_OFF' })
            : detail('AGENCY_HAS_NO_ADDRESS', agency.name, { code: 'AGENCY_HAS_NO_ADDRESS' }),
        ]);
      }
      await this.links.revokeAll(manager, [id], 'REISSUED');
      await this.mailbox.write(manager, {
        kind: NotificationKind.REVIEW_REQUESTED,
        dedupeKey: `link-reissued-${randomUUID()}`,
        reviewRequestId: id,
        agencyId: agency.id,
        context: { guideline, dueDate: current.due_date, versionNumber: current.version_number },
      });
    });
    return this.get(user, id);
  }

  /** The agency (its address and its reviewers) learns of the new due day. */
  private async tellDueDateMoved(
    manager: EntityManager,
    id: string,
    current: { guideline_id: string; agency_id: string; version_number: number },
    to: string,
    changeId: string,
  ): Promise<void> {
    const guideline = await this.facts.guideline(manager, current.guideline_id);
    const agency = await this.facts.agency(manager, current.agency_id);
    if (!guideline || !agency) return;
    const context = { guideline, dueDate: to, versionNumber: current.version_number };
    await this.mailbox.write(manager, {
      kind: NotificationKind.REVIEW_DUE_DATE_CHANGED,
      dedupeKey: `due-date-${changeId}`,
      reviewRequestId: id,
      agencyId: agency.id,
      context,
    });
    await this.notifier.announce(
      manager,
      await this.recipients.reviewersOfAgency(manager, agency.id),
      {
        kind: NotificationKind.REVIEW_DUE_DATE_CHANGED,
        dedupeKey: `due-date-${changeId}`,
        guidelineId: guideline.id,
        context: { ...context, agency, link: this.notifier.link(`/reviews/${id}`) },
        data: { reviewRequestId: id },
      },
    );
  }

  private async detail(
    row: ReviewRow,
    user: AuthUser,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReviewDetailView> {
    // One after the other: a transaction's connection runs one query at a time.
    const reminders = await this.reminders.listForRequest(manager, row.id);
    const changes = await this.reviews.dueDateChanges(row.id, manager);
    const links = await this.links.summary(manager, row.id);
    return {
      answerLink: {
        lastIssuedAt: links.last_issued_at ? iso(links.last_issued_at) : null,
        lastOpenedAt: links.last_opened_at ? iso(links.last_opened_at) : null,
        active: links.active,
        mayReissue: mayReissueLink(row, user),
      },
      ...this.toView(row, this.today(), user),
      reminders: reminders.map((r) => ({
        kind: r.kind,
        plannedAt: iso(r.planned_at),
        state: r.state,
        sentAt: r.sent_at ? iso(r.sent_at) : null,
      })),
      dueDateChanges: changes.map((c) => ({
        from: c.from_date,
        to: c.to_date,
        reason: c.reason,
        changedBy: { id: c.changed_by, name: c.changed_by_name },
        changedAt: iso(c.changed_at),
      })),
    };
  }

  private toView(row: ReviewRow, today: string, user: AuthUser): ReviewView {
    const status = reviewStatus(row.status, row.due_date, today);
    return {
      id: row.id,
      guideline: {
        id: row.guideline_id,
        code: row.guideline_code,
        title: { en: row.title_en, lo: row.title_lo },
      },
      versionNumber: row.version_number,
      agency: {
        id: row.agency_id,
        code: row.agency_code,
        name: { en: row.agency_name_en, lo: row.agency_name_lo },
      },
      dueDate: row.due_date,
      status,
      requestedAt: iso(row.requested_at),
      answer:
        row.status === 'ANSWERED' && row.decision && row.answered_at
          ? {
              decision: row.decision,
              comments: row.response_comments ?? '',
              signatory: { name: row.signatory_name ?? '', title: row.signatory_title ?? '' },
              answeredBy: row.answered_by
                ? { id: row.answered_by, name: row.answered_by_name ?? '' }
                : null,
              through: row.answered_through ?? 'ACCOUNT',
              answeredAt: iso(row.answered_at),
              letter: letterOf(row),
            }
          : null,
      withdrawn: row.withdrawn_at
        ? {
            at: iso(row.withdrawn_at),
            reason: moveReasonFor(readerScope(user), row.withdrawn_reason),
          }
        : null,
      yourActions: reviewActions(
        { agencyId: row.agency_id, status: row.status, hasLetter: row.letter_sha256 !== null },
        user,
      ),
    };
  }
}

/** A letter as the download gives it. */
export interface LetterFile {
  content: Buffer;
  contentType: LetterMediaType;
  fileName: string;
}

/** The facts of a request's signed letter, as the views show them; null without one. */
export function letterOf(row: ReviewRow): LetterView | null {
  if (!row.letter_media_type || row.letter_sha256 === null) return null;
  return {
    fileName: row.letter_file_name ?? '',
    mediaType: row.letter_media_type,
    size: Number(row.letter_size),
    sha256: row.letter_sha256,
  };
}

/**
 * The download's name, from the record (guideline, version, agency) and the type the content
 * is; never the sender's own file name, which may say anything.
 */
function letterDownloadName(row: ReviewRow, mediaType: LetterMediaType): string {
  return `${row.guideline_code}-v${row.version_number}-${row.agency_code}-signed-letter.${letterExtension(mediaType)}`;
}

/** An answer needs words unless it approves outright (the same rule for an account and a link). */
export function assertCommentsGiven(dto: ReviewResponseDto): void {
  if (dto.decision !== 'APPROVE' && !dto.comments.trim()) {
    throw new ReviewException(ReviewErrorCode.COMMENTS_REQUIRED, {}, [
      detail('COMMENTS_REQUIRED_DETAIL', { decision: dto.decision }, { field: 'comments' }),
    ]);
  }
}

/** 409: a request already answered or withdrawn takes no answer (the state is stale, not the input). */
export function notOpen(status: 'ANSWERED' | 'WITHDRAWN' | 'PENDING'): ReviewException {
  return new ReviewException(
    status === 'WITHDRAWN' ? ReviewErrorCode.REVIEW_WITHDRAWN : ReviewErrorCode.REVIEW_ANSWERED,
    {},
    [closedDetail(status)],
  );
}

/** Why a request takes no answer: its code names its state (REVIEW_ANSWERED or REVIEW_WITHDRAWN). */
function closedDetail(status: 'ANSWERED' | 'WITHDRAWN' | 'PENDING') {
  const code = status === 'WITHDRAWN' ? 'REVIEW_WITHDRAWN' : 'REVIEW_ANSWERED';
  return detail('REVIEW_STATUS_DETAIL', { status }, { code });
}
