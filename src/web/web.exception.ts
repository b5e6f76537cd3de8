import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum WebErrorCode {
  MARKDOWN_UNREADABLE = 'MARKDOWN_UNREADABLE',
  MARKDOWN_NO_SECTION = 'MARKDOWN_NO_SECTION',
}

export class WebException extends AppError<WebErrorCode> {}
