import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum AccountErrorCode {
  CURRENT_PASSWORD_WRONG = 'CURRENT_PASSWORD_WRONG',
  PASSWORD_UNCHANGED = 'PASSWORD_UNCHANGED',
  PASSWORD_CHANGED_MEANWHILE = 'PASSWORD_CHANGED_MEANWHILE',
  RESET_LINK_INVALID = 'RESET_LINK_INVALID',
  RESET_THROTTLED = 'RESET_THROTTLED',
}

export class AccountException extends AppError<AccountErrorCode> {}
