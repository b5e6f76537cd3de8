import { QueryFailedError } from 'typeorm';
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
