import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { PathParam } from '../common/path-params';

const MAX_INT = 2147483647;

/** A version number in a path: a positive integer that fits the database column (else 400). */
@Injectable()
export class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > MAX_INT) {
      throw AppError.badRequest('Invalid version number', [
        { field: 'number', message: 'version number must be a positive integer' },
      ]);
    }
    return Number(value);
  }
}

export const VERSION_NUMBER_MAX = MAX_INT;

/** A version number in the path, read by VersionNumberPipe and described as an integer. */
export const VersionNumberParam = (name = 'number') =>
  PathParam(name, VersionNumberPipe, { type: 'integer', minimum: 1, maximum: MAX_INT });
