import { csvField, matrixCsv } from './matrix-csv';

describe('matrix CSV', () => {
  it('quotes every field and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "yes", please')).toBe('"say ""yes"", please"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('""');
    expect(csvField(3)).toBe('"3"');
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    expect(csvField('=SUM(A1)')).toBe('"\'=SUM(A1)"');
    expect(csvField('@cmd')).toBe('"\'@cmd"');
    expect(csvField('ຄວນ = ດີ')).toBe('"ຄວນ = ດີ"');
  });

  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    const bytes = matrixCsv([], 'lo');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF"ສະບັບ","ພາກ"')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
