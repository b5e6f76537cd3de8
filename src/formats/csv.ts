import { printableText } from './printable-text';

/**
 * CSV for spreadsheets (RFC 4180), one writer for every export: UTF-8 with a byte-order mark (so
 * Excel and LibreOffice detect UTF-8 and show Lao), CRLF record ends, text fields quoted with their
 * quotes doubled, numbers bare, control characters by the shared rule (printable-text.ts).
 *
 * Formula guard. A spreadsheet evaluates a cell that starts with `=`, and Excel also one that
 * starts with `+`, `-` or `@` when a formula can follow, even after leading tabs or line breaks;
 * an attacker's `=HYPERLINK(…)` or `-2+3+cmd|…` then runs. Such a cell gets a leading apostrophe,
 * which keeps it text. Only those: text after a dash that no formula can start with — Lao words,
 * a space then Lao, a lone dash — is left as written, so ordinary Lao comments show no apostrophe.
 */

export const UTF8_BOM = '\uFEFF';

/**
 * What can follow `+`, `-` or `@` in a formula: a number, a cell reference or function name (Latin
 * letters, `$`), a string, a bracket, a sign or another operator start. Lao letters cannot.
 */
const FORMULA_OPERAND = /^[ \t]*[0-9A-Za-z\u00C0-\u024F$.("'[{#=+\-@]/;

/** Would a spreadsheet evaluate this text as a formula? */
export function wouldEvaluateAsFormula(text: string): boolean {
  const cell = text.replace(/^[\t\r\n]+/, '');
  if (cell.startsWith('=')) return true;
  if (/^[+\-@]/.test(cell)) return FORMULA_OPERAND.test(cell.slice(1));
  return false;
}

export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = printableText(value);
  if (wouldEvaluateAsFormula(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole CSV file: BOM, records joined by CRLF, a final CRLF. */
export function csvFile(rows: CsvValue[][]): Buffer {
  const lines = rows.map((row) => row.map(csvField).join(','));
  return Buffer.from(`${UTF8_BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}
