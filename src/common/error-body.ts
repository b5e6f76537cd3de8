import { STATUS_CODES } from 'node:http';
import { AnswerDetail } from './app-error';

/** The single error shape of the API (shared/API.md). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: AnswerDetail[];
}

export function errorBody(
  statusCode: number,
  message: string,
  details: AnswerDetail[] = [],
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}
