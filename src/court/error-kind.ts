/**
 * The kind of a refusal: what the HTTP answer says about it. Every error code of the catalogue
 * names its kind; the one exception filter maps the kind to the HTTP status (STATUS_OF).
 */
export enum ErrorKind {
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
