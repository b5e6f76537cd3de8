/**
 * The one rule for control characters in the files people open (Word documents, CSV for
 * spreadsheets, Markdown): the same text comes out the same way in each of them.
 *
 * - Characters that mean "new line" in some program — vertical tab (Word's manual line break when
 *   text is pasted), form feed, NEL, and the Unicode line and paragraph separators — become a line
 *   break (`\n`), which every format then writes in its own way (a `w:br`, a line break inside a
 *   quoted CSV field, a line of Markdown).
 * - Tab, line feed and carriage return stay as they are.
 * - Every other control character (C0, DEL, C1), the noncharacters U+FFFE and U+FFFF and lone
 *   surrogate halves are dropped: they have no visible form, XML 1.0 cannot carry most of them
 *   (Word refuses such a file), and a spreadsheet shows them as boxes.
 *
 * JSON answers carry the record exactly (JSON escapes every control character), so this rule is
 * for the document formats only.
 */

// eslint-disable-next-line no-control-regex
const LINE_BREAK_LIKE = /[\u000B\u000C\u0085\u2028\u2029]/g;
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function printableText(text: string): string {
  return text.replace(LINE_BREAK_LIKE, '\n').replace(INVISIBLE, '');
}
