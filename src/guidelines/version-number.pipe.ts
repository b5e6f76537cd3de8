import { Injectable, PipeTransform } from '@nestjs/common';
import { detail } from '../common/app-error';
import { CommonErrorCode, CommonException } from '../common/common.exception';
import { PathParam } from '../common/path-params';

const MAX_INT = 2147483647;

/** A version number in a path: a positive integer that fits the database column (else 400). */
@Injectable()
export class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > MAX_INT) {
      throw new CommonException(CommonErrorCode.INVALID_VERSION_NUMBER, {}, [
        detail('VERSION_NUMBER_DETAIL', {}, { field: 'number' }),
      ]);
    }
    return Number(value);
  }
}

export const VERSION_NUMBER_MAX = MAX_INT;

/** A version number in the path, read by VersionNumberPipe and described as an integer. */
export const VersionNumberParam = (name = 'number') =>
  PathParam(name, VersionNumberPipe, { type: 'integer', minimum: 1, maximum: MAX_INT });
