import { Reason } from '../court/reason';
import { reason } from '../court/catalogue';

/**
 * The consistency rules of a consultation event's figures: the parts must add up, so the
 * participation report can be trusted. Pure: the service loads today's date and the facts.
 */

export enum EventKind {
  WORKSHOP = 'WORKSHOP',
  TRAINING = 'TRAINING',
  TWG_MEETING = 'TWG_MEETING',
  COUNCIL_MEETING = 'COUNCIL_MEETING',
  CONSULTATION_MEETING = 'CONSULTATION_MEETING',
  OTHER = 'OTHER',
}

/** The known kinds of institution a participant comes from; the name itself is free text. */
export enum InstitutionCategory {
  COURT = 'COURT',
  PROSECUTION = 'PROSECUTION',
  POLICE = 'POLICE',
  JUSTICE = 'JUSTICE',
  WOMENS_UNION = 'WOMENS_UNION',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  OTHER = 'OTHER',
}

export const INSTITUTION_CATEGORY_NAMES: Record<InstitutionCategory, { en: string; lo: string }> = {
  [InstitutionCategory.COURT]: { en: 'Court', lo: 'ສານ' },
  [InstitutionCategory.PROSECUTION]: { en: 'Prosecution', lo: 'ອົງການໄອຍະການ' },
  [InstitutionCategory.POLICE]: { en: 'Police', lo: 'ຕຳຫຼວດ' },
  [InstitutionCategory.JUSTICE]: { en: 'Justice', lo: 'ຍຸຕິທຳ' },
  [InstitutionCategory.WOMENS_UNION]: { en: "Women's Union", lo: 'ສະຫະພັນແມ່ຍິງ' },
  [InstitutionCategory.CIVIL_SOCIETY]: { en: 'Civil society', lo: 'ອົງການຈັດຕັ້ງທາງສັງຄົມ' },
  [InstitutionCategory.OTHER]: { en: 'Other', lo: 'ອື່ນໆ' },
};

export interface ParticipantCounts {
  female: number;
  male: number;
  other: number;
  withDisability: number | null;
}

export interface InstitutionCount {
  category: InstitutionCategory;
  name: string | null;
  count: number;
}

export interface EventFigures {
  date: string;
  participants: ParticipantCounts;
  institutions: InstitutionCount[];
}

/** A finding of the rules, tied to the field to fix. */
export interface FigureProblem {
  field: string;
  reason: Reason;
  expected?: number;
  actual?: number;
}

export function totalOf(p: ParticipantCounts): number {
  return p.female + p.male + p.other;
}

/** `day` plus whole calendar years (29 February moves to 1 March in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Every rule the figures break (empty when they are consistent), so the caller fixes all at once. */
export function figureProblems(figures: EventFigures, today: string): FigureProblem[] {
  const problems: FigureProblem[] = [];
  const total = totalOf(figures.participants);

  if (total === 0) {
    problems.push({
      field: 'participants',
      reason: reason('NO_PARTICIPANTS'),
    });
  }

  const withDisability = figures.participants.withDisability;
  if (withDisability !== null && withDisability > total) {
    problems.push({
      field: 'participants.withDisability',
      expected: total,
      actual: withDisability,
      reason: reason('DISABILITY_EXCEEDS_TOTAL', { withDisability, total }),
    });
  }

  if (figures.institutions.length > 0) {
    const sum = figures.institutions.reduce((acc, i) => acc + i.count, 0);
    if (sum !== total) {
      problems.push({
        field: 'institutions',
        expected: total,
        actual: sum,
        reason: reason('INSTITUTIONS_DO_NOT_ADD_UP', { sum, total }),
      });
    }
    const seen = new Set<string>();
    figures.institutions.forEach((institution, index) => {
      const key = `${institution.category}\u0000${(institution.name ?? '').trim().toLowerCase()}`;
      if (seen.has(key)) {
        const named = institution.name;
        const category = INSTITUTION_CATEGORY_NAMES[institution.category];
        problems.push({
          field: `institutions.${index}`,
          reason: reason('DUPLICATE_INSTITUTION', {
            label: named ? { en: named, lo: named } : category,
          }),
        });
      }
      seen.add(key);
    });
  }

  const latest = addYears(today, 1);
  if (figures.date > latest) {
    problems.push({
      field: 'date',
      reason: reason('DATE_TOO_FAR_AHEAD', { date: figures.date, latest }),
    });
  }

  return problems;
}
