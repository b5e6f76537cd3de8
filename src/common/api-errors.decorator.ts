import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

export class ErrorDetailView {
  @ApiProperty({ required: false, description: 'Machine code (gates) ' }) code?: string;
  @ApiProperty({ required: false, description: 'Offending field (validation)' }) field?: string;
  @ApiProperty() message: string;
}

export class ErrorView {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [ErrorDetailView] }) details: ErrorDetailView[];
}

const WHY: Record<number, string> = {
  400: 'Malformed input: one entry per bad field in details',
  401: 'No token, or an invalid or expired one',
  403: 'Your role may not do this',
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
