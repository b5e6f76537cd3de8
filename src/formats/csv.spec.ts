import { csvField, csvFile, UTF8_BOM, wouldEvaluateAsFormula } from './csv';

describe('CSV for spreadsheets', () => {
  it('quotes text and doubles its quotes (RFC 4180), leaves numbers bare', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "yes", please')).toBe('"say ""yes"", please"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvField(-1)).toBe('-1');
  });

  it('keeps what a spreadsheet would evaluate as text, with an apostrophe', () => {
    for (const formula of [
      '=SUM(A1)',
      '=HYPERLINK("http://example.org","click")',
      '=',
      '+1+2',
      "-2+3+cmd|' /C calc'!A0",
      '-A1',
      '- needs a rewrite',
      '@SUM(A1:A2)',
      '@cmd',
      '\t=1+1',
      '\r\n=1+1',
      '\t-A1',
      '+ $A$1',
      '-(1)',
    ]) {
      expect({ formula, evaluated: wouldEvaluateAsFormula(formula) }).toEqual({
        formula,
        evaluated: true,
      });
      expect(csvField(formula)).toBe(`"'${formula.replace(/"/g, '""')}"`);
    }
  });

  it('leaves Lao text after a dash or plus, and text with = inside, as written', () => {
    for (const text of [
      '-ຄວນເພີ່ມນາຍແປພາສາ',
      '- ຄວນເພີ່ມນາຍແປພາສາ',
      '+ ສານປະຊາຊົນ',
      '@ ອົງການ',
      '-',
      'ຄວນ = ດີ',
      ' =not at the start',
      '',
    ]) {
      expect({ text, evaluated: wouldEvaluateAsFormula(text) }).toEqual({ text, evaluated: false });
      expect(csvField(text)).toBe(`"${text}"`);
    }
  });

  it('writes control characters as every export does: a vertical tab is a line break', () => {
    expect(csvField('one\u000Btwo\u0007')).toBe('"one\ntwo"');
  });

  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    const bytes = csvFile([
      ['ສະບັບ', 'ພາກ'],
      [1, null],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(`${UTF8_BOM}"ສະບັບ","ພາກ"\r\n1,\r\n`);
  });
});
