import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum GuidelineErrorCode {
  GUIDELINE_NOT_FOUND = 'GUIDELINE_NOT_FOUND',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  VERSION_NOT_FOUND = 'VERSION_NOT_FOUND',
  VERSION_NUMBER_NOT_FOUND = 'VERSION_NUMBER_NOT_FOUND',
  NO_VERSION_YET = 'NO_VERSION_YET',
  NOTHING_TO_COMPARE = 'NOTHING_TO_COMPARE',
  INVALID_SECTIONS = 'INVALID_SECTIONS',
  GUIDELINE_FROZEN = 'GUIDELINE_FROZEN',
  PUBLISH_NOT_ALLOWED_IN_STAGE = 'PUBLISH_NOT_ALLOWED_IN_STAGE',
}

export class GuidelineException extends AppError<GuidelineErrorCode> {}
