import { CommentErrorCode, CommentException } from './comment.exception';
import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { Injectable } from '@nestjs/common';
import { readerScope } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../court/roles';
import { detail } from '../common/app-error';
import { GuidelinesRepository, LockedGuideline } from '../guidelines/guidelines.repository';
import { VersionsRepository } from '../guidelines/versions.repository';
import { JOB } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import {
  commentPermissions,
  CommentPermissions,
  commentRefusal,
  DISPOSITIONS_FROZEN_IN,
  stagesOpenTo,
  takesNewComments,
} from '../court/comment-rules';
import { Role } from '../court/roles';
import { Stage } from '../court/stage';
import { carryOverChecker } from './carry-over';
import { commentReasons, quoteOccursIn, refused } from './comment-reasons';
import { Comment } from './comment.entity';
import {
  CommentDetailView,
  CommentListView,
  CommentQuery,
  CommentView,
  CreateCommentDto,
  DispositionDto,
  UpdateCommentDto,
} from './comment.dto';
import { commentView, dispositionHistoryView, NONE_IN_DRAFT, revisionView } from './comment-views';
import { DraftingService } from '../drafting/drafting.service';
import { draftingReasons } from '../drafting/drafting-reasons';
import { DraftingException } from '../drafting/drafting.exception';
import { CommentsRepository } from './comments.repository';
import { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Page } from '../common/pagination';
import { CommentInsertBatch } from './comment-insert-batch';

/** Replies a comment's detail carries; the rest come a page at a time (`repliesNext`). */
export const REPLIES_IN_DETAIL = 100;

