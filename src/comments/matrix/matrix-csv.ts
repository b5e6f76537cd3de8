import { Locale } from '../../court/roles';
import { csvField, CsvValue, UTF8_BOM } from '../../formats/csv';
import { MatrixItemView } from '../comment.dto';
import { MATRIX_COLUMNS, statusLabel, suggestionLabel, word } from './matrix-labels';

/**
 * The comment matrix as CSV (src/formats/csv.ts: UTF-8 with a byte-order mark so that spreadsheet
 * programs show Lao, formulas kept as text), headers and dispositions in the export's language.
 */
export function matrixCsvHeader(locale: Locale): string[] {
  const c = MATRIX_COLUMNS;
  return [
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
}

export function matrixCsvRecord(i: MatrixItemView, locale: Locale): CsvValue[] {
  return [
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
  ];
}

const line = (values: CsvValue[]) => `${values.map(csvField).join(',')}\r\n`;

/**
 * The file as it is written, page by page of comments: the byte-order mark and the header, then
 * one CRLF-ended record per comment (the same bytes as csvFile of the whole table).
 */
export async function* matrixCsvChunks(
  pages: AsyncIterable<MatrixItemView[]>,
  locale: Locale,
): AsyncGenerator<string> {
  yield UTF8_BOM + line(matrixCsvHeader(locale));
  for await (const items of pages) {
    yield items.map((item) => line(matrixCsvRecord(item, locale))).join('');
  }
}
