import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum AgencyErrorCode {
  AGENCY_NOT_FOUND = 'AGENCY_NOT_FOUND',
  AGENCY_CODE_TAKEN = 'AGENCY_CODE_TAKEN',
  UNKNOWN_AGENCIES = 'UNKNOWN_AGENCIES',
}

export class AgencyException extends AppError<AgencyErrorCode> {}
