import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum UserErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  SELF_DEMOTION = 'SELF_DEMOTION',
  LAST_ACTIVE_ADMIN = 'LAST_ACTIVE_ADMIN',
  AGENCY_ONLY_FOR_REVIEWERS = 'AGENCY_ONLY_FOR_REVIEWERS',
  AGENCY_REQUIRED = 'AGENCY_REQUIRED',
  COMMITTEES_ONLY_FOR_JUDGES = 'COMMITTEES_ONLY_FOR_JUDGES',
  UNKNOWN_AGENCY = 'UNKNOWN_AGENCY',
  KDF_BUSY = 'KDF_BUSY',
}

export class UserException extends AppError<UserErrorCode> {}
