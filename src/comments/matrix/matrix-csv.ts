import { Locale } from '../../court/roles';
import { MatrixItemView } from '../comment.dto';
import { MATRIX_COLUMNS, statusLabel, suggestionLabel, word } from './matrix-labels';

/** Spreadsheet programs run cells starting with these as formulas; an apostrophe keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: every field quoted, quotes doubled, records ended by CRLF. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The comment matrix as CSV, UTF-8 with a byte-order mark so that spreadsheet programs detect
 * UTF-8 and show Lao correctly.
 */
export function matrixCsv(items: MatrixItemView[], locale: Locale): Buffer {
  const c = MATRIX_COLUMNS;
  const header = [
    c.version,
    c.section,
    c.heading,
    c.commenter,
    c.institution,
    c.recordedBy,
    c.comment,
    c.quote,
    c.disposition,
    c.response,
    c.answeredIn,
    c.suggestion,
    c.suggestionStatus,
  ].map((w) => word(w, locale));
  const records = items.map((i) => [
    i.versionNumber,
    i.sectionKey,
    i.sectionHeading,
    i.commenter,
    i.institution,
    i.spokenBy ? i.author.name : null,
    i.text,
    i.quote,
    statusLabel(i.dispositionStatus, locale),
    i.response,
    i.answeredInVersion,
    i.suggestion?.text ?? null,
    suggestionLabel(i.suggestion, locale),
  ]);
  const lines = [header, ...records].map((fields) => fields.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
