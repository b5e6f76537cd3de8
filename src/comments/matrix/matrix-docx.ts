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
import {
  documentStyles,
  LANGUAGE_TAGS,
  scriptCharacterStyles,
  styledRuns,
} from '../../formats/docx-style';
import { packDocx } from '../../formats/docx-package';
import { styledParagraphXml } from '../../formats/docx-xml';
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

/** A cell's text as lines: one paragraph per line, so line breaks in comments survive in Word. */
function lines(text: string): string[] {
  return printableText(text || ' ').split(/\r\n?|\n/);
}

function headerCell(text: string, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: lines(text).map(
      (line) =>
        new Paragraph({
          children: styledRuns(line, { bold: true, size: SIZE }).map((r) => new TextRun(r)),
        }),
    ),
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' },
  });
}

/** The texts of one comment's row, column by column (`n` counts from 0). */
export function matrixRowTexts(item: MatrixItemView, n: number, locale: Locale): string[] {
  const c = MATRIX_COLUMNS;
  return [
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
  ];
}

/**
 * Body rows as WordprocessingML: the same XML docx writes for a TableRow of cells of paragraphs
 * of runs that name their script's character style (held to it by matrix-docx.spec.ts), written
 * in one pass. 20,000 rows in docx's object model took 20 s, most of it building and walking
 * objects; with the fonts and language on every run they were 90 MB of XML, by style 20 MB. The
 * size (9 pt) is the document's default. A cell's XML is kept by its text for the texts that
 * repeat (statuses, sections, names, institutions).
 */
export class MatrixRowWriter {
  private readonly cells = new Map<string, string>();

  constructor(private readonly widths: number[]) {}

  row(texts: string[]): string {
    let xml = '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
    texts.forEach((text, i) => {
      const key = `${i}\u0000${text}`;
      let cellXml = this.cells.get(key);
      if (cellXml === undefined) {
        cellXml = `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${this.widths[i]}"/></w:tcPr>`;
        for (const line of lines(text)) cellXml += styledParagraphXml(line);
        cellXml += '</w:tc>';
        if (text.length <= 200 && this.cells.size < 50_000) this.cells.set(key, cellXml);
      }
      xml += cellXml;
    });
    return `${xml}</w:tr>`;
  }
}

/** Where the body rows go in the document's XML: the end of its one table. */
const TABLE_END = '</w:tbl>';

function* withBodyRows(
  xml: string,
  items: MatrixItemView[],
  locale: Locale,
  writer: MatrixRowWriter,
): Generator<string> {
  const at = xml.indexOf(TABLE_END);
  if (at < 0) throw new Error('matrixDocx: the table is missing from the document');
  yield xml.slice(0, at);
  for (let n = 0; n < items.length; n++) yield writer.row(matrixRowTexts(items[n], n, locale));
  yield xml.slice(at);
}

/** The header words of the table, in the export's language. */
export function matrixHeader(locale: Locale): string[] {
  const c = MATRIX_COLUMNS;
  return [
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
}

export function matrixColumnWidths(header: string[]): number[] {
  return columnWidths(header, SHARES, TABLE_WIDTH, SIZE);
}

export async function matrixDocx(
  items: MatrixItemView[],
  info: MatrixDocumentInfo,
  locale: Locale,
): Promise<Buffer> {
  const header = matrixHeader(locale);
  const widths = matrixColumnWidths(header);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map((h, i) => headerCell(h, widths[i])),
  });
  const styles = documentStyles();
  const document = new Document({
    creator: 'Court guidelines service',
    lastModifiedBy: 'Court guidelines service',
    title: printableText(info.title),
    styles: {
      ...styles,
      characterStyles: scriptCharacterStyles(),
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
            rows: [headerRow],
          }),
        ],
      },
    ],
  });
  // The body rows join the table docx wrote (its properties, grid and header row) as text.
  return packDocx(document, {
    created: info.generatedAt ?? new Date(),
    documentXml: (xml) => withBodyRows(xml, items, locale, new MatrixRowWriter(widths)),
  });
}
