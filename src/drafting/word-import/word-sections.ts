import { Reason } from '../../court/reason';
import { draftingReasons } from '../drafting-reasons';

/**
 * Mammoth's HTML of a Word document as sections: each heading of the top level (Heading 1, or
 * the highest level the file uses when it has none) starts a section; its text is the heading,
 * and everything until the next such heading is the body: paragraphs apart by a blank line, list
 * items as `- ` lines (indented two spaces a level), a table's rows as lines of cells between
 * ` | `, lower headings as paragraphs. Bold, italics and links become their plain text.
 *
 * The HTML is mammoth's own (well-formed, only its few elements, text escaped by it), so a small
 * reader of tags and text is all it takes; this is not a parser for HTML from elsewhere.
 */

export interface ImportedSection {
  heading: string;
  body: string;
}

export interface WordSections {
  sections: ImportedSection[];
  /** Where the sections came from: headings of this level (0: no headings, the whole text). */
  headingLevel: number;
  /** A section of text before the first heading leads `sections`. */
  preamble: boolean;
  warnings: Reason[];
}

type Block = { kind: 'heading'; level: number; text: string } | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A line's own spaces tidied: runs of spaces and tabs become one space, ends trimmed. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The blocks of mammoth's HTML in order: headings with their level, and text blocks. */
function readBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const lists: string[] = [];
  let heading: { level: number; text: string } | null = null;
  let paragraph: string | null = null;
  let item: string | null = null;
  let listLines: string[] = [];
  let table: { rows: string[][]; depth: number } | null = null;
  let cell: string | null = null;

  const flushItem = () => {
    if (item !== null && item.trim() !== '') {
      listLines.push(
        `${'  '.repeat(Math.max(lists.length - 1, 0))}- ${tidy(item).replace(/\n/g, ' ')}`,
      );
    }
    item = null;
  };
  const append = (text: string) => {
    if (cell !== null) cell += text;
    else if (heading) heading.text += text;
    else if (item !== null) item += text;
    else if (paragraph !== null) paragraph += text;
    else if (text.trim() !== '') paragraph = text;
  };
  const flushParagraph = () => {
    if (paragraph !== null && tidy(paragraph) !== '')
      blocks.push({ kind: 'text', text: tidy(paragraph) });
    paragraph = null;
  };

  for (const match of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>|([^<]+)/g)) {
    const [, closing, rawName, selfClosing, text] = match;
    if (text !== undefined) {
      append(decode(text));
      continue;
    }
    const name = rawName.toLowerCase();
    const open = !closing;
    if (name === 'br') {
      append('\n');
      continue;
    }
    if (selfClosing) continue;
    if (table) {
      if (name === 'table') table.depth += open ? 1 : -1;
      if (name === 'tr' && open && table.depth === 1) table.rows.push([]);
      if ((name === 'td' || name === 'th') && table.depth === 1) {
        if (open) cell = '';
        else if (cell !== null) {
          table.rows[table.rows.length - 1]?.push(tidy(cell).replace(/\n+/g, ' '));
          cell = null;
        }
      }
      if (name === 'p' && !open && cell !== null) cell += ' ';
      if (name === 'li' && open && cell !== null) cell += ' ';
      if (name === 'table' && table.depth === 0) {
        const lines = table.rows
          .filter((row) => row.some((c) => c !== ''))
          .map((row) => row.join(' | '));
        if (lines.length) blocks.push({ kind: 'text', text: lines.join('\n') });
        table = null;
      }
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      if (open) {
        flushParagraph();
        heading = { level: Number(name[1]), text: '' };
      } else if (heading) {
        blocks.push({
          kind: 'heading',
          level: heading.level,
          text: tidy(heading.text).replace(/\n/g, ' '),
        });
        heading = null;
      }
    } else if (name === 'p') {
      if (item !== null) continue;
      if (open) {
        flushParagraph();
        paragraph = '';
      } else flushParagraph();
    } else if (name === 'ul' || name === 'ol') {
      if (open) {
        flushParagraph();
        flushItem();
        lists.push(name);
      } else {
        flushItem();
        lists.pop();
        if (lists.length === 0 && listLines.length) {
          blocks.push({ kind: 'text', text: listLines.join('\n') });
          listLines = [];
        }
      }
    } else if (name === 'li') {
      flushItem();
      if (open) item = '';
    } else if (name === 'table' && open) {
      flushParagraph();
      table = { rows: [], depth: 1 };
    }
  }
  flushParagraph();
  return blocks;
}

export function wordSections(html: string, images: number): WordSections {
  const blocks = readBlocks(html);
  const warnings: Reason[] = [];
  if (images > 0) warnings.push(draftingReasons.imagesDropped(images));
  const levels = blocks.flatMap((b) => (b.kind === 'heading' && b.text !== '' ? [b.level] : []));
  const level = levels.length ? Math.min(...levels) : 0;
  if (level > 1) warnings.push(draftingReasons.headingLevel(level));

  const sections: (ImportedSection & { blocks: string[] })[] = [];
  let preamble = false;
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === level && block.text !== '') {
      sections.push({ heading: block.text, body: '', blocks: [] });
      continue;
    }
    if (block.kind === 'heading' && block.text === '') continue;
    if (sections.length === 0) {
      sections.push({ heading: '', body: '', blocks: [] });
      preamble = true;
    }
    sections[sections.length - 1].blocks.push(block.text);
  }
  if (level === 0 && sections.length) warnings.push(draftingReasons.noHeadings());
  else if (preamble) warnings.push(draftingReasons.textBeforeFirstHeading());
  const result = sections.map(({ heading, blocks: parts }) => ({
    heading,
    body: parts.join('\n\n'),
  }));
  for (const s of result) {
    if (s.body === '' && s.heading !== '') warnings.push(draftingReasons.emptySection(s.heading));
  }
  return { sections: result, headingLevel: level, preamble: preamble && level > 0, warnings };
}
