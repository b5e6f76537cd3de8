import { DocumentSection } from './guideline-document';
import { codeTokenPattern, indicatorCoverage } from './indicator-coverage';

describe('codeTokenPattern', () => {
  const cites = (text: string) => codeTokenPattern('VSC-3').test(text);

  it.each(['see VSC-3.', '(vsc-3)', 'VSC-3', 'ຕາມຕົວຊີ້ວັດVSC-3ກ່ຽວກັບ', 'VSC-3, VSC-4', 'VSC-3-'])(
    'finds the code in %j',
    (text) => expect(cites(text)).toBe(true),
  );

  it.each(['VSC-30', 'VSC-3.1', 'VSC-3-b', 'XVSC-3', 'A-VSC-3', 'VSC-3a', 'VSC 3'])(
    'does not take %j for the code',
    (text) => expect(cites(text)).toBe(false),
  );

  it('treats regular-expression characters in a code literally', () => {
    expect(codeTokenPattern('I.1(a)').test('see I.1(a) here')).toBe(true);
    expect(codeTokenPattern('I.1(a)').test('see I11(a) here')).toBe(false);
  });
});

describe('indicatorCoverage', () => {
  const sections: DocumentSection[] = [
    { key: 'waiting', heading: 'Waiting rooms (VSC-1)', body: 'Victims wait apart.', kind: 'text' },
    { key: 'hearing', heading: 'ການພິຈາລະນາ', body: 'ຕາມຕົວຊີ້ວັດVSC-2 ແລະ VSC-1', kind: 'text' },
    {
      key: 'i1',
      heading: 'Separate room',
      body: 'A room apart',
      kind: 'indicator',
      code: 'VSC-1',
      category: 'Environment',
    },
    {
      key: 'i2',
      heading: 'Interpreter',
      body: 'Interpreter present',
      kind: 'indicator',
      code: 'VSC-2',
    },
    {
      key: 'i3',
      heading: 'Closed hearing',
      body: 'Cites VSC-1 but is no provision',
      kind: 'indicator',
      code: 'VSC-3',
    },
  ];

  it('lists the provisions citing each indicator and flags the uncovered one', () => {
    const coverage = indicatorCoverage(sections);
    expect(coverage.map((c) => [c.code, c.referencedBy.map((p) => p.key), c.uncovered])).toEqual([
      ['VSC-1', ['waiting', 'hearing'], false],
      ['VSC-2', ['hearing'], false],
      ['VSC-3', [], true],
    ]);
    expect(coverage[0]).toMatchObject({
      key: 'i1',
      position: 2,
      statement: 'A room apart',
      category: 'Environment',
    });
    expect(coverage[1].category).toBeNull();
  });
});
