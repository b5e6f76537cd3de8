import { STATUS_CODES } from 'node:http';
import { ErrorDetail } from './app-error';

/** The single error shape of the API (shared/API.md). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

export function errorBody(
  statusCode: number,
  message: string,
  details: ErrorDetail[] = [],
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}
