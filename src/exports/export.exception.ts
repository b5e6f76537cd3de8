import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum ExportErrorCode {
  EXPORTS_BUSY = 'EXPORTS_BUSY',
}

export class ExportException extends AppError<ExportErrorCode> {}