@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesRepository,
    private readonly versions: VersionsRepository,
    private readonly comments: CommentsRepository,
    private readonly outbox: OutboxWriter,
    private readonly drafting: DraftingService,
    private readonly idempotency: IdempotentWrites,
    private readonly batch: CommentInsertBatch,
  ) {}

  /**
   * A top-level comment on the current version, or a reply in a thread of any version, while the
   * stage lets this person comment. The guideline row is share-locked so a stage move or a new
   * version cannot slip in between the checks and the insert. A top-level comment in one's own
   * name is first tried in a single statement holding the same rules (insertAllowed, which
   * CommentInsertBatch shares among concurrent requests), held to insertChecked on every
   * combination of the rules' facts by test/comment-insert-agreement.e2e-spec.ts.
   */
  async create(
    guidelineId: string,
    number: number,
    dto: CreateCommentDto,
    actor: AuthUser,
    idempotent: IdempotentRequest | null = null,
  ): Promise<CommentView> {
    const spokenBy = spokenByOf(dto);
    if (dto.eventId && !spokenBy) {
      throw new CommentException(CommentErrorCode.EVENT_NEEDS_SPEAKER, {}, [
        detail('EVENT_NEEDS_SPEAKER_DETAIL', {}, { field: 'eventId' }),
      ]);
    }
    const suggestion = dto.suggestion?.text ?? null;
    if (suggestion !== null) {
      if (dto.parentId) {
        throw refused(commentReasons.suggestionOnReply(), { field: 'suggestion' });
      }
      if (suggestion.trim() === '' && dto.quote === undefined) {
        throw refused(commentReasons.suggestionEmpty(), { field: 'suggestion.text' });
      }
    }
    if (idempotent) {
      // The key is claimed and the answer stored in the comment's own transaction.
      return this.idempotency.transaction(idempotent, async (manager) => {
        const row = await this.insertChecked(
          manager,
          guidelineId,
          number,
          dto,
          actor,
          spokenBy,
          suggestion,
        );
        return commentView(row, actor.locale, afterWriting(row, actor));
      });
    }
    // The one-statement path stores no suggestion: a comment with one takes the full path.
    if (!dto.parentId && !spokenBy && dto.sectionKey !== undefined && suggestion === null) {
      // The common case in one statement; when a rule fails, the full check below says which.
      const openStages = stagesOpenTo(actor);
      const inserted = openStages.length
        ? await this.batch.insert({
            guidelineId,
            versionNumber: number,
            sectionKey: dto.sectionKey,
            authorId: actor.id,
            body: dto.body,
            quote: dto.quote ?? null,
            openStages,
          })
        : null;
      if (inserted) return commentView(inserted, actor.locale, afterWriting(inserted, actor));
    }
    const row = await this.dataSource.transaction((manager) =>
      this.insertChecked(manager, guidelineId, number, dto, actor, spokenBy, suggestion),
    );
    // Answered from the inserted row: a re-read after the commit would cost another round trip.
    return commentView(row, actor.locale, afterWriting(row, actor));
  }

  /** The full check and insert of a comment or reply, in the caller's transaction. */
  private async insertChecked(
    manager: EntityManager,
    guidelineId: string,
    number: number,
    dto: CreateCommentDto,
    actor: AuthUser,
    spokenBy: ReturnType<typeof spokenByOf>,
    suggestion: string | null,
  ) {
    // The parent's thread, section and version never change, so it may be read before the
    // lock; it tells which section to read with the guideline. Errors keep their order below.
    const scope = readerScope(actor);
    const parent = dto.parentId ? await this.comments.findView(dto.parentId, scope, manager) : null;
    const sectionKey = parent ? parent.section_key : (dto.sectionKey ?? null);
    const target = await this.comments.lockTarget(manager, guidelineId, number, sectionKey, scope);
    if (!target) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const { guideline } = target;
    if (!target.versionId) throw new GuidelineException(GuidelineErrorCode.VERSION_NOT_FOUND);

    if (dto.parentId) {
      if (!parent || parent.guideline_id !== guidelineId) {
        throw refused(commentReasons.parentNotFound(), { field: 'parentId' });
      }
      if (parent.deleted_at) throw refused(commentReasons.parentDeleted(), { field: 'parentId' });
      if (parent.version_number !== number) {
        throw refused(commentReasons.parentOnOtherVersion(parent.version_number, number), {
          field: 'parentId',
        });
      }
      if (dto.sectionKey !== undefined && dto.sectionKey !== parent.section_key) {
        throw refused(commentReasons.sectionMismatch(parent.section_key), { field: 'sectionKey' });
      }
    }

    await this.assertMayComment(manager, guideline, actor, spokenBy !== null);
    if (dto.eventId) await this.assertEventOfGuideline(manager, dto.eventId, guidelineId);
    if (!parent && !takesNewComments(number, guideline.current_version_number)) {
      throw refused(
        commentReasons.versionNotCurrent(number, guideline.current_version_number ?? 0),
      );
    }

    const section = target.section;
    if (!section) {
      throw refused(commentReasons.unknownSection(number, sectionKey!), { field: 'sectionKey' });
    }
    if (dto.quote != null && !quoteOccursIn(dto.quote, section)) {
      throw refused(commentReasons.quoteNotFound(sectionKey!), { field: 'quote' });
    }

    const threadId = parent ? (parent.parent_id ?? parent.id) : null;
    const inserted = await this.comments.insertOrExplain(manager, {
      guidelineId,
      versionId: target.versionId,
      versionNumber: number,
      sectionKey: sectionKey!,
      parentId: threadId,
      inReplyToId: parent && parent.parent_id ? parent.id : null,
      authorId: actor.id,
      body: dto.body,
      quote: dto.quote ?? null,
      suggestion,
      stage: guideline.stage,
      spokenByName: spokenBy?.name ?? null,
      spokenByInstitution: spokenBy?.institution ?? null,
      eventId: dto.eventId ?? null,
    });
    if (parent) {
      await this.outbox.enqueue(manager, {
        name: JOB.COMMENT_REPLIED,
        jobId: `reply-${inserted.id}`,
        payload: {
          guidelineId,
          commentId: inserted.id,
          parentId: parent.id,
          parentAuthorId: parent.author_id,
          replyAuthorId: actor.id,
        },
      });
    }
    return inserted;
  }

  /**
   * A page of a version's top-level comments. Fixed cost: one query for the guideline and
   * versions, one for the page (reply counts aggregated inside it), and, when a newer version
   * exists, one for the sections of both versions to tell each comment what became of its section.
   */
  async listForVersion(
    guidelineId: string,
    number: number,
    query: CommentQuery,
    actor: AuthUser,
  ): Promise<CommentListView> {
    const scope = readerScope(actor);
    const found = await this.versions.findGuidelineVersions(
      guidelineId,
      [number],
      scope,
      undefined,
      {
        withCurrent: true,
      },
    );
    if (!found.guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const version = found.versions.find((v) => v.number === number);
    if (!version) throw new GuidelineException(GuidelineErrorCode.VERSION_NOT_FOUND);
    const page = await this.comments.pageForVersion(version.id, scope, query);
    const inDraft = page.items.some((row) => row.suggestion !== null)
      ? await this.drafting.suggestionsInDraft(guidelineId)
      : NONE_IN_DRAFT;
    const may = await this.permissions(found.guideline, actor);
    const items = page.items.map((row) => commentView(row, actor.locale, may, inDraft));

    const latest = found.versions.find((v) => v.number === found.guideline!.current_version_number);
    if (latest && latest.number > number && items.length) {
      const contents = await this.versions.sectionContents([version.id, latest.id]);
      const check = carryOverChecker(
        contents.get(version.id)!,
        contents.get(latest.id)!,
        latest.number,
      );
      for (const item of items) item.carryOver = check(item);
    }
    return { items, next: page.next };
  }

  async get(id: string, actor: AuthUser): Promise<CommentDetailView> {
    const scope = readerScope(actor);
    const row = await this.comments.findView(id, scope);
    if (!row || row.deleted_at) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    const [revisions, dispositions, replies, inDraft, found] = await Promise.all([
      this.comments.revisions(id),
      this.comments.dispositions(id),
      row.parent_id
        ? Promise.resolve({ items: [], next: null })
        : this.comments.replies(id, scope, REPLIES_IN_DETAIL),
      row.suggestion !== null
        ? this.drafting.suggestionsInDraft(row.guideline_id)
        : Promise.resolve(NONE_IN_DRAFT),
      this.versions.findGuidelineVersions(row.guideline_id, [], scope),
    ]);
    if (!found.guideline) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    const may = await this.permissions(found.guideline, actor);
    return {
      ...commentView(row, actor.locale, may, inDraft),
      revisions: revisions.map(revisionView),
      dispositions: dispositions.map(dispositionHistoryView),
      replies: replies.items.map((r) => commentView(r, actor.locale, may)),
      repliesNext: replies.next,
    };
  }

  /** The next page of a thread's replies (`repliesNext` of the comment, then `next`). */
  async replies(
    id: string,
    actor: AuthUser,
    limit: number,
    cursor?: string,
  ): Promise<Page<CommentView>> {
    const scope = readerScope(actor);
    const row = await this.comments.findView(id, scope);
    if (!row || row.deleted_at) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    const [page, found] = await Promise.all([
      row.parent_id
        ? Promise.resolve({ items: [], next: null })
        : this.comments.replies(id, scope, limit, cursor),
      this.versions.findGuidelineVersions(row.guideline_id, [], scope),
    ]);
    if (!found.guideline) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    const may = await this.permissions(found.guideline, actor);
    return { items: page.items.map((r) => commentView(r, actor.locale, may)), next: page.next };
  }

  /** The author edits while no disposition exists and the stage still lets them comment; the old text is kept. */
  async edit(id: string, dto: UpdateCommentDto, actor: AuthUser): Promise<CommentDetailView> {
    if (dto.body === undefined && dto.quote === undefined) {
      throw new CommentException(CommentErrorCode.NOTHING_TO_CHANGE, {}, [
        detail('NOTHING_TO_CHANGE_DETAIL', {}, { field: 'body' }),
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const comment = await this.lockOwnComment(manager, id, actor);
      const body = dto.body ?? comment.body;
      const quote = dto.quote === undefined ? comment.quote : dto.quote;
      if (body === comment.body && quote === comment.quote) return;
      if (quote !== null && quote !== comment.quote) {
        const section = await this.comments.section(manager, comment.versionId, comment.sectionKey);
        if (!section || !quoteOccursIn(quote, section)) {
          throw refused(commentReasons.quoteNotFound(comment.sectionKey), { field: 'quote' });
        }
      }
      await this.comments.replaceText(manager, comment, { body, quote }, actor.id);
    });
    return this.get(id, actor);
  }

  /** Soft delete by the author, under the same conditions as an edit. */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockOwnComment(manager, id, actor);
      await this.comments.softDelete(manager, id);
    });
  }

  /**
   * The secretariat's decision on a top-level comment: appended to the history, copied onto the
   * comment with the guideline's current version, and announced to the author through the outbox.
   * `expectedStatus` must be the status it replaces (409 otherwise); the same decision again is
   * answered as it stands, with nothing recorded or sent.
   */
  async dispose(id: string, dto: DispositionDto, actor: AuthUser): Promise<CommentDetailView> {
    if (dto.applySuggestion && dto.status !== 'ACCEPTED' && dto.status !== 'PARTIALLY_ACCEPTED') {
      throw DraftingException.because(draftingReasons.applyNeedsAcceptance(), {
        field: 'applySuggestion',
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const known = await this.comments.findView(id, readerScope(actor), manager);
      if (!known) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
      const guideline = await this.guidelines.lockShared(manager, known.guideline_id);
      const comment = await this.comments.lockForChange(manager, id);
      if (!guideline || !comment) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
      if (comment.deletedAt) throw refused(commentReasons.commentDeleted());
      if (comment.parentId) throw refused(commentReasons.notTopLevel());
      if (DISPOSITIONS_FROZEN_IN.includes(guideline.stage)) {
        throw refused(commentReasons.dispositionsFrozen(guideline.stage));
      }
      if (dto.applySuggestion) {
        // Written into the draft first: when the words cannot go in, nothing is recorded.
        if (comment.suggestion === null) {
          throw DraftingException.because(draftingReasons.noSuggestion(), {
            field: 'applySuggestion',
          });
        }
        if (known.suggestion_applied_in !== null) {
          throw DraftingException.because(
            draftingReasons.alreadyApplied(known.suggestion_applied_in),
          );
        }
        await this.drafting.applySuggestionIn(
          manager,
          guideline,
          {
            commentId: id,
            sectionKey: comment.sectionKey,
            quote: comment.quote,
            text: comment.suggestion,
          },
          actor,
        );
      }
      // Checked under the comment's row lock, so two people deciding at once cannot both pass.
      // After the suggestion's own conflicts, whose reasons say more; throwing here also undoes
      // the draft's change above.
      const expected = dto.expectedStatus ?? null;
      if (comment.dispositionStatus !== expected) {
        throw refused(commentReasons.dispositionChanged(expected, comment.dispositionStatus), {
          field: 'expectedStatus',
          currentStatus: comment.dispositionStatus,
        });
      }
      const response = dto.response ?? null;
      // Saving the decision as it stands changes nothing: no new entry, nobody told again.
      if (
        !dto.applySuggestion &&
        comment.dispositionStatus === dto.status &&
        comment.dispositionResponse === response
      ) {
        return;
      }
      const dispositionId = await this.comments.recordDisposition(manager, {
        commentId: id,
        status: dto.status,
        response,
        versionNumber: guideline.current_version_number,
        decidedBy: actor.id,
      });
      await this.outbox.enqueue(manager, {
        name: JOB.DISPOSITION_GIVEN,
        jobId: `disposition-${dispositionId}`,
        payload: {
          guidelineId: comment.guidelineId,
          commentId: id,
          dispositionId,
          authorId: comment.authorId,
          status: dto.status,
        },
      });
    });
    return this.get(id, actor);
  }

  /** What the caller may do on the guideline's comments in its present stage. */
  private async permissions(
    guideline: { id: string; stage: Stage },
    actor: AuthUser,
  ): Promise<CommentPermissions> {
    // The agencies asked matter only to an agency reviewer in interagency review.
    const reviewAgencyIds =
      guideline.stage === Stage.INTERAGENCY_REVIEW && actor.role === Role.AGENCY_REVIEWER
        ? await this.comments.reviewAgencyIds(this.dataSource.manager, guideline.id)
        : [];
    return commentPermissions(
      {
        stage: guideline.stage,
        role: actor.role,
        committees: actor.committees,
        agencyId: actor.agencyId,
        reviewAgencyIds,
      },
      actor.id,
    );
  }

  /** reviewAgencyIds matter only in interagency review: read them only then. */
  private async assertMayComment(
    manager: EntityManager,
    guideline: LockedGuideline,
    actor: AuthUser,
    onBehalf: boolean,
  ): Promise<void> {
    const reviewAgencyIds =
      guideline.stage === Stage.INTERAGENCY_REVIEW
        ? await this.comments.reviewAgencyIds(manager, guideline.id)
        : [];
    const refusal = commentRefusal({
      stage: guideline.stage,
      role: actor.role,
      committees: actor.committees,
      agencyId: actor.agencyId,
      reviewAgencyIds,
      onBehalf,
    });
    if (refusal) throw refused(refusal);
  }

  /** A comment gathered at an event belongs to the guideline that event was about. */
  private async assertEventOfGuideline(
    manager: EntityManager,
    eventId: string,
    guidelineId: string,
  ): Promise<void> {
    const eventGuidelineId = await this.comments.eventGuidelineId(manager, eventId);
    if (eventGuidelineId === null) {
      throw refused(commentReasons.unknownEvent(), { field: 'eventId' });
    }
    if (eventGuidelineId !== guidelineId) {
      throw refused(commentReasons.eventOfAnotherGuideline(), { field: 'eventId' });
    }
  }

  /** Locks a comment its author wants to change: it must be theirs, alive, unanswered, and the stage open to them. */
  private async lockOwnComment(
    manager: EntityManager,
    id: string,
    actor: AuthUser,
  ): Promise<Comment> {
    const known = await this.comments.findView(id, readerScope(actor), manager);
    if (!known || known.deleted_at) throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    const guideline = await this.guidelines.lockShared(manager, known.guideline_id);
    const comment = await this.comments.lockForChange(manager, id);
    if (!guideline || !comment || comment.deletedAt)
      throw new CommentException(CommentErrorCode.COMMENT_NOT_FOUND);
    if (comment.authorId !== actor.id) throw refused(commentReasons.notTheAuthor());
    if (comment.dispositionStatus) throw refused(commentReasons.hasDisposition());
    await this.assertMayComment(manager, guideline, actor, comment.spokenByName !== null);
    return comment;
  }
}

/**
 * What the author of a comment just written may do on it: the write passed the rules in the stage
 * it records, so an agency reviewer who wrote it was asked in this review.
 */
function afterWriting(row: { stage: Stage }, actor: AuthUser): CommentPermissions {
  return commentPermissions(
    {
      stage: row.stage,
      role: actor.role,
      committees: actor.committees,
      agencyId: actor.agencyId,
      reviewAgencyIds: actor.agencyId ? [actor.agencyId] : [],
    },
    actor.id,
  );
}

/**
 * The participant a comment is recorded for, or null. Only a non-empty name makes a comment
 * "on behalf": anything else must not let the secretariat comment in its own name.
 */
function spokenByOf(dto: CreateCommentDto): { name: string; institution: string | null } | null {
  const name = dto.onBehalfOf?.name;
  if (typeof name !== 'string' || name.length === 0) return null;
  return { name, institution: dto.onBehalfOf?.institution ?? null };
}
