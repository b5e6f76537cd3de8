import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/court/catalogue.ts, by the same code). */
export enum SecondFactorErrorCode {
  TOTP_REQUIRED = 'TOTP_REQUIRED',
  TOTP_WRONG = 'TOTP_WRONG',
  /** A wrong code while confirming the set-up: 400, where a wrong code at sign-in is 401. */
  TOTP_WRONG_AT_ENROLMENT = 'TOTP_WRONG_AT_ENROLMENT',
  TOTP_THROTTLED = 'TOTP_THROTTLED',
  TOTP_ENROLMENT_REQUIRED = 'TOTP_ENROLMENT_REQUIRED',
  TOTP_ALREADY_ENABLED = 'TOTP_ALREADY_ENABLED',
  TOTP_NOT_STARTED = 'TOTP_NOT_STARTED',
  TOTP_NOT_ENABLED = 'TOTP_NOT_ENABLED',
  TOTP_REQUIRED_FOR_ROLE = 'TOTP_REQUIRED_FOR_ROLE',
  TOTP_CONFIRMATION_WRONG = 'TOTP_CONFIRMATION_WRONG',
}

export class SecondFactorException extends AppError<SecondFactorErrorCode> {}
