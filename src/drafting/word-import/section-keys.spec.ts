import { importedSectionKeys } from './section-keys';

describe('importedSectionKeys', () => {
  it('numbers Lao articles by place, derives keys from Latin headings, and names the preamble', () => {
    expect(
      importedSectionKeys(['', 'ມາດຕາ 1', 'Privacy of hearings', 'ມາດຕາ 3'], [], {
        preamble: true,
      }),
    ).toEqual(['preamble', 'art-1', 'privacy-of-hearings', 'art-3']);
  });

  it('keeps the key of a known heading (any spacing, case or Unicode form) and never reuses it', () => {
    const known = [
      { key: 'art-2', heading: 'ມາດຕາ 2' },
      { key: 'scope', heading: 'Scope  of the Guideline' },
    ];
    expect(
      importedSectionKeys(
        ['ມາດຕາ ໃໝ່', 'ມາດຕາ 2', 'scope of the guideline', 'Scope of the guideline'],
        known,
        {
          preamble: false,
        },
      ),
    ).toEqual(['art-1', 'art-2', 'scope', 'scope-of-the-guideline']);
    expect(importedSectionKeys(['ໃໝ່', 'ມາດຕາ 2'], known, { preamble: false })).toEqual([
      'art-1',
      'art-2',
    ]);
    expect(importedSectionKeys(['ມາດຕາ 2', 'ໃໝ່'], known, { preamble: false })).toEqual([
      'art-2',
      'art-3',
    ]);
  });

  it('keeps keys to the section key pattern and at most 64 characters', () => {
    const [key] = importedSectionKeys(['Ü'.repeat(3) + ' ' + 'word '.repeat(30)], [], {
      preamble: false,
    });
    expect(key).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });
});
