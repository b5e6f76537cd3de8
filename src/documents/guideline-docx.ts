import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { stageName } from '../court/stage';
import { DocumentSection, GuidelineDocument } from './guideline-document';

/**
 * A version as a Word document the court can print and sign: a title page in Lao and English
 * (titles, code, version, stages, adoption date, content hash), then the sections in order —
 * text sections as numbered headings with their paragraphs, runs of indicator sections as tables
 * (code, statement, category). Pure: data in, bytes out.
 *
 * Lao needs a Lao-capable font: every run names Phetsarath OT (the font of Lao government
 * documents) for Latin and complex-script text — Word treats Lao as complex script — and
 * Noto Sans Lao in the East Asian slot, the fallback OOXML lets a run name. The complex-script
 * language is lo-LA so Word's proofing and line breaking treat the Lao runs as Lao.
 */

export const LAO_FONT = {
  ascii: 'Phetsarath OT',
  hAnsi: 'Phetsarath OT',
  cs: 'Phetsarath OT',
  eastAsia: 'Noto Sans Lao',
} as const;
const HASH_FONT = { ...LAO_FONT, ascii: 'Consolas', hAnsi: 'Consolas' };
const LANGUAGE = { value: 'en-US', eastAsia: 'lo-LA', bidirectional: 'lo-LA' };

/** XML 1.0 cannot carry most control characters; Word refuses a file that has them. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function run(text: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({ ...options, text: printable(text), font: LAO_FONT, language: LANGUAGE });
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
  const normalized = body.replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return [];
  return normalized
    .split(/\n[ \t]*\n+/)
    .filter((block) => block.trim() !== '')
    .map(
      (block) =>
        new Paragraph({
          spacing: { after: 120 },
          children: block
            .replace(/^\n+|\n+$/g, '')
            .split('\n')
            .map((line, i) => run(line, i > 0 ? { break: 1 } : {})),
        }),
    );
}

function titlePage(doc: GuidelineDocument, timeZone: string): Paragraph[] {
  const { guideline, version } = doc;
  const versionStage = stageName(version.stage);
  const currentStage = stageName(guideline.stage);
  const centered = (children: TextRun[], after = 160) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
  const fact = (label: string, value: string, options: { hash?: boolean } = {}) =>
    centered([
      run(`${label}: `, { bold: true }),
      options.hash
        ? new TextRun({ text: value, font: HASH_FONT, language: LANGUAGE, size: 18 })
        : run(value),
    ]);

  const adoption = version.adoptedAt
    ? fact('ຮັບຮອງວັນທີ / Adopted on', dayIn(version.adoptedAt, timeZone))
    : fact(
        'ສະຖານະ / Status',
        `${currentStage.lo} / ${currentStage.en} — ບໍ່ແມ່ນສະບັບທີ່ຮັບຮອງ / not the adopted version`,
      );

  return [
    centered([run('ສານປະຊາຊົນສູງສຸດ / People’s Supreme Court', { size: 24 })], 1200),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(guideline.title.lo, { size: 44, bold: true })],
    }),
    centered([run(guideline.title.en, { size: 36, bold: true })], 720),
    fact('ລະຫັດ / Code', guideline.code),
    fact('ສະບັບທີ / Version', String(version.number)),
    fact(
      'ເຜີຍແຜ່ / Published',
      `${dayIn(version.publishedAt, timeZone)} (${versionStage.lo} / ${versionStage.en})`,
    ),
    adoption,
    fact('ລະຫັດກວດສອບເນື້ອໃນ / Content hash (SHA-256)', version.contentHash, { hash: true }),
  ];
}

function headerCell(text: string): TableCell {
  return new TableCell({
    shading: { fill: 'D9E2F3' },
    children: [new Paragraph({ children: [run(text, { bold: true })] })],
  });
}

function indicatorTable(indicators: DocumentSection[]): Table {
  const rows = indicators.map(
    (section) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: 15, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: [run(section.code ?? '', { bold: true })] })],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            children: [
              new Paragraph({
                spacing: { after: 80 },
                children: [run(section.heading, { bold: true })],
              }),
              ...bodyParagraphs(section.body),
            ],
          }),
          new TableCell({
            width: { size: 25, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: [run(section.category ?? '')] })],
          }),
        ],
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          headerCell('ລະຫັດ / Code'),
          headerCell('ຕົວຊີ້ວັດ / Indicator statement'),
          headerCell('ໝວດ / Category'),
        ],
      }),
      ...rows,
    ],
  });
}

/** Text sections numbered 1, 2, 3…; each run of consecutive indicators becomes one table. */
function contentBlocks(sections: DocumentSection[]): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  let number = 0;
  let indicators: DocumentSection[] = [];
  const flushIndicators = () => {
    if (indicators.length === 0) return;
    blocks.push(indicatorTable(indicators), new Paragraph({ children: [] }));
    indicators = [];
  };
  for (const section of sections) {
    if (section.kind === 'indicator') {
      indicators.push(section);
      continue;
    }
    flushIndicators();
    number += 1;
    blocks.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 240, after: 120 },
        keepNext: true,
        children: [run(`${number}. `), run(section.heading)],
      }),
      ...bodyParagraphs(section.body),
    );
  }
  flushIndicators();
  return blocks;
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
          run(
            `${guideline.code} · v${version.number} · SHA-256 ${version.contentHash.slice(0, 12)}… · `,
            {
              size: 16,
            },
          ),
          new TextRun({ children: [PageNumber.CURRENT], font: LAO_FONT, size: 16 }),
        ],
      }),
    ],
  });
  const document = new Document({
    title: printable(`${guideline.code} v${version.number} — ${guideline.title.en}`),
    subject: printable(guideline.title.lo),
    creator: 'Court guidelines service',
    description: printable(
      `${guideline.title.en} / ${guideline.title.lo}, version ${version.number}. Content hash (SHA-256): ${version.contentHash}`,
    ),
    keywords: printable(`${guideline.code}; version ${version.number}; ${version.contentHash}`),
    revision: version.number,
    customProperties: [
      { name: 'GuidelineCode', value: printable(guideline.code) },
      { name: 'VersionNumber', value: String(version.number) },
      { name: 'ContentHash', value: version.contentHash },
      { name: 'VersionStage', value: version.stage },
      ...(version.adoptedAt
        ? [{ name: 'AdoptedOn', value: dayIn(version.adoptedAt, timeZone) }]
        : []),
    ],
    styles: {
      default: {
        document: { run: { font: LAO_FONT, size: 22, language: LANGUAGE } },
        heading1: { run: { font: LAO_FONT, size: 28, bold: true, color: '1F3864' } },
        title: { run: { font: LAO_FONT } },
      },
    },
    sections: [
      { children: titlePage(doc, timeZone) },
      { footers: { default: footer }, children: contentBlocks(doc.sections) },
    ],
  });
  return Packer.toBuffer(document);
}
