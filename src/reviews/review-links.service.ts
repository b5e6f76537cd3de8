import { reviewStatus } from '../court/review-status';
import { Injectable } from '@nestjs/common';
import { agencyReader } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewErrorCode, ReviewException } from './review.exception';
import { Env } from '../config/env';
import { calendarDayIn } from '../court/zoned-time';
import { DocumentsService, RenderedDocument } from '../documents/documents.service';
import { ReminderPlanner } from '../reminders/reminder-planner.service';
import { AnswerLinksRepository, ResolvedLink } from './answer-links.repository';
import { LinkReviewView, ReviewResponseDto } from './review.dto';
import { ReviewRow, ReviewsRepository } from './reviews.repository';
import { assertCommentsGiven, letterOf, notOpen } from './reviews.service';
import { checkLetter } from './review-letter';
import type { Upload } from '../common/upload';

/**
 * What the holder of an agency's answer link may do, without an account: read the request and
 * its version, download the version, answer once. An unknown, expired or revoked token is the same
 * 404 (a link revoked by the answer itself says 409 to a second answer, as the account route does).
 */
@Injectable()
export class ReviewLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: AnswerLinksRepository,
    private readonly reviews: ReviewsRepository,
    private readonly planner: ReminderPlanner,
    private readonly documents: DocumentsService,
    private readonly env: Env,
  ) {}

  async view(token: string): Promise<LinkReviewView> {
    const manager = this.dataSource.manager;
    const link = await this.usable(manager, token);
    await this.links.touch(manager, link.link_id);
    return this.toView(manager, link.review_request_id);
  }

  async document(token: string): Promise<RenderedDocument> {
    const link = await this.usable(this.dataSource.manager, token);
    const row = (await this.reviews.findVisible(link.review_request_id, null))!;
    return this.documents.render(
      row.guideline_id,
      row.version_number,
      'docx',
      agencyReader(row.agency_id),
    );
  }

  async respond(
    token: string,
    dto: ReviewResponseDto,
    letterFile: Upload | undefined,
  ): Promise<LinkReviewView> {
    assertCommentsGiven(dto);
    // Checked before anything is written: a refused letter leaves the request unanswered.
    const letter = letterFile ? await checkLetter(letterFile) : null;
    const cancelled = await this.dataSource.transaction(async (manager) => {
      // The request's row is locked: an answer by an account and one by the link serialise.
      const link = await this.links.resolve(manager, token, this.env.APP_TIMEZONE, true);
      if (!link || (link.revoked_reason && link.revoked_reason !== 'ANSWERED')) throw gone();
      const row = (await this.reviews.findVisible(link.review_request_id, null, manager))!;
      if (row.status === 'WITHDRAWN') throw gone();
      const answered = await this.reviews.answer(manager, row.id, row.agency_id, {
        decision: dto.decision,
        comments: dto.comments,
        signatoryName: dto.signatory.name,
        signatoryTitle: dto.signatory.title,
        answeredBy: null,
      });
      if (!answered) throw notOpen(row.status);
      if (letter) await this.reviews.attachLetter(manager, row.id, letter);
      await this.links.revokeAll(manager, [row.id], 'ANSWERED');
      return this.planner.cancelForRequests(manager, [row.id]);
    });
    await this.planner.removeJobs(cancelled);
    const link = await this.links.resolve(this.dataSource.manager, token, this.env.APP_TIMEZONE);
    return this.toView(this.dataSource.manager, link!.review_request_id);
  }

  /**
   * Before an answer's body is read (a form may carry a 10 MB letter): 404 for a token that takes
   * no answer, so nobody without a working link makes the service read a file; 409 for a link its
   * own answer revoked, as the answer would say. The answer checks again, under the lock.
   */
  async assertMayAnswer(token: string): Promise<void> {
    const link = await this.links.resolve(this.dataSource.manager, token, this.env.APP_TIMEZONE);
    if (!link || (link.revoked_reason && link.revoked_reason !== 'ANSWERED')) throw gone();
    if (link.revoked_reason === 'ANSWERED') throw notOpen('ANSWERED');
  }

  /** The link when it works (not revoked, not expired); 404 otherwise. */
  private async usable(manager: EntityManager, token: string): Promise<ResolvedLink> {
    const link = await this.links.resolve(manager, token, this.env.APP_TIMEZONE);
    if (!link || link.revoked_reason) throw gone();
    return link;
  }

  private async toView(manager: EntityManager, reviewRequestId: string): Promise<LinkReviewView> {
    const row: ReviewRow = (await this.reviews.findVisible(reviewRequestId, null, manager))!;
    const facts = await this.reviews.linkFacts(manager, row.id, row.agency_id);
    const sections = await this.reviews.sectionsUnderReview(manager, row.id);
    const today = calendarDayIn(new Date(), this.env.APP_TIMEZONE);
    return {
      guideline: { code: row.guideline_code, title: { en: row.title_en, lo: row.title_lo } },
      versionNumber: row.version_number,
      contentHash: facts.content_hash,
      dueDate: row.due_date,
      agency: {
        code: row.agency_code,
        name: { en: row.agency_name_en, lo: row.agency_name_lo },
        locale: facts.locale,
      },
      // A link of a withdrawn request answers 404 before this: what is left is one of the three.
      status: reviewStatus(row.status, row.due_date, today) as 'PENDING' | 'OVERDUE' | 'ANSWERED',
      answer:
        row.status === 'ANSWERED' && row.decision && row.answered_at
          ? {
              decision: row.decision,
              comments: row.response_comments ?? '',
              signatory: { name: row.signatory_name ?? '', title: row.signatory_title ?? '' },
              answeredAt: new Date(row.answered_at).toISOString(),
              letter: letterOf(row),
            }
          : null,
      sections: sections.map((s) => ({
        key: s.key,
        kind: s.kind,
        heading: s.heading,
        body: s.body,
        indicatorCode: s.indicator_code,
      })),
    };
  }
}

/** The one answer for a token that does not work, whatever the reason. */
function gone(): ReviewException {
  return new ReviewException(ReviewErrorCode.REVIEW_LINK_NOT_FOUND);
}
