import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
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
import { MatrixItemView } from '../comment.dto';
import { MATRIX_COLUMNS, statusLabel, word } from './matrix-labels';

/**
 * The Lao font used across Lao government documents; Word substitutes a installed Lao font
 * (e.g. Noto Sans Lao) where it is missing. Set on every slot, as Word treats Lao as complex script.
 */
const LAO_FONT = 'Phetsarath OT';
const FONT = { ascii: LAO_FONT, hAnsi: LAO_FONT, cs: LAO_FONT, eastAsia: LAO_FONT };
const SIZE = 18; // half-points: 9 pt keeps a nine-column table readable on landscape A4

export interface MatrixDocumentInfo {
  title: string;
  subtitle: string;
}

/** Landscape A4 less 0.5-inch margins, in twentieths of a point. */
const TABLE_WIDTH = 16838 - 2 * 720;
/** Column shares in percent (sum 100), as widths in twentieths of a point. */
const WIDTHS = [4, 6, 11, 13, 22, 11, 8, 19, 6].map((p) => Math.floor((p / 100) * TABLE_WIDTH));

function runs(text: string, bold = false): Paragraph[] {
  // One paragraph per line, so line breaks in comments survive in Word.
  return (text || ' ')
    .split(/\r?\n/)
    .map(
      (line) =>
        new Paragraph({ children: [new TextRun({ text: line, bold, font: FONT, size: SIZE })] }),
    );
}

function cell(text: string, width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: runs(text, header),
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } } : {}),
  });
}

/** The comment matrix as a Word document: a landscape page with one real table, header row repeated. */
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
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: header.map((h, i) => cell(h, WIDTHS[i], true)),
    }),
    ...items.map(
      (item, n) =>
        new TableRow({
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
            item.text,
            item.quote ?? '',
            statusLabel(item.dispositionStatus, locale),
            item.response ?? '',
            item.answeredInVersion === null ? '' : String(item.answeredInVersion),
          ].map((text, i) => cell(text, WIDTHS[i])),
        }),
    ),
  ];
  const document = new Document({
    creator: 'court-guidelines',
    title: info.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
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
            children: [new TextRun({ text: info.title, bold: true, font: FONT, size: 28 })],
          }),
          new Paragraph({
            children: [new TextRun({ text: info.subtitle, font: FONT, size: SIZE })],
          }),
          new Table({
            width: { size: TABLE_WIDTH, type: WidthType.DXA },
            columnWidths: WIDTHS,
            rows,
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
