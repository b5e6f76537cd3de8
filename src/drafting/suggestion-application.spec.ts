import { applySuggestion, suggestionStillPresent } from './suggestion-application';

describe('applySuggestion', () => {
  const section = {
    heading: 'ມາດຕາ 3: ການປົກປ້ອງ',
    body: 'ສານຕ້ອງປົກປ້ອງຊື່ຂອງຜູ້ເຄາະຮ້າຍ ແລະ ຄອບຄົວ.',
  };

  it('replaces exactly the quoted words, in the body or the heading', () => {
    expect(applySuggestion('art-3', section, 'ຊື່', 'ຊື່ ແລະ ທີ່ຢູ່')).toEqual({
      applied: true,
      heading: section.heading,
      body: 'ສານຕ້ອງປົກປ້ອງຊື່ ແລະ ທີ່ຢູ່ຂອງຜູ້ເຄາະຮ້າຍ ແລະ ຄອບຄົວ.',
    });
    expect(applySuggestion('art-3', section, 'ການປົກປ້ອງ', 'ຄວາມປອດໄພ')).toEqual({
      applied: true,
      heading: 'ມາດຕາ 3: ຄວາມປອດໄພ',
      body: section.body,
    });
  });

  it('strikes the passage with an empty suggestion', () => {
    const result = applySuggestion('art-3', section, ' ແລະ ຄອບຄົວ', '');
    expect(result).toMatchObject({ applied: true, body: 'ສານຕ້ອງປົກປ້ອງຊື່ຂອງຜູ້ເຄາະຮ້າຍ.' });
  });

  it('replaces the whole body when the comment quotes nothing', () => {
    expect(applySuggestion('art-3', section, null, 'ໃໝ່')).toEqual({
      applied: true,
      heading: section.heading,
      body: 'ໃໝ່',
    });
  });

  it('refuses a passage that no longer occurs, and one that occurs more than once (heading and body together)', () => {
    const gone = applySuggestion('art-3', section, 'ທະນາຍຄວາມ', 'x');
    expect(gone).toMatchObject({ applied: false, reason: { code: 'PASSAGE_NOT_IN_DRAFT' } });
    const twice = applySuggestion('art-3', section, 'ປົກປ້ອງ', 'x');
    expect(twice).toMatchObject({ applied: false, reason: { code: 'PASSAGE_AMBIGUOUS' } });
    expect(!twice.applied && twice.reason.en).toContain('2 times');
  });

  it('finds a quote typed in another Unicode normalisation form', () => {
    const decomposed = { heading: 'Café', body: 'Le café est fermé.' };
    const nfd = 'caf\u0065\u0301';
    expect(applySuggestion('k', decomposed, nfd, 'bar')).toEqual({
      applied: true,
      heading: 'Café',
      body: 'Le bar est fermé.',
    });
  });
});

describe('suggestionStillPresent', () => {
  it('tells whether the applied words are still in the section', () => {
    const section = { heading: 'H', body: 'one two three' };
    expect(suggestionStillPresent(section, 'two')).toBe(true);
    expect(suggestionStillPresent(section, 'four')).toBe(false);
    expect(suggestionStillPresent(undefined, 'two')).toBe(false);
  });
});
