import {
  AlignmentType,
  Document,
  HeadingLevel,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { Locale } from '../../court/roles';
import { documentStyles, LANGUAGE_TAGS, styledRuns } from '../../formats/docx-style';
import { packDocx } from '../../formats/docx-package';
import { printableText } from '../../formats/printable-text';
import { columnWidths } from '../../formats/text-width';
import { MatrixItemView } from '../comment.dto';
import { MATRIX_COLUMNS, statusLabel, suggestionLabel, word } from './matrix-labels';

/**
 * The comment matrix as a Word document: a landscape page with one real table, its header row
 * repeated on every page, columns at least as wide as the longest word of their header, and rows
 * kept whole on one page (a row taller than a page is still broken by Word and LibreOffice).
 * Fonts and languages are the shared ones of src/formats/docx-style.ts.
 */

const SIZE = 18; // half-points: 9 pt keeps a nine-column table readable on landscape A4

export interface MatrixDocumentInfo {
  title: string;
  subtitle: string;
  /** When the matrix was read: the document's date. */
  generatedAt?: Date;
}

/** Landscape A4 less 0.5-inch margins, in twentieths of a point. */
const TABLE_WIDTH = 16838 - 2 * 720;
/** How the width left over after the headers is shared: most of it to the comment and response. */
const SHARES = [3, 4, 11, 13, 24, 11, 7, 21, 6];

function paragraphs(text: string, bold = false): Paragraph[] {
  // One paragraph per line, so line breaks in comments survive in Word.
  return printableText(text || ' ')
    .split(/\r\n?|\n/)
    .map(
      (line) =>
        new Paragraph({
          children: styledRuns(line, { bold, size: SIZE }).map((r) => new TextRun(r)),
        }),
    );
}

function cell(text: string, width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: paragraphs(text, header),
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } } : {}),
  });
}

export async function matrixDocx(
  items: MatrixItemView[],
  info: MatrixDocumentInfo,
  locale: Locale,
): Promise<Buffer> {
  const c = MATRIX_COLUMNS;
  const header = [
    c.number,
    c.version,
    c.section,
    c.commenter,
    c.comment,
    c.quote,
    c.disposition,
    c.response,
    c.answeredIn,
  ].map((w) => word(w, locale));
  const widths = columnWidths(header, SHARES, TABLE_WIDTH, SIZE);
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: header.map((h, i) => cell(h, widths[i], true)),
    }),
    ...items.map(
      (item, n) =>
        new TableRow({
          cantSplit: true,
          children: [
            String(n + 1),
            String(item.versionNumber),
            `${item.sectionKey}\n${item.sectionHeading}`,
            [
              item.commenter,
              item.institution,
              item.spokenBy ? `(${word(c.recordedBy, locale)}: ${item.author.name})` : null,
            ]
              .filter(Boolean)
              .join('\n'),
            // The suggested wording goes with the comment that proposes it.
            item.suggestion
              ? [
                  item.text,
                  `${word(c.suggestion, locale)}: ${item.suggestion.text}`,
                  `(${suggestionLabel(item.suggestion, locale)})`,
                ].join('\n')
              : item.text,
            item.quote ?? '',
            statusLabel(item.dispositionStatus, locale),
            item.response ?? '',
            item.answeredInVersion === null ? '' : String(item.answeredInVersion),
          ].map((text, i) => cell(text, widths[i])),
        }),
    ),
  ];
  const styles = documentStyles();
  const document = new Document({
    creator: 'Court guidelines service',
    lastModifiedBy: 'Court guidelines service',
    title: printableText(info.title),
    styles: {
      ...styles,
      default: {
        ...styles.default,
        document: {
          run: {
            ...styles.default?.document?.run,
            size: SIZE,
            language: { value: LANGUAGE_TAGS[locale], bidirectional: LANGUAGE_TAGS.lo },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.LEFT,
            children: styledRuns(info.title, { bold: true, size: 28 }).map((r) => new TextRun(r)),
          }),
          new Paragraph({
            children: styledRuns(info.subtitle, { size: SIZE }).map((r) => new TextRun(r)),
          }),
          new Table({
            width: { size: TABLE_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            rows,
          }),
        ],
      },
    ],
  });
  return packDocx(document, { created: info.generatedAt ?? new Date() });
}
