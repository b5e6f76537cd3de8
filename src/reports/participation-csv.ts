import { Locale } from '../court/roles';
import { ParticipationReport, Share } from './participation-report';

/** Spreadsheet programs read UTF-8 (and so Lao) correctly only when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

const HEADER = ['measure', 'category', 'category_name', 'institution', 'count', 'percent', 'share'];

/**
 * One CSV field (RFC 4180). Free text that a spreadsheet would run as a formula (=, +, -, @)
 * gets a leading apostrophe, the usual guard against CSV injection.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as one tidy table: one row per figure, CRLF line ends, UTF-8 with BOM. */
export function participationCsv(report: ParticipationReport, locale: Locale): string {
  const rows: (string | number | null)[][] = [];
  const share = (measure: string, s: Share) => [
    measure,
    null,
    null,
    null,
    s.count,
    s.percent,
    s.label,
  ];
  rows.push(['events', null, null, null, report.events, null, null]);
  rows.push(['participants', null, null, null, report.participants, null, null]);
  rows.push(share('female', report.bySex.female));
  rows.push(share('male', report.bySex.male));
  rows.push(share('other', report.bySex.other));
  rows.push(share('with_disability', report.withDisability));
  for (const c of report.byCategory) {
    rows.push(['category', c.category, c.name[locale], null, c.count, c.percent, c.label]);
  }
  for (const i of report.byInstitution) {
    rows.push([
      'institution',
      i.category,
      i.categoryName[locale],
      i.name,
      i.count,
      i.percent,
      i.label,
    ]);
  }
  rows.push(share('without_institution_breakdown', report.withoutInstitutionBreakdown));
  const lines = [HEADER, ...rows].map((row) => row.map(csvField).join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
