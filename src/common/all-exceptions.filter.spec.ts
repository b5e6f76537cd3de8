import { ForbiddenException, HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CommonErrorCode, CommonException } from './common.exception';
import { detail } from './app-error';
import { toErrorBody } from './all-exceptions.filter';

function pgError(code: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), { code }));
}

describe('toErrorBody for database errors', () => {
  it.each([
    ['22P02', 'invalid text representation'],
    ['22007', 'invalid datetime format'],
    ['22008', 'datetime field overflow'],
    ['22003', 'numeric value out of range'],
  ])('maps %s (%s) to 400', (code) => {
    expect(toErrorBody(pgError(code))).toMatchObject({
      statusCode: 400,
      message: 'A value has the wrong format',
    });
  });

  it('keeps unknown database errors as 500', () => {
    expect(toErrorBody(pgError('XX000')).statusCode).toBe(500);
  });
});

describe('toErrorBody in the language asked', () => {
  const refusal = new CommonException(CommonErrorCode.INVALID_CURSOR, {}, [
    detail('INVALID_CURSOR_DETAIL', {}, { field: 'cursor' }),
  ]);

  it('words a catalogue code and its details in Lao or English, the status from its kind', () => {
    expect(toErrorBody(refusal, 'lo')).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'ຕົວຊີ້ໜ້າ (cursor) ບໍ່ຖືກຕ້ອງ',
      details: [{ field: 'cursor', message: 'cursor ນີ້ບໍ່ແມ່ນອັນທີ່ລະບົບນີ້ໃຫ້' }],
    });
    expect(toErrorBody(refusal, 'en')).toMatchObject({
      message: 'Invalid cursor',
      details: [{ field: 'cursor', message: 'cursor is not one this API gave' }],
    });
  });

  it("keeps a framework's own English for English and gives Lao a sentence by status", () => {
    const foreign = new ForbiddenException('Forbidden resource');
    expect(toErrorBody(foreign, 'en').message).toBe('Forbidden resource');
    expect(toErrorBody(foreign, 'lo')).toMatchObject({
      statusCode: 403,
      message: 'ບໍ່ອະນຸຍາດໃຫ້ເຮັດສິ່ງນີ້',
    });
    expect(toErrorBody(new HttpException('Teapot', 418), 'lo').message).toBe('ຄຳຮ້ອງບໍ່ສຳເລັດ');
  });

  it('answers a database error in Lao too', () => {
    expect(toErrorBody(pgError('23505'), 'lo')).toMatchObject({
      statusCode: 409,
      message: 'ຂໍ້ມູນນີ້ມີຢູ່ແລ້ວ',
    });
  });
});
