import { diffSequences } from '../../guidelines/diff/sequence-diff';
import { WordOp, wordDiff } from '../../guidelines/diff/word-diff';
import { SectionContent } from '../../guidelines/section-content';

/**
 * What a redline shows, whatever it is written as (DOCX with tracked changes, HTML with
 * <ins>/<del>): the newer version's paragraphs with the changes from the older one marked word by
 * word. Sections are matched by key in their order (the shared sequence diff): a section only in
 * the newer version is inserted paragraphs, one only in the older deleted paragraphs, and one that
 * moved is deleted where it was and inserted where it is, so that taking every change gives the
 * newer text and refusing every change the older text, paragraph for paragraph.
 *
 * A section is its heading (an indicator's code before it) and its body's paragraphs, apart at
 * blank lines as in the guideline document; within a section paragraphs are matched by their text
 * and a replaced paragraph is compared word by word (Lao words segmented as in the diff).
 */

export type ParagraphMark = 'equal' | 'insert' | 'delete';

export interface RedlineParagraph {
  heading: boolean;
  /** Whether the paragraph itself is new (`insert`) or gone (`delete`). */
  mark: ParagraphMark;
  ops: WordOp[];
}

export interface RedlineSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface Redline {
  paragraphs: RedlineParagraph[];
  summary: RedlineSummary;
}

/** A section's heading line: an indicator's code leads it. */
export function headingText(section: SectionContent): string {
  const heading = section.heading.replace(/\s+/g, ' ').trim();
  return section.kind === 'indicator' && section.code ? `${section.code} — ${heading}` : heading;
}

/** A body's paragraphs, apart at blank lines (single line breaks stay inside a paragraph). */
export function bodyParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '');
}

function whole(mark: 'insert' | 'delete', heading: boolean, text: string): RedlineParagraph {
  return { heading, mark, ops: text ? [{ op: mark, text }] : [] };
}

function sectionAs(mark: 'insert' | 'delete', section: SectionContent): RedlineParagraph[] {
  const heading = headingText(section);
  return [
    ...(heading ? [whole(mark, true, heading)] : []),
    ...bodyParagraphs(section.body).map((p) => whole(mark, false, p)),
  ];
}

function bodyChanges(before: string[], after: string[]): RedlineParagraph[] {
  const paragraphs: RedlineParagraph[] = [];
  let deleted: string[] = [];
  const flush = (inserted: string[]) => {
    const paired = Math.min(deleted.length, inserted.length);
    for (let i = 0; i < paired; i++) {
      paragraphs.push({ heading: false, mark: 'equal', ops: wordDiff(deleted[i], inserted[i]) });
    }
    deleted.slice(paired).forEach((p) => paragraphs.push(whole('delete', false, p)));
    inserted.slice(paired).forEach((p) => paragraphs.push(whole('insert', false, p)));
    deleted = [];
  };
  for (const run of diffSequences(before, after)) {
    if (run.op === 'delete') {
      deleted.push(...run.items);
      continue;
    }
    if (run.op === 'insert') {
      flush(run.items);
      continue;
    }
    flush([]);
    run.items.forEach((p) =>
      paragraphs.push({ heading: false, mark: 'equal', ops: [{ op: 'equal', text: p }] }),
    );
  }
  flush([]);
  return paragraphs;
}

export function buildRedline(older: SectionContent[], newer: SectionContent[]): Redline {
  const summary: RedlineSummary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const paragraphs: RedlineParagraph[] = [];
  const olderByKey = new Map(older.map((s) => [s.key, s]));
  const newerByKey = new Map(newer.map((s) => [s.key, s]));
  const order = diffSequences(
    older.map((s) => s.key),
    newer.map((s) => s.key),
    Infinity,
  );
  for (const run of order) {
    for (const key of run.items) {
      if (run.op === 'delete') {
        paragraphs.push(...sectionAs('delete', olderByKey.get(key)!));
        if (!newerByKey.has(key)) summary.removed += 1;
        continue;
      }
      if (run.op === 'insert') {
        paragraphs.push(...sectionAs('insert', newerByKey.get(key)!));
        summary[olderByKey.has(key) ? 'changed' : 'added'] += 1;
        continue;
      }
      const before = olderByKey.get(key)!;
      const after = newerByKey.get(key)!;
      const [headingBefore, headingAfter] = [headingText(before), headingText(after)];
      if (headingBefore || headingAfter) {
        paragraphs.push(
          !headingBefore
            ? whole('insert', true, headingAfter)
            : !headingAfter
              ? whole('delete', true, headingBefore)
              : { heading: true, mark: 'equal', ops: wordDiff(headingBefore, headingAfter) },
        );
      }
      paragraphs.push(...bodyChanges(bodyParagraphs(before.body), bodyParagraphs(after.body)));
      const same = headingBefore === headingAfter && before.body === after.body;
      summary[same ? 'unchanged' : 'changed'] += 1;
    }
  }
  return { paragraphs, summary };
}

/** The text on one side of a redline, a paragraph a line: what accepting (`newer`) or rejecting (`older`) every change gives. */
export function redlineText(redline: Redline, side: 'older' | 'newer'): string {
  const dropped = side === 'newer' ? 'delete' : 'insert';
  return redline.paragraphs
    .filter((p) => p.mark !== dropped)
    .map((p) =>
      p.ops
        .filter((o) => o.op !== dropped)
        .map((o) => o.text)
        .join(''),
    )
    .join('\n');
}
