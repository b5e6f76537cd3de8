import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiResponse,
  getSchemaPath,
  SchemaObject,
} from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

export class ErrorDetailView {
  @ApiProperty({ required: false, description: 'Machine code (gates) ' }) code?: string;
  @ApiProperty({ required: false, description: 'Offending field (validation)' }) field?: string;
  @ApiProperty() message: string;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'With code MORE_DETAILS: how many more problems were found than are listed',
  })
  count?: number;
}

export class ErrorView {
  @ApiProperty({ type: 'integer', example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [ErrorDetailView] }) details: ErrorDetailView[];
}

export const WHY: Record<number, string> = {
  400: 'Malformed input (a field, a parameter, the JSON itself, a NUL character): one entry per bad field in details, at most 20 and a count of the rest',
  401: 'No token, or an invalid or expired one',
  403: 'Not allowed: your role may not do this (or your password is temporary, or the web session sent no CSRF token)',
  404: 'Unknown id (or one you may not see)',
  409: 'Stale state or duplicate',
  413: 'Body too large',
  415: 'A body or file of a type this route does not read',
  422: 'A workflow gate or domain rule is unmet: details lists every reason',
  429: 'Too many requests',
  503: 'A dependency (database, Redis) is down',
};

/** Documents the error answers of a route in the one error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: WHY[status] ?? STATUS_CODES[status], type: ErrorView }),
    ),
  );
}

/** Media types of the files the API answers. */
export const MEDIA_TYPE = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
  csv: 'text/csv',
  pdf: 'application/pdf',
  json: 'application/json',
} as const;

/** A file's bytes, as OpenAPI describes them. */
export const BINARY: SchemaObject = { type: 'string', format: 'binary' };
/** A text file (CSV, Markdown, Prometheus metrics), as OpenAPI describes it. */
export const TEXT: SchemaObject = { type: 'string' };

/**
 * Documents the 200 of a route that answers in several media types (a file, or JSON): each media
 * type with its own schema, a view class for JSON, BINARY or TEXT for files. The route's errors
 * (@ApiErrors) stay JSON, as the error filter writes them: use this instead of @ApiProduces, which
 * would give the errors the file's media types too. `attachment`: files come with a
 * Content-Disposition naming them (src/common/attachment.ts).
 */
export function ApiFileAnswer(
  description: string,
  answers: Record<string, SchemaObject | Type>,
  { attachment = true }: { attachment?: boolean } = {},
) {
  const views = Object.values(answers).filter((a): a is Type => typeof a === 'function');
  const content = Object.fromEntries(
    Object.entries(answers).map(([mediaType, answer]) => [
      mediaType,
      { schema: typeof answer === 'function' ? { $ref: getSchemaPath(answer) } : answer },
    ]),
  );
  const headers = {
    'Content-Disposition': {
      description: 'attachment; filename="…" on a file (not on JSON)',
      schema: { type: 'string' },
    },
  };
  return applyDecorators(
    ...(views.length ? [ApiExtraModels(...views)] : []),
    ApiOkResponse({ description, content, ...(attachment ? { headers } : {}) }),
  );
}
