import { INSTITUTION_CATEGORY_NAMES, InstitutionCategory } from '../events/participation-rules';

/**
 * The participation report, the way the programme's fact sheet writes it: "32 events in Lao PDR,
 * with 665 participants (45% female, 54% male, 0.75% other)". Pure: the repository sums the
 * figures in SQL, this file turns them into shares and words.
 *
 * Share rule (one place): percent = 100 × part / total, rounded half up to one decimal place, or
 * to two where the share is under 1% (so a small group never shows as 0%); trailing zeros are
 * dropped, as the fact sheet prints "45%" and "0.75%". Edge cases: no participants -> null and
 * "–"; a non-zero share below 0.005% -> "<0.01%"; a share short of the whole that would round to
 * 100 -> ">99.9%". The number (`percent`) is the rounded figure the label shows.
 */

export interface Share {
  count: number;
  /** Rounded as the label shows it; null when there is nothing to divide by. */
  percent: number | null;
  label: string;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function shareOf(count: number, total: number): Share {
  if (total <= 0) return { count, percent: null, label: '–' };
  if (count === 0) return { count, percent: 0, label: '0%' };
  // Integer numerators keep half-up rounding exact (k + 0.5 is representable in binary).
  const hundredths = Math.round((10000 * count) / total) / 100;
  if ((100 * count) / total < 1 && hundredths < 1) {
    if (hundredths === 0) return { count, percent: 0.01, label: '<0.01%' };
    return { count, percent: hundredths, label: `${trimZeros(hundredths.toFixed(2))}%` };
  }
  const tenths = Math.round((1000 * count) / total) / 10;
  if (tenths === 100 && count < total) return { count, percent: 99.9, label: '>99.9%' };
  return { count, percent: tenths, label: `${trimZeros(tenths.toFixed(1))}%` };
}

/** The sums the repository reads for the events that match the filters. */
export interface ParticipationTotals {
  events: number;
  female: number;
  male: number;
  other: number;
  withDisability: number;
  /** Events that recorded persons with disability, and their participants (the share's base). */
  eventsReportingDisability: number;
  participantsInEventsReportingDisability: number;
  /** Participants of events that gave a breakdown by institution. */
  participantsWithInstitutionBreakdown: number;
}

export interface InstitutionTotal {
  category: InstitutionCategory;
  name: string | null;
  count: number;
}

export interface ParticipationFilters {
  guidelineId?: string;
  stage?: string;
  from?: string;
  to?: string;
  province?: string;
}

export interface InstitutionShare extends Share {
  category: InstitutionCategory;
  categoryName: { en: string; lo: string };
  name: string | null;
}

export interface CategoryShare extends Share {
  category: InstitutionCategory;
  name: { en: string; lo: string };
}

export interface ParticipationReport {
  filters: ParticipationFilters;
  events: number;
  participants: number;
  bySex: { female: Share; male: Share; other: Share };
  withDisability: Share & { eventsReporting: number; base: number };
  byCategory: CategoryShare[];
  byInstitution: InstitutionShare[];
  /** Participants of events recorded without a breakdown by institution. */
  withoutInstitutionBreakdown: Share;
  summary: { en: string; lo: string };
}

const CATEGORY_ORDER = Object.values(InstitutionCategory);

export function buildParticipationReport(
  filters: ParticipationFilters,
  totals: ParticipationTotals,
  institutions: InstitutionTotal[],
): ParticipationReport {
  const participants = totals.female + totals.male + totals.other;
  const bySex = {
    female: shareOf(totals.female, participants),
    male: shareOf(totals.male, participants),
    other: shareOf(totals.other, participants),
  };

  const perCategory = new Map<InstitutionCategory, number>();
  for (const row of institutions) {
    perCategory.set(row.category, (perCategory.get(row.category) ?? 0) + row.count);
  }
  const byCategory = CATEGORY_ORDER.filter((c) => perCategory.has(c)).map((category) => ({
    category,
    name: INSTITUTION_CATEGORY_NAMES[category],
    ...shareOf(perCategory.get(category)!, participants),
  }));

  const byInstitution = [...institutions]
    .sort(
      (a, b) =>
        b.count - a.count ||
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    )
    .map((row) => ({
      category: row.category,
      categoryName: INSTITUTION_CATEGORY_NAMES[row.category],
      name: row.name,
      ...shareOf(row.count, participants),
    }));

  const base = totals.participantsInEventsReportingDisability;
  return {
    filters,
    events: totals.events,
    participants,
    bySex,
    withDisability: {
      ...shareOf(totals.withDisability, base),
      eventsReporting: totals.eventsReportingDisability,
      base,
    },
    byCategory,
    byInstitution,
    withoutInstitutionBreakdown: shareOf(
      participants - totals.participantsWithInstitutionBreakdown,
      participants,
    ),
    summary: summaryOf(totals.events, participants, bySex),
  };
}

/** "32 events, with 665 participants (45.1% female, 54.1% male, 0.75% other)", in both languages. */
export function summaryOf(
  events: number,
  participants: number,
  bySex: { female: Share; male: Share; other: Share },
): { en: string; lo: string } {
  const { female, male, other } = bySex;
  const eventWord = events === 1 ? 'event' : 'events';
  const participantWord = participants === 1 ? 'participant' : 'participants';
  return {
    en:
      `${events} ${eventWord}, with ${participants} ${participantWord} ` +
      `(${female.label} female, ${male.label} male, ${other.label} other)`,
    lo:
      `${events} ກິດຈະກຳ, ມີຜູ້ເຂົ້າຮ່ວມ ${participants} ຄົນ ` +
      `(ຍິງ ${female.label}, ຊາຍ ${male.label}, ອື່ນໆ ${other.label})`,
  };
}
