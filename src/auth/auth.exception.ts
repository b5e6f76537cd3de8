import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/common/catalogue.ts, by the same code). */
export enum AuthErrorCode {
  NO_TOKEN = 'NO_TOKEN',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  BAD_CREDENTIALS = 'BAD_CREDENTIALS',
  CSRF_TOKEN_WRONG = 'CSRF_TOKEN_WRONG',
  ROLE_REQUIRED = 'ROLE_REQUIRED',
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  CROSS_SITE_REQUEST = 'CROSS_SITE_REQUEST',
  SIGN_IN_THROTTLED = 'SIGN_IN_THROTTLED',
  SIGN_IN_LOCKED = 'SIGN_IN_LOCKED',
  SIGN_IN_BUSY = 'SIGN_IN_BUSY',
}

export class AuthException extends AppError<AuthErrorCode> {}
