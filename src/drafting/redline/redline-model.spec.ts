import { SectionContent } from '../../guidelines/section-content';
import { buildRedline, redlineText } from './redline-model';

const s = (key: string, heading: string, body: string, extra: Partial<SectionContent> = {}) =>
  ({ key, heading, body, kind: 'text', code: null, category: null, ...extra }) as SectionContent;
const text = (sections: SectionContent[]) =>
  sections
    .flatMap((x) => [
      x.kind === 'indicator' ? `${x.code} — ${x.heading}` : x.heading,
      ...x.body.split('\n\n'),
    ])
    .filter(Boolean)
    .join('\n');

describe('buildRedline', () => {
  it('gives the newer text with every change taken and the older text with every change refused, moves included', () => {
    const older = [
      s('a', 'A', 'one\n\ntwo\n\nthree'),
      s('b', 'B', 'bee'),
      s('c', 'C', 'sea'),
      s('i', 'Indicator', 'x', { kind: 'indicator', code: 'VSC-1' }),
    ];
    const newer = [
      s('c', 'C', 'sea\nline two'),
      s('a', 'A', 'one\n\n2\n\nthree\n\nfour'),
      s('n', '', 'preamble text'),
      s('i', 'Indicator', 'x', { kind: 'indicator', code: 'VSC-2' }),
    ];
    const redline = buildRedline(older, newer);
    expect(redlineText(redline, 'newer')).toBe(text(newer));
    expect(redlineText(redline, 'older')).toBe(text(older));
    expect(redline.summary).toEqual({ added: 1, removed: 1, changed: 3, unchanged: 0 });
  });

  it('marks nothing for a version against itself', () => {
    const sections = [s('a', 'ມາດຕາ 1', 'ຂໍ້ຄວາມ\n\nສອງ')];
    const redline = buildRedline(sections, sections);
    expect(
      redline.paragraphs.every((p) => p.mark === 'equal' && p.ops.every((o) => o.op === 'equal')),
    ).toBe(true);
    expect(redline.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 1 });
  });
});
