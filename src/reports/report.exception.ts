import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum ReportErrorCode {
  INVALID_PERIOD = 'INVALID_PERIOD',
}

export class ReportException extends AppError<ReportErrorCode> {}
