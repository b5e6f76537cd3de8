import { GuidelineErrorCode, GuidelineException } from '../guidelines/guideline.exception';
import { IdempotentWrites } from '../idempotency/idempotent-writes';
import { historyEntryFor, readerScope } from '../court/reader-scope';
import type { IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, Locale } from '../court/roles';
import { AppError, detail, ErrorDetail, reasonDetail } from '../common/app-error';
import { isErrorCode } from '../court/catalogue';
import { CommonErrorCode, CommonException } from '../common/common.exception';
import { WorkflowErrorCode, WorkflowException } from './workflow.exception';
import { PageQuery } from '../common/pagination';
import { Env } from '../config/env';
import { JOB } from '../queues/queues';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReviewRequestsService } from '../reviews/review-requests.service';
import { toClosingMoment, toLocalDay } from '../court/local-day';
import { localize, Reason } from '../court/reason';
import { Stage } from '../court/stage';
import { TransitionDetails } from '../guidelines/stage-transition.entity';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import {
  StageTransitionsRepository,
  TransitionRow,
} from '../guidelines/stage-transitions.repository';
import {
  availableMoves,
  decideMove,
  DEFAULT_REVIEW_AGENCIES,
  MoveRequestFacts,
  MoveRule,
  OverriddenGate,
} from '../court/workflow-rules';
import {
  AvailableMovesView,
  MoveDto,
  MoveResultView,
  TransitionListView,
  TransitionView,
} from './transition.dto';
import {
  GuidelineForMove,
  NewestVersion,
  WorkflowFactsRepository,
} from './workflow-facts.repository';

/** Which inputs belong to which target stage: sending one to another move is a malformed request. */
const INPUT_TARGET: Partial<Record<keyof MoveDto, Stage>> = {
  consultationClosesAt: Stage.CONSULTATION,
  reviewDueAt: Stage.INTERAGENCY_REVIEW,
  agencies: Stage.INTERAGENCY_REVIEW,
};

