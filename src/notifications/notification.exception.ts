import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum NotificationErrorCode {
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  PREFERENCES_REFUSED = 'PREFERENCES_REFUSED',
}

export class NotificationException extends AppError<NotificationErrorCode> {}
