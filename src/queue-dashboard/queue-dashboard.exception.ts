import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum QueueDashboardErrorCode {
  NO_DASHBOARD_TOKEN = 'NO_DASHBOARD_TOKEN',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  DASHBOARD_ADMIN_ONLY = 'DASHBOARD_ADMIN_ONLY',
  CROSS_SITE_DASHBOARD = 'CROSS_SITE_DASHBOARD',
}

export class QueueDashboardException extends AppError<QueueDashboardErrorCode> {}
