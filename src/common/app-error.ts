/** Domain errors carry a code; the one exception filter maps each code to its HTTP status. */
export enum ErrorCode {
  BAD_REQUEST = 'BAD_REQUEST',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** A body or file larger than the route takes (or, for a file, than it may unpack to). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A body or file of a type the route does not read. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** A workflow gate or another domain rule is not met; details list every reason. */
  UNPROCESSABLE = 'UNPROCESSABLE',
  /** Rate-limited (429); the route sets Retry-After. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  UNAVAILABLE = 'UNAVAILABLE',
}

export const STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.UNPROCESSABLE]: 422,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.UNAVAILABLE]: 503,
};

/** One entry of `details`: a field or gate code and a human message. */
export interface ErrorDetail {
  code?: string;
  field?: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError(ErrorCode.CONFLICT, message, details);
  }

  static forbidden(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message, details);
  }

  static unprocessable(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError(ErrorCode.UNPROCESSABLE, message, details);
  }

  static badRequest(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError(ErrorCode.BAD_REQUEST, message, details);
  }
}
