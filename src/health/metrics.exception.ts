import { AppError } from '../common/app-error';

/** The error codes this module answers with (their words: src/court/catalogue.ts, by the same code). */
export enum MetricsErrorCode {
  METRICS_TOKEN_REQUIRED = 'METRICS_TOKEN_REQUIRED',
}

export class MetricsException extends AppError<MetricsErrorCode> {}
