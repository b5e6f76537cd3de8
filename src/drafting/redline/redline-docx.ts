import {
  AlignmentType,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Paragraph,
  ParagraphChild,
  SectionType,
  TextRun,
} from 'docx';
import { documentStyles, RunStyle, styledRuns } from '../../formats/docx-style';
import { packDocx } from '../../formats/docx-package';
import { printableText } from '../../formats/printable-text';
import { Redline } from './redline-model';
import { bilingual, REDLINE_WORDS as W } from './redline-words';

/** One version of a redline as its title block names it. */
export interface RedlineVersion {
  number: number;
  contentHash: string;
  publishedAt: Date;
  publishedBy: string;
}

export interface RedlineDocument {
  guideline: { code: string; title: { lo: string; en: string } };
  newer: RedlineVersion;
  older: RedlineVersion;
  redline: Redline;
}

function runs(text: string, style: RunStyle = {}): TextRun[] {
  return styledRuns(text, style).map((options) => new TextRun(options));
}

function day(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

function titleBlock(doc: RedlineDocument): Paragraph[] {
  const { guideline, newer, older, redline } = doc;
  const line = (children: TextRun[], after = 120) =>
    new Paragraph({ spacing: { after }, children });
  const version = (v: RedlineVersion) =>
    line([
      ...runs(`${bilingual(W.version(v.number))}: `, { bold: true }),
      ...runs(
        `${bilingual(W.published)} ${day(v.publishedAt)}, ${bilingual(W.by)} ${v.publishedBy}`,
      ),
      new TextRun({ text: '', break: 1 }),
      ...runs(`${bilingual(W.contentHash)} (SHA-256): `),
      ...runs(v.contentHash, { mono: true, size: 18 }),
    ]);
  const changes = redline.summary.added + redline.summary.removed + redline.summary.changed;
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: runs(guideline.title.lo, { size: 40, bold: true }),
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: runs(`${guideline.title.en} (${guideline.code})`, { size: 28, bold: true }),
    }),
    line(
      runs(`${bilingual(W.redline)}: ${bilingual(W.versionAgainst(newer.number, older.number))}`, {
        bold: true,
      }),
    ),
    version(newer),
    version(older),
    line(runs(changes ? bilingual(W.summary(redline.summary)) : bilingual(W.noChanges))),
    line(runs(bilingual(W.legend), { italics: true, size: 18 }), 240),
  ];
}

/**
 * The redline as a Word document with real tracked changes: every inserted or deleted word is a
 * `w:ins` / `w:del` run with the newer version's publisher as author and its publication as date,
 * and a paragraph that is new or gone has its paragraph mark tracked too, so Word's or
 * LibreOffice's "Accept All" leaves exactly the newer version's text and "Reject All" the older's.
 * The title block (guideline, both versions with their content hashes) is a section of its own,
 * not tracked. Fonts, languages and headings are those of every document (formats/docx-style.ts).
 */
export async function buildRedlineDocx(doc: RedlineDocument): Promise<Buffer> {
  const change = {
    author: printableText(doc.newer.publishedBy),
    date: doc.newer.publishedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  let id = 0;
  const tracked = () => ({ id: ++id, ...change });
  const content = doc.redline.paragraphs.map((paragraph) => {
    const children: ParagraphChild[] = paragraph.ops.flatMap((op) =>
      styledRuns(op.text).map((run) =>
        op.op === 'insert'
          ? new InsertedTextRun({ ...run, ...tracked() })
          : op.op === 'delete'
            ? new DeletedTextRun({ ...run, ...tracked() })
            : new TextRun(run),
      ),
    );
    const mark =
      paragraph.mark === 'insert'
        ? { run: { insertion: tracked() } }
        : paragraph.mark === 'delete'
          ? { run: { deletion: tracked() } }
          : {};
    return new Paragraph({
      ...(paragraph.heading ? { heading: HeadingLevel.HEADING_1 } : { spacing: { after: 120 } }),
      ...mark,
      children,
    });
  });
  const { guideline, newer, older } = doc;
  const document = new Document({
    title: printableText(
      `${guideline.code} v${newer.number} / v${older.number} — ${guideline.title.en}`,
    ),
    subject: printableText(guideline.title.lo),
    creator: 'Court guidelines service',
    lastModifiedBy: 'Court guidelines service',
    description: printableText(
      `Version ${newer.number} (${newer.contentHash}) against version ${older.number} (${older.contentHash})`,
    ),
    styles: documentStyles(),
    // Further edits in Word are tracked too.
    features: { trackRevisions: true },
    sections: [
      { children: titleBlock(doc) },
      { properties: { type: SectionType.CONTINUOUS }, children: content },
    ],
  });
  return packDocx(document, { created: newer.publishedAt });
}
