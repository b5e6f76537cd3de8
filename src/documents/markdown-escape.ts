/**
 * Plain text written into Markdown so that any CommonMark viewer shows it as the text it is —
 * paragraphs with their line breaks, nothing read as a heading, list, quote, code block, table,
 * emphasis, link or HTML — and read back exactly.
 *
 * - Characters with an inline meaning (`\ ` * _ [ ] < > & ~ |`) get a backslash, everywhere.
 * - At the start of a line, what would open a block gets a backslash too: `#`, `-`, `+`, `=`, and
 *   the `.` or `)` of `1.` / `1)`. A line that starts with a space or tab has that first character
 *   written as a character reference (`&#32;`, `&#9;`), so no indentation makes a code block.
 *   Lines of nothing but spaces stay as they are: blank lines, which part paragraphs as in Word.
 * - A line followed by another line of the same paragraph ends with a backslash: a hard line
 *   break, so the lines show as the Word document shows them, not run together.
 * - A carriage return that does not end a line is written `&#13;`.
 *
 * Reading back removes exactly what was added: every literal `\` and `&` was escaped, so a lone
 * trailing backslash and a bare `&#N;` can only be the writer's own.
 */

const INLINE = /[\\`*_[\]<>&~|]/g;
const BLOCK_START = /^(?:[#\-+=]|\d{1,9}(?=[.)]))/;

function isBlank(line: string): boolean {
  return /^[ \t]*\r?$/.test(line);
}

function escapeLine(line: string): string {
  if (isBlank(line)) return line;
  const eol = line.endsWith('\r') ? '\r' : '';
  let text = (eol ? line.slice(0, -1) : line).replace(INLINE, (ch) => `\\${ch}`);
  text = text.replace(/\r/g, '&#13;');
  const lead = /^[ \t]/.exec(text);
  if (lead) return `&#${lead[0].charCodeAt(0)};${text.slice(1)}${eol}`;
  const start = BLOCK_START.exec(text);
  if (start) {
    text = /^\d/.test(start[0]) ? `${start[0]}\\${text.slice(start[0].length)}` : `\\${text}`;
  }
  return `${text}${eol}`;
}

/** `text` (lines split at `\n`) as Markdown lines. */
export function escapeMarkdownLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => {
    const escaped = escapeLine(line);
    const next = lines[i + 1];
    if (isBlank(line) || next === undefined || isBlank(next)) return escaped;
    // Hard line break: a backslash right before the line ending.
    return escaped.endsWith('\r') ? `${escaped.slice(0, -1)}\\\r` : `${escaped}\\`;
  });
}

function unescapeLine(line: string): string {
  const eol = line.endsWith('\r') ? '\r' : '';
  let text = eol ? line.slice(0, -1) : line;
  const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
  if (trailing % 2 === 1) text = text.slice(0, -1);
  return (
    text.replace(/\\([\s\S])|&#(\d+);/g, (_, escaped: string | undefined, code: string) =>
      escaped !== undefined ? escaped : String.fromCharCode(Number(code)),
    ) + eol
  );
}

/** The text `escapeMarkdownLines` wrote, from its lines. */
export function unescapeMarkdownLines(lines: string[]): string {
  return lines.map(unescapeLine).join('\n');
}

/** One line of inline text (a heading): inline characters and every `#` escaped. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(INLINE, (ch) => `\\${ch}`).replace(/#/g, '\\#');
}

export function unescapeMarkdownInline(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}
