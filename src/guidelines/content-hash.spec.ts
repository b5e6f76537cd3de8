import { createHash } from 'node:crypto';
import { canonicalContent, contentHash } from './content-hash';

describe('contentHash', () => {
  const sections = [
    {
      key: 'a',
      kind: 'text' as const,
      heading: 'ມາດຕາ 1',
      body: 'Body "quoted"',
      code: null,
      category: null,
    },
    { key: 'i', kind: 'indicator' as const, heading: 'H', body: 'S', code: 'VSC-1', category: 'C' },
  ];

  it('hashes the documented canonical JSON', () => {
    const canonical =
      '{"sections":[{"key":"a","kind":"text","heading":"ມາດຕາ 1","body":"Body \\"quoted\\"","code":null,"category":null},' +
      '{"key":"i","kind":"indicator","heading":"H","body":"S","code":"VSC-1","category":"C"}]}';
    expect(canonicalContent(sections)).toBe(canonical);
    expect(contentHash(sections)).toBe(
      createHash('sha256').update(canonical, 'utf8').digest('hex'),
    );
    expect(contentHash(sections)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with order and with any character', () => {
    const h = contentHash(sections);
    expect(contentHash([...sections].reverse())).not.toBe(h);
    expect(contentHash([{ ...sections[0], body: 'Body "quoted" ' }, sections[1]])).not.toBe(h);
  });
});
