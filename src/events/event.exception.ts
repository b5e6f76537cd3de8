import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum EventErrorCode {
  EVENT_NOT_FOUND = 'EVENT_NOT_FOUND',
  EVENT_REFUSED = 'EVENT_REFUSED',
  EVENT_REVISION_STALE = 'EVENT_REVISION_STALE',
}

export class EventException extends AppError<EventErrorCode> {}
