import { addYears, EventFigures, figureProblems, InstitutionCategory } from './participation-rules';

const base: EventFigures = {
  date: '2026-03-10',
  participants: { female: 6, male: 23, other: 0, withDisability: 1 },
  institutions: [
    { category: InstitutionCategory.POLICE, name: 'Ministry of Public Security', count: 20 },
    { category: InstitutionCategory.COURT, name: 'ສານປະຊາຊົນສູງສຸດ', count: 9 },
  ],
};
const codes = (f: EventFigures, today = '2026-03-01') =>
  figureProblems(f, today).map((p) => p.reason.code);

describe('figureProblems', () => {
  it('accepts consistent figures (the digital-evidence workshop: 6 female, 23 male)', () => {
    expect(figureProblems(base, '2026-03-01')).toEqual([]);
  });

  it('accepts an event without a breakdown by institution or a disability count', () => {
    expect(
      codes({
        ...base,
        institutions: [],
        participants: { ...base.participants, withDisability: null },
      }),
    ).toEqual([]);
  });

  it('refuses institutions that do not add up, saying both sums', () => {
    const problems = figureProblems(
      { ...base, institutions: [{ ...base.institutions[0], count: 19 }, base.institutions[1]] },
      '2026-03-01',
    );
    expect(problems).toEqual([
      expect.objectContaining({ field: 'institutions', expected: 29, actual: 28 }),
    ]);
    expect(problems[0].reason.lo).toContain('28');
  });

  it('refuses more participants with disability than participants', () => {
    expect(codes({ ...base, participants: { ...base.participants, withDisability: 30 } })).toEqual([
      'DISABILITY_EXCEEDS_TOTAL',
    ]);
  });

  it('refuses an event without participants', () => {
    expect(
      codes({
        ...base,
        institutions: [],
        participants: { female: 0, male: 0, other: 0, withDisability: null },
      }),
    ).toEqual(['NO_PARTICIPANTS']);
  });

  it('refuses an institution listed twice', () => {
    expect(
      codes({
        ...base,
        institutions: [
          { category: InstitutionCategory.COURT, name: 'Court A', count: 10 },
          { category: InstitutionCategory.COURT, name: ' court a ', count: 19 },
        ],
      }),
    ).toEqual(['DUPLICATE_INSTITUTION']);
  });

  it('allows a date up to a year ahead, not a day more', () => {
    expect(codes({ ...base, date: '2027-03-01' })).toEqual([]);
    expect(codes({ ...base, date: '2027-03-02' })).toEqual(['DATE_TOO_FAR_AHEAD']);
  });

  it('lists every problem at once', () => {
    expect(
      codes({
        date: '2030-01-01',
        participants: { female: 1, male: 1, other: 0, withDisability: 3 },
        institutions: [{ category: InstitutionCategory.OTHER, name: null, count: 1 }],
      }),
    ).toEqual(['DISABILITY_EXCEEDS_TOTAL', 'INSTITUTIONS_DO_NOT_ADD_UP', 'DATE_TOO_FAR_AHEAD']);
  });
});

describe('addYears', () => {
  it('moves 29 February to 1 March in a common year', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
    expect(addYears('2026-12-31', 1)).toBe('2027-12-31');
  });
});
