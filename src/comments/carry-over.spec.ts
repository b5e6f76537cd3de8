import { SectionContent } from '../guidelines/section-content';
import { carryOverChecker } from './carry-over';
import { quoteOccursIn } from './comment-reasons';

const s = (key: string, body: string, heading = key): SectionContent => ({
  key,
  kind: 'text',
  heading,
  body,
  code: null,
  category: null,
});

describe('carryOverChecker', () => {
  const v1 = [
    s('a', 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງ'),
    s('b', 'Hearings may be closed.'),
    s('c', 'Gone soon.'),
    s('d', 'Stays.'),
  ];
  const v3 = [s('d', 'Stays.'), s('a', 'ຜູ້ພິພາກສາຄວນຮັບຟັງ'), s('b', 'Hearings may be closed.')];
  const check = carryOverChecker(v1, v3, 3);

  it('tells whether the section changed, moved, stayed or went', () => {
    expect(check({ sectionKey: 'a', quote: null })).toEqual({
      latestVersion: 3,
      sectionStatus: 'changed',
      quoteStillPresent: null,
    });
    expect(check({ sectionKey: 'b', quote: null }).sectionStatus).toBe('unchanged');
    expect(check({ sectionKey: 'c', quote: 'Gone' })).toEqual({
      latestVersion: 3,
      sectionStatus: 'removed',
      quoteStillPresent: null,
    });
    expect(check({ sectionKey: 'd', quote: null }).sectionStatus).toBe('moved');
  });

  it('tells whether the quote still occurs in the newest text', () => {
    expect(check({ sectionKey: 'a', quote: 'ຕ້ອງ' }).quoteStillPresent).toBe(false);
    expect(check({ sectionKey: 'a', quote: 'ຮັບຟັງ' }).quoteStillPresent).toBe(true);
    expect(check({ sectionKey: 'b', quote: 'may be closed' }).quoteStillPresent).toBe(true);
  });
});

describe('quoteOccursIn', () => {
  it('matches after NFC normalisation, in heading or body', () => {
    const decomposed = 'Cafe\u0301';
    expect(quoteOccursIn('Café', { heading: 'x', body: `The ${decomposed} rule` })).toBe(true);
    expect(quoteOccursIn('Heading', { heading: 'A Heading', body: '' })).toBe(true);
    expect(quoteOccursIn('absent', { heading: 'A Heading', body: 'text' })).toBe(false);
  });
});
