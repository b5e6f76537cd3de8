import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { documentStyles, latinRun, RunStyle, STYLE_IDS, styledRuns } from '../formats/docx-style';
import { packDocx } from '../formats/docx-package';
import { printableText } from '../formats/printable-text';
import { stageName } from '../court/stage';
import { bilingual, DOCUMENT_WORDS as W, statusWords } from './document-words';
import {
  DocumentSection,
  GuidelineDocument,
  sectionNumbers,
  versionStatus,
} from './guideline-document';

/**
 * A version as a Word document the court can print and sign: a title page in Lao and English
 * (titles, code, version, publication, status, content hash), then — from page 1 — a table of
 * contents when there are more than a few sections, and the sections in order: text sections as
 * numbered Heading 1 paragraphs with their text, runs of indicator sections as tables (code,
 * statement, category) whose rows do not split across pages. Pure: data in, bytes out, and the
 * same data gives the same bytes (dates come from the record).
 *
 * Fonts, languages and heading styles are the shared ones of src/formats/docx-style.ts.
 */

/** From this many numbered sections on, the document opens with a table of contents. */
export const CONTENTS_FROM_SECTIONS = 6;

function runs(text: string, style: RunStyle = {}): TextRun[] {
  return styledRuns(text, style).map((options) => new TextRun(options));
}

/** `YYYY-MM-DD` of a moment in the court's time zone. */
function dayIn(moment: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(moment);
}

/** A body becomes paragraphs at blank lines; single line breaks stay line breaks. */
function bodyParagraphs(body: string): Paragraph[] {
  const normalized = printableText(body).replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return [];
  return normalized
    .split(/\n[ \t]*\n+/)
    .filter((block) => block.trim() !== '')
    .map(
      (block) =>
        new Paragraph({
          spacing: { after: 120 },
          children: runs(block.replace(/^\n+|\n+$/g, '')),
        }),
    );
}

function titlePage(doc: GuidelineDocument, timeZone: string): Paragraph[] {
  const { guideline, version } = doc;
  const versionStage = stageName(version.stage);
  const status = versionStatus(doc);
  const centered = (children: TextRun[], after = 160) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
  const fact = (label: string, value: string, style: RunStyle = {}) =>
    centered([...runs(`${label}: `, { bold: true }), ...runs(value, style)]);

  return [
    centered(runs(bilingual(W.court), { size: 24 }), 1200),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: runs(guideline.title.lo, { size: 44, bold: true }),
    }),
    centered(runs(guideline.title.en, { size: 36, bold: true }), 720),
    fact(bilingual(W.code), guideline.code),
    fact(bilingual(W.version), String(version.number)),
    fact(
      bilingual(W.published),
      `${dayIn(version.publishedAt, timeZone)} (${versionStage.lo} / ${versionStage.en})`,
    ),
    fact(bilingual(W.status), bilingual(statusWords(status))),
    ...(status.kind === 'adopted'
      ? [fact(bilingual(W.adoptedOn), dayIn(status.adoptedAt, timeZone))]
      : []),
    fact(bilingual(W.contentHash), version.contentHash, { mono: true, size: 18 }),
  ];
}

function headerCell(text: string, widthPercent: number): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    shading: { fill: 'D9E2F3' },
    children: [new Paragraph({ keepNext: true, children: runs(text, { bold: true }) })],
  });
}

const INDICATOR_COLUMNS = [15, 60, 25];

function indicatorTable(indicators: DocumentSection[]): Table {
  const [codeWidth, statementWidth, categoryWidth] = INDICATOR_COLUMNS;
  const rows = indicators.map(
    (section) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: codeWidth, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: runs(section.code ?? '', { bold: true }) })],
          }),
          new TableCell({
            width: { size: statementWidth, type: WidthType.PERCENTAGE },
            children: [
              new Paragraph({
                spacing: { after: 80 },
                children: runs(section.heading, { bold: true }),
              }),
              ...bodyParagraphs(section.body),
            ],
          }),
          new TableCell({
            width: { size: categoryWidth, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: runs(section.category ?? '') })],
          }),
        ],
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          headerCell(bilingual(W.code), codeWidth),
          headerCell(bilingual(W.indicator), statementWidth),
          headerCell(bilingual(W.category), categoryWidth),
        ],
      }),
      ...rows,
    ],
  });
}

/** Text sections as numbered headings; each run of consecutive indicators becomes one table. */
function contentBlocks(sections: DocumentSection[]): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  const numbers = sectionNumbers(sections);
  let indicators: DocumentSection[] = [];
  const flushIndicators = () => {
    if (indicators.length === 0) return;
    blocks.push(indicatorTable(indicators), new Paragraph({ children: [] }));
    indicators = [];
  };
  sections.forEach((section, i) => {
    if (section.kind === 'indicator') {
      indicators.push(section);
      return;
    }
    flushIndicators();
    blocks.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: runs(`${numbers[i]}. ${section.heading.replace(/\s+/g, ' ').trim()}`),
      }),
      ...bodyParagraphs(section.body),
    );
  });
  flushIndicators();
  return blocks;
}

/** The table of contents on page 1, filled in from the headings (Word and LibreOffice update it). */
function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ style: STYLE_IDS.contentsHeading, children: runs(bilingual(W.contents)) }),
    new TableOfContents(bilingual(W.contents), { hyperlink: true, headingStyleRange: '1-3' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

export async function buildGuidelineDocx(
  doc: GuidelineDocument,
  timeZone: string,
): Promise<Buffer> {
  const { guideline, version } = doc;
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          ...runs(
            `${guideline.code} · v${version.number} · SHA-256 ${version.contentHash.slice(0, 12)}… · `,
            { size: 16 },
          ),
          new TextRun({ ...latinRun({ size: 16 }), children: [PageNumber.CURRENT] }),
        ],
      }),
    ],
  });
  const numbered = sectionNumbers(doc.sections).filter((n) => n !== null).length;
  const document = new Document({
    title: printableText(`${guideline.code} v${version.number} — ${guideline.title.en}`),
    subject: printableText(guideline.title.lo),
    creator: 'Court guidelines service',
    lastModifiedBy: 'Court guidelines service',
    description: printableText(
      `${guideline.title.en} / ${guideline.title.lo}, version ${version.number}. Content hash (SHA-256): ${version.contentHash}`,
    ),
    keywords: printableText(`${guideline.code}; version ${version.number}; ${version.contentHash}`),
    revision: version.number,
    customProperties: [
      { name: 'GuidelineCode', value: printableText(guideline.code) },
      { name: 'VersionNumber', value: String(version.number) },
      { name: 'ContentHash', value: version.contentHash },
      { name: 'VersionStage', value: version.stage },
      ...(version.adoptedAt
        ? [{ name: 'AdoptedOn', value: dayIn(version.adoptedAt, timeZone) }]
        : []),
    ],
    styles: documentStyles(),
    sections: [
      { children: titlePage(doc, timeZone) },
      {
        // Page 1 is the first page after the title page, which has no number.
        properties: { page: { pageNumbers: { start: 1 } } },
        footers: { default: footer },
        children: [
          ...(numbered >= CONTENTS_FROM_SECTIONS ? contents() : []),
          ...contentBlocks(doc.sections),
        ],
      },
    ],
  });
  return packDocx(document, {
    created: version.publishedAt,
    modified: version.adoptedAt ?? version.publishedAt,
  });
}
