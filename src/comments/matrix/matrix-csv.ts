import { Locale } from '../../court/roles';
import { csvFile } from '../../formats/csv';
import { MatrixItemView } from '../comment.dto';
import { MATRIX_COLUMNS, statusLabel, suggestionLabel, word } from './matrix-labels';

/**
 * The comment matrix as CSV (src/formats/csv.ts: UTF-8 with a byte-order mark so that spreadsheet
 * programs show Lao, formulas kept as text), headers and dispositions in the export's language.
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
  return csvFile([header, ...records]);
}
