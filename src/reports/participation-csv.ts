import { Locale } from '../court/roles';
import { CsvValue, csvFile } from '../formats/csv';
import { ParticipationReport, Share } from './participation-report';

type Words = { en: string; lo: string };

/** The CSV's column headers and measures, in the export's language (words of the report screen). */
export const PARTICIPATION_CSV_WORDS = {
  columns: {
    measure: { en: 'Measure', lo: 'ລາຍການ' },
    category: { en: 'Kind of institution', lo: 'ປະເພດອົງການ' },
    institution: { en: 'Institution', lo: 'ອົງການ' },
    count: { en: 'Number', lo: 'ຈຳນວນ' },
    percent: { en: 'Percent', lo: 'ເປີເຊັນ' },
    share: { en: 'Share', lo: 'ສ່ວນຮ້ອຍ' },
  },
  measures: {
    events: { en: 'Events', lo: 'ກິດຈະກຳ' },
    participants: { en: 'Participants', lo: 'ຜູ້ເຂົ້າຮ່ວມ' },
    female: { en: 'Female', lo: 'ຍິງ' },
    male: { en: 'Male', lo: 'ຊາຍ' },
    other: { en: 'Other', lo: 'ອື່ນໆ' },
    withDisability: { en: 'Persons with disability', lo: 'ຄົນພິການ' },
    category: { en: 'Kind of institution', lo: 'ປະເພດອົງການ' },
    institution: { en: 'Institution', lo: 'ອົງການ' },
    withoutBreakdown: { en: 'Not counted by institution', lo: 'ບໍ່ມີຂໍ້ມູນຕາມອົງການ' },
  },
} satisfies { columns: Record<string, Words>; measures: Record<string, Words> };

/**
 * The report as one tidy table, one row per figure: measure, kind of institution, institution,
 * number, percent (the rounded figure) and share (its label, "45.1%"). Every header, measure and
 * category name in the export's language; institution names as recorded.
 */
export function participationCsv(report: ParticipationReport, locale: Locale): Buffer {
  const { columns: c, measures: m } = PARTICIPATION_CSV_WORDS;
  const share = (measure: Words, s: Share): CsvValue[] => [
    measure[locale],
    null,
    null,
    s.count,
    s.percent,
    s.label,
  ];
  const rows: CsvValue[][] = [
    [c.measure, c.category, c.institution, c.count, c.percent, c.share].map((w) => w[locale]),
    [m.events[locale], null, null, report.events, null, null],
    [m.participants[locale], null, null, report.participants, null, null],
    share(m.female, report.bySex.female),
    share(m.male, report.bySex.male),
    share(m.other, report.bySex.other),
    share(m.withDisability, report.withDisability),
    ...report.byCategory.map((cat) => [
      m.category[locale],
      cat.name[locale],
      null,
      cat.count,
      cat.percent,
      cat.label,
    ]),
    ...report.byInstitution.map((i) => [
      m.institution[locale],
      i.categoryName[locale],
      i.name,
      i.count,
      i.percent,
      i.label,
    ]),
    share(m.withoutBreakdown, report.withoutInstitutionBreakdown),
  ];
  return csvFile(rows);
}
