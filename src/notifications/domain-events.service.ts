import { Injectable } from '@nestjs/common';
import { readerScope, readsCommentOf } from '../court/reader-scope';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CommentRepliedPayload,
  DispositionGivenPayload,
  StageChangedPayload,
} from '../queues/queues';
import { Stage } from '../court/stage';
import { MessageFactsRepository } from './message-facts.repository';
import { Notifier } from './notifier.service';
import { RecipientsRepository } from './recipients.repository';
import { NotificationKind } from './templates';

/**
 * Domain events (written to the outbox by the transaction that made the change) become
 * notifications. Each handler is idempotent through its dedupe key: running an event twice
 * tells nobody twice.
 */
@Injectable()
export class DomainEventNotices {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly recipients: RecipientsRepository,
    private readonly facts: MessageFactsRepository,
  ) {}

  /**
   * Judges who may comment in the stage just entered are told so (with the close date, if the
   * stage has one); the other followers of the guideline (see RecipientsRepository.followersOf)
   * are told it moved. Nobody gets both, and the one who moved it gets neither.
   */
  stageChanged(event: StageChangedPayload): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const guideline = await this.facts.guideline(manager, event.guidelineId);
      if (!guideline) return [];
      const stage = event.to as Stage;
      // Once the guideline has moved on again, the stage is no longer open: nobody is invited.
      const commenters =
        guideline.stage === stage
          ? (await this.recipients.judgesWhoMayComment(manager, stage)).filter(
              (r) => r.id !== event.actorId,
            )
          : [];
      const invited = new Set(commenters.map((r) => r.id));
      const followers = (await this.recipients.followersOf(manager, event.guidelineId)).filter(
        (r) => r.id !== event.actorId && !invited.has(r.id),
      );
      const toComment = await this.notifier.announce(manager, commenters, {
        kind: NotificationKind.COMMENTS_OPEN,
        dedupeKey: `comments-open-${event.transitionId}`,
        guidelineId: guideline.id,
        context: {
          guideline,
          stage,
          versionNumber: event.versionNumber ?? undefined,
          closesAt:
            (await this.facts.closesAtOfTransition(manager, event.transitionId)) ?? undefined,
          link: this.notifier.link(`/guidelines/${guideline.id}`),
        },
        data: { transitionId: event.transitionId, to: event.to },
      });
      const moved = await this.notifier.announce(manager, followers, {
        kind: NotificationKind.STAGE_CHANGED,
        dedupeKey: `stage-${event.transitionId}`,
        guidelineId: guideline.id,
        context: {
          guideline,
          stage: event.to as Stage,
          fromStage: event.from as Stage,
          link: this.notifier.link(`/guidelines/${guideline.id}`),
        },
        data: { transitionId: event.transitionId, from: event.from, to: event.to },
      });
      return [...toComment, ...moved];
    });
  }

  /** The comment's author, unless they recorded the disposition themselves. */
  dispositionGiven(event: DispositionGivenPayload): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const guideline = await this.facts.guideline(manager, event.guidelineId);
      if (!guideline) return [];
      if ((await this.facts.dispositionDecider(manager, event.dispositionId)) === event.authorId) {
        return [];
      }
      return this.notifier.announce(
        manager,
        await this.recipients.byIds(manager, [event.authorId]),
        {
          kind: NotificationKind.DISPOSITION_GIVEN,
          dedupeKey: `disposition-${event.dispositionId}`,
          guidelineId: guideline.id,
          context: {
            guideline,
            dispositionStatus: event.status,
            link: this.notifier.link(`/guidelines/${guideline.id}/comments/${event.commentId}`),
          },
          data: { commentId: event.commentId, status: event.status },
        },
      );
    });
  }

  /**
   * The parent comment's author, unless they replied to themselves or may not read the reply (an
   * agency reviewer reads its own agency's comments only: a judge's reply stays inside the court).
   */
  commentReplied(event: CommentRepliedPayload): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      if (event.parentAuthorId === event.replyAuthorId) return [];
      const reader = await this.facts.readerOf(manager, event.parentAuthorId);
      const replier = await this.facts.readerOf(manager, event.replyAuthorId);
      if (!reader || !readsCommentOf(readerScope(reader), replier?.agencyId ?? null)) return [];
      const guideline = await this.facts.guideline(manager, event.guidelineId);
      if (!guideline) return [];
      const actorName = (await this.facts.userName(manager, event.replyAuthorId)) ?? '';
      return this.notifier.announce(
        manager,
        await this.recipients.byIds(manager, [event.parentAuthorId]),
        {
          kind: NotificationKind.COMMENT_REPLIED,
          dedupeKey: `reply-${event.commentId}`,
          guidelineId: guideline.id,
          context: {
            guideline,
            actorName,
            link: this.notifier.link(`/guidelines/${guideline.id}/comments/${event.parentId}`),
          },
          data: { commentId: event.commentId, parentId: event.parentId },
        },
      );
    });
  }
}