/** Moves guidelines along the stage table: loads the facts, asks the table, writes the move. */
@Injectable()
export class TransitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotentWrites,
    private readonly facts: WorkflowFactsRepository,
    private readonly history: StageTransitionsRepository,
    private readonly guidelines: GuidelinesRepository,
    private readonly reviews: ReviewRequestsService,
    private readonly outbox: OutboxWriter,
    private readonly env: Env,
  ) {}

  /**
   * One transaction under the guideline's row lock: decide, append the history row, change the
   * guideline, open or withdraw review requests, and record the STAGE_CHANGED event in the outbox.
   */
  async move(
    guidelineId: string,
    dto: MoveDto,
    actor: AuthUser,
    idempotent: IdempotentRequest | null = null,
  ): Promise<MoveResultView> {
    assertInputsFitTarget(dto);
    const now = new Date();
    return this.idempotency.transaction(idempotent, async (manager) => {
      const guideline = await this.facts.lockForTransition(manager, guidelineId);
      if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
      const newest = await this.facts.newestVersion(manager, guidelineId);
      const { request, agencyIds } = await this.requestFacts(manager, dto);
      const decision = decideMove({
        from: guideline.stage,
        to: dto.to,
        expectedStage: dto.expectedStage ?? null,
        actor,
        override: dto.override === true,
        facts: {
          now,
          timeZone: this.env.APP_TIMEZONE,
          guideline: await this.facts.gateFacts(manager, guideline, newest),
          request,
        },
      });
      if (decision.outcome !== 'ALLOWED') {
        throw refusal(decision.reasons);
      }
      return this.apply(manager, {
        guideline,
        newest,
        rule: decision.rule,
        override: decision.override,
        overridden: decision.overridden,
        request,
        agencyIds,
        actor,
      });
    });
  }

  /** The history as this reader reads it (an agency reader: without the court's reasons). */
  async list(guidelineId: string, query: PageQuery, actor: AuthUser): Promise<TransitionListView> {
    const scope = readerScope(actor);
    if (!(await this.facts.exists(guidelineId, scope)))
      throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const page = await this.history.page(guidelineId, scope, query.limit, query.cursor);
    return {
      items: page.items.map((row) =>
        historyEntryFor(scope, TransitionView.of(row), row.version_readable),
      ),
      next: page.next,
    };
  }

  async available(
    guidelineId: string,
    actor: AuthUser,
    locale: Locale,
  ): Promise<AvailableMovesView> {
    const manager = this.dataSource.manager;
    const guideline = await this.facts.findForAvailableMoves(guidelineId);
    if (!guideline) throw new GuidelineException(GuidelineErrorCode.GUIDELINE_NOT_FOUND);
    const newest = await this.facts.newestVersion(manager, guidelineId);
    const moves = availableMoves(guideline.stage, actor, {
      now: new Date(),
      timeZone: this.env.APP_TIMEZONE,
      guideline: await this.facts.gateFacts(manager, guideline, newest),
    });
    return {
      stage: guideline.stage,
      items: moves.map((m) => ({
        to: m.to,
        kind: m.kind,
        allowedForYou: m.allowedForYou,
        asOverride: m.asOverride,
        needsReason: m.needsReason,
        overridable: m.overridable,
        inputs: m.inputs,
        unmetGates: m.unmetGates.map((g) => ({
          code: g.reason.code,
          message: localize(g.reason, locale).message,
          overridable: g.overridable,
        })),
      })),
    };
  }

  /** The caller's inputs as the gates read them; agency codes resolved against the database. */
  private async requestFacts(
    manager: EntityManager,
    dto: MoveDto,
  ): Promise<{ request: MoveRequestFacts; agencyIds: string[] }> {
    const tz = this.env.APP_TIMEZONE;
    const base: MoveRequestFacts = {
      reason: dto.reason?.trim() || null,
      consultationClosesAt: dto.consultationClosesAt
        ? toClosingMoment(dto.consultationClosesAt, tz)
        : null,
      reviewDueDay: dto.reviewDueAt ? toLocalDay(dto.reviewDueAt, tz) : null,
      agencyCodes: [],
      unknownAgencyCodes: [],
    };
    if (dto.to !== Stage.INTERAGENCY_REVIEW) return { request: base, agencyIds: [] };
    const asked = [
      ...new Set((dto.agencies ?? DEFAULT_REVIEW_AGENCIES).map((c) => c.toUpperCase())),
    ];
    const found = await this.facts.agenciesByCodes(manager, asked);
    const known = new Set(found.map((a) => a.code));
    return {
      request: {
        ...base,
        agencyCodes: found.map((a) => a.code),
        unknownAgencyCodes: asked.filter((c) => !known.has(c)),
      },
      agencyIds: found.map((a) => a.id),
    };
  }

  private async apply(
    manager: EntityManager,
    m: {
      guideline: GuidelineForMove;
      newest: NewestVersion | null;
      rule: MoveRule;
      override: boolean;
      overridden: OverriddenGate[];
      request: MoveRequestFacts;
      agencyIds: string[];
      actor: AuthUser;
    },
  ): Promise<MoveResultView> {
    const { guideline, newest, rule, request, actor } = m;
    const details: TransitionDetails = {};
    if (m.override) details.overridden = m.overridden;
    if (rule.to === Stage.CONSULTATION) {
      details.consultationClosesAt = request.consultationClosesAt!.toISOString();
    }
    if (rule.to === Stage.INTERAGENCY_REVIEW) {
      details.reviewDueDate = request.reviewDueDay!;
      details.agencies = request.agencyCodes;
    }
    const transition: TransitionRow = await this.history.append(manager, {
      guidelineId: guideline.id,
      from: rule.from,
      to: rule.to,
      actorId: actor.id,
      versionNumber: newest?.number ?? null,
      reason: request.reason,
      override: m.override,
      details,
    });

    await this.guidelines.applyStageChange(manager, guideline.id, {
      stage: rule.to,
      consultationClosesAt: request.consultationClosesAt ?? undefined,
      adopted:
        rule.to === Stage.ADOPTED && newest
          ? { versionNumber: newest.number, contentHash: newest.content_hash }
          : undefined,
    });

    let reviewRequestIds: string[] = [];
    if (rule.to === Stage.INTERAGENCY_REVIEW) {
      reviewRequestIds = await this.reviews.openForVersion(manager, {
        guidelineId: guideline.id,
        versionId: newest!.id,
        versionNumber: newest!.number,
        agencyIds: m.agencyIds,
        dueDate: request.reviewDueDay!,
        requestedBy: actor.id,
        transitionId: transition.id,
      });
    }
    // Leaving the review withdraws what is still open. On adoption that is nothing, unless an
    // administrator adopted over unanswered requests: nobody should be reminded about those.
    let withdrawnReviewRequestIds: string[] = [];
    if (rule.from === Stage.INTERAGENCY_REVIEW) {
      withdrawnReviewRequestIds = await this.reviews.withdrawOpen(
        manager,
        guideline.id,
        request.reason ?? `Guideline moved to ${rule.to}`,
      );
    }

    await this.outbox.enqueue(manager, {
      name: JOB.STAGE_CHANGED,
      jobId: `stage-${transition.id}`,
      payload: {
        guidelineId: guideline.id,
        transitionId: transition.id,
        from: rule.from,
        to: rule.to,
        actorId: actor.id,
        versionNumber: transition.version_number,
        reviewRequestIds,
        withdrawnReviewRequestIds,
      },
    });

    return {
      stage: rule.to,
      transition: TransitionView.of(transition),
      reviewRequestIds,
      withdrawnReviewRequestIds,
    };
  }
}

function assertInputsFitTarget(dto: MoveDto): void {
  const details: ErrorDetail[] = [];
  for (const [field, target] of Object.entries(INPUT_TARGET) as [keyof MoveDto, Stage][]) {
    if (dto[field] !== undefined && dto.to !== target) {
      details.push(detail('INPUT_FOR_OTHER_STAGE', { field, target }, { field }));
    }
  }
  if (details.length) throw new CommonException(CommonErrorCode.INVALID_REQUEST, {}, details);
}

/**
 * A refused move: one reason is the answer (its code's kind gives the status: 409 stale, 403
 * role, 422 gate); several unmet gates are GATES_UNMET (422) listing each.
 */
function refusal(reasons: Reason[]): AppError {
  const details = reasons.map((r) => reasonDetail(r));
  const [first] = reasons;
  if (reasons.length === 1 && isErrorCode(first.code)) {
    return new AppError(first.code, undefined, details, details[0].message);
  }
  return new WorkflowException(WorkflowErrorCode.GATES_UNMET, { count: details.length }, details);
}
