/**
 * Queue and job names, as shipped. Never rename one: jobs already queued under the old name would
 * be stranded. Add new names instead. Each job name has a typed payload below.
 */
export const QUEUE = {
  /** Domain events recorded in the outbox by a transaction; fanned out to notifications. */
  DOMAIN_EVENTS: 'domain-events',
  /** Delayed review reminders (one job per reminder row, job id `reminder-<id>`). */
  REMINDERS: 'reminders',
  /** Outgoing e-mail, one job per notification, retried with backoff. */
  EMAIL: 'email',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const JOB = {
  STAGE_CHANGED: 'guideline.stage-changed',
  DISPOSITION_GIVEN: 'comment.disposition-given',
  COMMENT_REPLIED: 'comment.replied',
  REVIEW_REMINDER: 'review.reminder',
  SEND_EMAIL: 'email.send',
  /** Written with the review requests themselves: the agency is told at once. */
  REVIEW_REQUESTED: 'review.requested',
  /** Written when open requests are withdrawn (the guideline left interagency review). */
  REVIEW_WITHDRAWN: 'review.withdrawn',
  /** Daily (job scheduler): judges who may still comment on a consultation closing soon. */
  CONSULTATION_CLOSING_SCAN: 'consultation.closing-scan',
  /** An e-mail to an agency's contact address, with an answer link minted when it is sent. */
  SEND_AGENCY_EMAIL: 'agency-email.send',
  /** Written by every password reset request, known address or not: the worker sends the link. */
  PASSWORD_RESET_REQUESTED: 'account.password-reset-requested',
  /** Daily (job scheduler, DIGEST_HOUR): gathers the notices set to DAILY into one digest per reader. */
  DAILY_DIGEST_SCAN: 'digest.daily-scan',
  /** One digest e-mail (job id `digest-<id>`), written with the digest that claimed its notices. */
  SEND_DIGEST: 'digest.send',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

export interface StageChangedPayload {
  guidelineId: string;
  transitionId: string;
  from: string;
  to: string;
  actorId: string;
  versionNumber: number | null;
  /** Review requests opened by this move (entering INTERAGENCY_REVIEW). */
  reviewRequestIds: string[];
  /** Review requests withdrawn by this move (leaving INTERAGENCY_REVIEW other than to ADOPTED). */
  withdrawnReviewRequestIds: string[];
}

export interface DispositionGivenPayload {
  guidelineId: string;
  commentId: string;
  dispositionId: string;
  authorId: string;
  status: string;
}

export interface CommentRepliedPayload {
  guidelineId: string;
  commentId: string;
  parentId: string;
  parentAuthorId: string;
  replyAuthorId: string;
}

export interface ReviewReminderPayload {
  reminderId: string;
}

export interface SendEmailPayload {
  notificationId: string;
}

export interface SendAgencyEmailPayload {
  agencyMessageId: string;
}

/**
 * The agencies asked by one move into review (`review-requested-<transitionId>`). A job written
 * before the event was per move carries one request (`reviewRequestId`) and is still read.
 */
export type ReviewRequestedPayload =
  { transitionId: string; reviewRequestIds: string[] } | { reviewRequestId: string };

export interface ReviewWithdrawnPayload {
  reviewRequestId: string;
}

export interface PasswordResetRequestedPayload {
  requestId: string;
}

/** The scheduler's jobs carry nothing: the scan reads the database. */
export type ConsultationClosingScanPayload = Record<string, never>;

/** The scheduler's jobs carry nothing: the scan reads the database. */
export type DailyDigestScanPayload = Record<string, never>;

export interface SendDigestPayload {
  digestId: string;
}

export interface JobPayloads {
  [JOB.STAGE_CHANGED]: StageChangedPayload;
  [JOB.DISPOSITION_GIVEN]: DispositionGivenPayload;
  [JOB.COMMENT_REPLIED]: CommentRepliedPayload;
  [JOB.REVIEW_REMINDER]: ReviewReminderPayload;
  [JOB.SEND_EMAIL]: SendEmailPayload;
  [JOB.SEND_AGENCY_EMAIL]: SendAgencyEmailPayload;
  [JOB.REVIEW_REQUESTED]: ReviewRequestedPayload;
  [JOB.REVIEW_WITHDRAWN]: ReviewWithdrawnPayload;
  [JOB.CONSULTATION_CLOSING_SCAN]: ConsultationClosingScanPayload;
  [JOB.PASSWORD_RESET_REQUESTED]: PasswordResetRequestedPayload;
  [JOB.DAILY_DIGEST_SCAN]: DailyDigestScanPayload;
  [JOB.SEND_DIGEST]: SendDigestPayload;
}

/**
 * The queue each job runs on: the one place that decides it. The outbox writes a row's queue from
 * here and the schedulers add their jobs here, so a job cannot be written to one queue and
 * processed on another. A new job name does not compile until it is given its queue.
 */
export const QUEUE_OF: { readonly [N in JobName]: QueueName } = {
  [JOB.STAGE_CHANGED]: QUEUE.DOMAIN_EVENTS,
  [JOB.DISPOSITION_GIVEN]: QUEUE.DOMAIN_EVENTS,
  [JOB.COMMENT_REPLIED]: QUEUE.DOMAIN_EVENTS,
  [JOB.REVIEW_REQUESTED]: QUEUE.DOMAIN_EVENTS,
  [JOB.REVIEW_WITHDRAWN]: QUEUE.DOMAIN_EVENTS,
  [JOB.PASSWORD_RESET_REQUESTED]: QUEUE.DOMAIN_EVENTS,
  [JOB.REVIEW_REMINDER]: QUEUE.REMINDERS,
  [JOB.CONSULTATION_CLOSING_SCAN]: QUEUE.REMINDERS,
  [JOB.DAILY_DIGEST_SCAN]: QUEUE.REMINDERS,
  [JOB.SEND_EMAIL]: QUEUE.EMAIL,
  [JOB.SEND_AGENCY_EMAIL]: QUEUE.EMAIL,
  [JOB.SEND_DIGEST]: QUEUE.EMAIL,
};

export function queueOf(name: JobName): QueueName {
  return QUEUE_OF[name];
}

/** Every queue, for the places that must handle all of them (relay, dashboard, shutdown). */
export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);

/**
 * The key the outbox relay writes once Redis holds its jobs: when it is gone, Redis lost its data
 * (src/outbox/outbox.relay.ts re-publishes the planned jobs). Never renamed once shipped.
 */
export function epochKey(prefix: string): string {
  return `${prefix}:epoch`;
}

/** What the epoch key holds: when Redis was found empty, and what was re-published then. */
export interface RedisEpoch {
  since: string;
  republished: number;
}
