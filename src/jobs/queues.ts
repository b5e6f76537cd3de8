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

export interface JobPayloads {
  [JOB.STAGE_CHANGED]: StageChangedPayload;
  [JOB.DISPOSITION_GIVEN]: DispositionGivenPayload;
  [JOB.COMMENT_REPLIED]: CommentRepliedPayload;
  [JOB.REVIEW_REMINDER]: ReviewReminderPayload;
  [JOB.SEND_EMAIL]: SendEmailPayload;
}
