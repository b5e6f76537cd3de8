/**
 * The status of a review request. PENDING, ANSWERED and WITHDRAWN are stored; OVERDUE is derived:
 * a PENDING request whose due day (a calendar day in the court's time zone, APP_TIMEZONE) is
 * before today. The rule is written here once for the views (`reviewStatus`) and once as the SQL
 * condition the lists and counts filter by (`overdueCondition`); test/review-status.e2e-spec.ts
 * holds the two to the same answers on PostgreSQL.
 */
export const STORED_REVIEW_STATUSES = ['PENDING', 'ANSWERED', 'WITHDRAWN'] as const;
export type StoredReviewStatus = (typeof STORED_REVIEW_STATUSES)[number];

export const REVIEW_STATUSES = ['PENDING', 'ANSWERED', 'OVERDUE', 'WITHDRAWN'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** `dueDay` and `today` are `YYYY-MM-DD` calendar days in the court's time zone. */
export function reviewStatus(
  stored: StoredReviewStatus,
  dueDay: string,
  today: string,
): ReviewStatus {
  return stored === 'PENDING' && dueDay < today ? 'OVERDUE' : stored;
}

/**
 * SQL: the request aliased `request` is OVERDUE on `today` (a SQL expression of type date, e.g. a
 * `$n::date` parameter). The same rule as `reviewStatus`.
 */
export function overdueCondition(request: string, today: string): string {
  return `(${request}.status = 'PENDING' AND ${request}.due_date < ${today})`;
}

/** SQL: the request aliased `request` is PENDING and not OVERDUE on `today`. */
export function pendingInTimeCondition(request: string, today: string): string {
  return `(${request}.status = 'PENDING' AND ${request}.due_date >= ${today})`;
}
