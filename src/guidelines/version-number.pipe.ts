import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../common/app-error';

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
