import { printableText } from '../formats/printable-text';
import { bilingual, DOCUMENT_WORDS as W, statusWords } from './document-words';
import {
  DocumentSection,
  GuidelineDocument,
  sectionNumbers,
  versionStatus,
} from './guideline-document';
import { MessageCode, ParamsOf, texts } from '../court/catalogue';
import {
  escapeMarkdownInline,
  escapeMarkdownLines,
  unescapeMarkdownInline,
  unescapeMarkdownLines,
} from './markdown-escape';

/**
 * A version as Markdown, and back. The format (all of it is plain CommonMark):
 *
 *   ---                                  front matter: JSON-quoted scalars, valid YAML; tools that
 *   code: "VSC"                          know front matter (pandoc, GitHub, static site
 *   version: 3                           generators) skip it. It ends with a blank line, so that a
 *   contentHash: "…64 hex…"              viewer that does not know it shows a paragraph between
 *   title:                               two rules, never a heading above the title.
 *     en: "…"
 *     lo: "…"
 *
 *   ---
 *   # Lao title                          preamble (title, code, version, status): ignored by the
 *   **English title**                    parser
 *   ## 1. Heading                        one section: heading line, numbered as in the Word
 *   <!-- section {"key":"k","kind":"text","escaped":true} -->   document; its metadata
 *                                        (invisible when rendered), one blank line,
 *   body …                               the body, escaped as plain text (markdown-escape.ts),
 *                                        one blank line before the next section.
 *
 * An indicator section shows its code in the heading (`## [VSC-3] Heading`, no number, as the
 * Word document shows indicators by their code) and a line `**Indicator** VSC-3 · **Category**: …`
 * before its statement.
 *
 * Round trip: `parseGuidelineMarkdown(renderGuidelineMarkdown(doc)).sections` equals
 * `doc.sections` exactly for text without control characters (Lao, blank lines, `#`, `*`,
 * backticks, CRLF included); control characters follow the rule every export follows
 * (src/formats/printable-text.ts). A heading that cannot stand on one `## ` line as is (line
 * breaks, outer spaces, a trailing `#`, empty) is also carried in the metadata.
 *
 * Earlier exports (bodies with structure inside a backtick fence, no `escaped` flag) still parse
 * exactly. Markdown written by hand (no metadata comments) parses too: keys come from the headings,
 * `## [CODE] Heading` makes an indicator, outer blank lines of bodies are trimmed.
 */

export interface GuidelineMarkdownMeta {
  code?: string;
  version?: number;
  contentHash?: string;
  title?: { en?: string; lo?: string };
  [field: string]: unknown;
}

export interface ParsedGuidelineMarkdown {
  meta: GuidelineMarkdownMeta;
  sections: DocumentSection[];
}

export interface MarkdownProblem {
  line: number;
  /** In English; `lo` in Lao (both from the catalogue). */
  message: string;
  lo: string;
}

function markdownProblem<C extends MessageCode>(
  line: number,
  code: C,
  params?: ParamsOf<C>,
): MarkdownProblem {
  const said = texts(code, params);
  return { line, message: said.en, lo: said.lo };
}

/** The Markdown cannot be read as a guideline version; `problems` says where and why. */
export class GuidelineMarkdownError extends Error {
  constructor(readonly problems: MarkdownProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '));
  }
}

const MARKER = /^<!-- section (\{.*\}) -->$/;
const SECTION_HEADING = /^##(?:[ \t](.*))?$/;
const INDICATOR_LINE = /^\*\*Indicator\*\*(?: (.*?))?(?: · \*\*Category\*\*: (.*))?$/;
const HAND_INDICATOR_HEADING = /^\[([^\]\s]+)\][ \t]+(.*)$/;

function quoted(value: string): string {
  // JSON strings are YAML double-quoted scalars. Characters with a meaning in Markdown are escaped
  // as \u00XX, so a viewer that shows the front matter as text shows it as written (and no "-->"
  // ends an HTML comment).
  return JSON.stringify(value).replace(
    /[<>&*`[\]~|]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function headingNeedsMetadata(heading: string): boolean {
  return (
    heading === '' || /[\r\n]/.test(heading) || heading !== heading.trim() || /#$/.test(heading)
  );
}

function renderSection(section: DocumentSection, number: number | null): string {
  const metadata: Record<string, string | boolean> = { key: section.key, kind: section.kind };
  if (section.code !== undefined) metadata.code = section.code;
  if (section.category !== undefined) metadata.category = section.category;
  const headingInMetadata = headingNeedsMetadata(section.heading);
  if (headingInMetadata) metadata.heading = section.heading;
  metadata.escaped = true;

  const shownHeading = escapeMarkdownInline(
    headingInMetadata ? oneLine(section.heading) || '…' : section.heading,
  );
  const prefix =
    section.kind === 'indicator'
      ? section.code !== undefined
        ? `[${escapeMarkdownInline(oneLine(section.code))}] `
        : ''
      : `${number}. `;
  const lines = [
    `## ${prefix}${shownHeading}`,
    `<!-- section ${JSON.stringify(metadata).replace(/>/g, '\\u003e')} -->`,
    '',
  ];
  if (section.kind === 'indicator') {
    const code =
      section.code !== undefined ? ` ${escapeMarkdownInline(oneLine(section.code))}` : '';
    const category =
      section.category !== undefined
        ? ` · **Category**: ${escapeMarkdownInline(oneLine(section.category))}`
        : '';
    lines.push(`**Indicator**${code}${category}`, '');
  }
  lines.push(...escapeMarkdownLines(printableText(section.body)));
  return lines.join('\n');
}

/** The version as Markdown: front matter, a readable preamble, then one `##` per section. */
export function renderGuidelineMarkdown(doc: GuidelineDocument): string {
  const { guideline, version } = doc;
  const text = (value: string) => printableText(value);
  const front = [
    '---',
    `code: ${quoted(text(guideline.code))}`,
    `version: ${version.number}`,
    `contentHash: ${quoted(version.contentHash)}`,
    'title:',
    `  en: ${quoted(text(guideline.title.en))}`,
    `  lo: ${quoted(text(guideline.title.lo))}`,
    `stage: ${quoted(version.stage)}`,
    `publishedAt: ${quoted(version.publishedAt.toISOString())}`,
  ];
  if (version.adoptedAt) front.push(`adoptedAt: ${quoted(version.adoptedAt.toISOString())}`);
  // The blank line keeps a viewer that does not know front matter from making it a heading.
  front.push('', '---');

  const inline = (value: string) => escapeMarkdownInline(oneLine(text(value)));
  const status = statusWords(versionStatus(doc));
  const preamble = [
    `# ${inline(guideline.title.lo)}`,
    '',
    `**${inline(guideline.title.en)}**`,
    '',
    [
      `${bilingual(W.code)}: ${inline(guideline.code)}`,
      `${bilingual(W.version)}: ${version.number}`,
      `${bilingual(W.status)}: ${inline(bilingual(status))}`,
      `SHA-256 \`${version.contentHash}\``,
    ].join(' · '),
  ];
  const numbers = sectionNumbers(doc.sections);
  const parts = [
    front.join('\n'),
    preamble.join('\n'),
    ...doc.sections.map((section, i) => renderSection(section, numbers[i])),
  ];
  return parts.join('\n\n') + '\n';
}

function parseScalar(raw: string, line: number, problems: MarkdownProblem[]): unknown {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try {
      return JSON.parse(value);
    } catch {
      problems.push(markdownProblem(line, 'MD_FRONT_MATTER_VALUE'));
      return undefined;
    }
  }
  if (/^'.*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** The small YAML subset the renderer writes: `key: value`, one level of nesting. */
function parseFrontMatter(
  lines: string[],
  firstLine: number,
  problems: MarkdownProblem[],
): GuidelineMarkdownMeta {
  const meta: Record<string, unknown> = {};
  let parent: Record<string, unknown> | null = null;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const lineNo = firstLine + index;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const nested = /^[ \t]+([A-Za-z0-9_-]+):[ \t]*(.*)$/.exec(line);
    const top = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/.exec(line);
    if (nested && parent) {
      parent[nested[1]] = parseScalar(nested[2], lineNo, problems);
    } else if (top) {
      if (top[2].trim() === '') {
        parent = {};
        meta[top[1]] = parent;
      } else {
        parent = null;
        meta[top[1]] = parseScalar(top[2], lineNo, problems);
      }
    } else {
      problems.push(markdownProblem(lineNo, 'MD_FRONT_MATTER_LINE'));
    }
  });
  return meta as GuidelineMarkdownMeta;
}

interface SectionMetadata {
  key: string;
  kind: 'text' | 'indicator';
  code?: string;
  category?: string;
  heading?: string;
  /** Written with escaped bodies and numbered headings (markdown-escape.ts). */
  escaped: boolean;
}

function parseMarker(
  json: string,
  line: number,
  problems: MarkdownProblem[],
): SectionMetadata | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    problems.push(markdownProblem(line, 'MD_METADATA_NOT_JSON'));
    return null;
  }
  const m = value as Record<string, unknown>;
  const optionalString = (field: string) => m[field] === undefined || typeof m[field] === 'string';
  if (
    typeof m !== 'object' ||
    m === null ||
    typeof m.key !== 'string' ||
    m.key === '' ||
    (m.kind !== undefined && m.kind !== 'text' && m.kind !== 'indicator') ||
    !['code', 'category', 'heading'].every(optionalString) ||
    (m.escaped !== undefined && typeof m.escaped !== 'boolean')
  ) {
    problems.push(markdownProblem(line, 'MD_METADATA_INCOMPLETE'));
    return null;
  }
  return {
    key: m.key,
    kind: (m.kind as 'text' | 'indicator' | undefined) ?? 'text',
    ...(m.code !== undefined ? { code: m.code as string } : {}),
    ...(m.category !== undefined ? { category: m.category as string } : {}),
    ...(m.heading !== undefined ? { heading: m.heading as string } : {}),
    escaped: m.escaped === true,
  };
}

function slugOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** A derived key made unique with a counter (`purpose`, `purpose-2`, …). */
function unusedKey(key: string, used: Map<string, number>): string {
  if (!used.has(key)) return key;
  let n = 2;
  while (used.has(`${key}-${n}`)) n += 1;
  return `${key}-${n}`;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start += 1;
  while (end > start && lines[end - 1].trim() === '') end -= 1;
  return lines.slice(start, end);
}

/**
 * Reads Markdown written by `renderGuidelineMarkdown` (exactly) or by hand (leniently) into the
 * sections of a version. Throws GuidelineMarkdownError listing every problem with its line.
 */
export function parseGuidelineMarkdown(markdown: string): ParsedGuidelineMarkdown {
  const problems: MarkdownProblem[] = [];
  const lines = markdown.replace(/^\uFEFF/, '').split('\n');
  const structural = (i: number) => lines[i].replace(/\r$/, '');

  let i = 0;
  let meta: GuidelineMarkdownMeta = {};
  if (lines.length > 0 && structural(0) === '---') {
    const close = lines.findIndex((_, j) => j > 0 && structural(j) === '---');
    if (close < 0) {
      problems.push(markdownProblem(1, 'MD_FRONT_MATTER_OPEN'));
      i = lines.length;
    } else {
      meta = parseFrontMatter(lines.slice(1, close), 2, problems);
      i = close + 1;
    }
  }

  const isSectionStart = (j: number) => SECTION_HEADING.test(structural(j));
  while (i < lines.length && !isSectionStart(i)) i += 1;

  const sections: DocumentSection[] = [];
  const keys = new Map<string, number>();
  while (i < lines.length) {
    const headingLine = i + 1;
    const shown = SECTION_HEADING.exec(structural(i))?.[1] ?? '';
    i += 1;

    const markerMatch = i < lines.length ? MARKER.exec(structural(i)) : null;
    const metadata = markerMatch ? parseMarker(markerMatch[1], i + 1, problems) : null;
    if (markerMatch) i += 1;

    const contentStart = i;
    const fenceClose = metadata && !metadata.escaped ? closingFenceOf(lines, i, metadata.kind) : -1;
    if (fenceClose >= 0) i = fenceClose + 1;
    while (i < lines.length && !isSectionStart(i)) i += 1;
    const content = lines.slice(contentStart, i);

    const section = metadata
      ? exactSection(metadata, shown, content, contentStart + 1, problems)
      : handWrittenSection(shown, content, sections.length);
    if (!section) continue;
    if (!metadata) section.key = unusedKey(section.key, keys);

    const seenAt = keys.get(section.key);
    if (seenAt !== undefined) {
      problems.push(
        markdownProblem(headingLine, 'MD_KEY_TWICE', { key: section.key, first: seenAt }),
      );
    }
    keys.set(section.key, headingLine);
    sections.push(section);
  }

  if (problems.length > 0) throw new GuidelineMarkdownError(problems);
  return { meta, sections };
}

/** Where the body starts: after the blank line, and an indicator's info line and its blank. */
function bodyStartOf(lines: string[], from: number, kind: 'text' | 'indicator'): number {
  const blank = (j: number) => lines[j] !== undefined && lines[j].replace(/\r$/, '') === '';
  let c = from;
  if (blank(c)) c += 1;
  if (kind === 'indicator' && lines[c] !== undefined && INDICATOR_LINE.test(lines[c])) {
    c += 1;
    if (blank(c)) c += 1;
  }
  return c;
}

/** Index of the fence closing a fenced body that starts at `from`, or -1 (not fenced). */
function closingFenceOf(lines: string[], from: number, kind: 'text' | 'indicator'): number {
  const c = bodyStartOf(lines, from, kind);
  const fence = lines[c] !== undefined ? /^(`{3,})text$/.exec(lines[c]) : null;
  if (!fence) return -1;
  const close = lines.findIndex((line, j) => j > c && line === fence[1]);
  return close;
}

/** A section the renderer wrote: blank, [indicator line, blank], body or fenced body, blank. */
function exactSection(
  metadata: SectionMetadata,
  shown: string,
  content: string[],
  firstLine: number,
  problems: MarkdownProblem[],
): DocumentSection | null {
  const c = bodyStartOf(content, 0, metadata.kind);

  let body: string;
  const fence =
    !metadata.escaped && content[c] !== undefined ? /^(`{3,})text$/.exec(content[c]) : null;
  if (fence) {
    const close = content.findIndex((line, j) => j > c && line === fence[1]);
    if (close < 0) {
      problems.push(markdownProblem(firstLine + c, 'MD_FENCE_OPEN'));
      return null;
    }
    body = content.slice(c + 1, close).join('\n');
    const after = content.slice(close + 1);
    if (after.some((line) => line.trim() !== '')) {
      problems.push(markdownProblem(firstLine + close + 1, 'MD_TEXT_AFTER_FENCE'));
    }
  } else {
    // The line after the body is the blank separator before the next section (or the final newline).
    const bodyLines = content.slice(c);
    if (bodyLines.length > 0 && bodyLines[bodyLines.length - 1].replace(/\r$/, '') === '') {
      bodyLines.pop();
    }
    body = metadata.escaped ? unescapeMarkdownLines(bodyLines) : bodyLines.join('\n');
  }

  const heading = metadata.heading ?? shownHeading(metadata, shown);
  const section: DocumentSection = { key: metadata.key, heading, body, kind: metadata.kind };
  if (metadata.code !== undefined) section.code = metadata.code;
  if (metadata.category !== undefined) section.category = metadata.category;
  return section;
}

/** The heading as the heading line shows it, without the number or code the renderer put first. */
function shownHeading(metadata: SectionMetadata, shown: string): string {
  if (!metadata.escaped) {
    const prefix = metadata.code !== undefined ? `[${oneLine(metadata.code)}] ` : '';
    return metadata.kind === 'indicator' && prefix && shown.startsWith(prefix)
      ? shown.slice(prefix.length)
      : shown;
  }
  const prefix =
    metadata.kind === 'indicator'
      ? metadata.code !== undefined
        ? `[${escapeMarkdownInline(oneLine(metadata.code))}] `
        : ''
      : (/^\d+\. /.exec(shown)?.[0] ?? '');
  return unescapeMarkdownInline(shown.startsWith(prefix) ? shown.slice(prefix.length) : shown);
}

/** A section typed by a person: key from the heading, `[CODE]` marks an indicator. */
function handWrittenSection(shown: string, content: string[], index: number): DocumentSection {
  const heading = shown.trim().replace(/[ \t]+#+[ \t]*$/, '');
  const indicator = HAND_INDICATOR_HEADING.exec(heading);
  const lines = trimBlankLines(content.map((line) => line.replace(/\r$/, '')));
  if (!indicator) {
    return {
      key: slugOf(heading) || `section-${index + 1}`,
      heading,
      body: lines.join('\n'),
      kind: 'text',
    };
  }
  const section: DocumentSection = {
    key: slugOf(indicator[1]) || `indicator-${index + 1}`,
    heading: indicator[2],
    body: '',
    kind: 'indicator',
    code: indicator[1],
  };
  const info = lines.length > 0 ? INDICATOR_LINE.exec(lines[0]) : null;
  if (info) {
    if (info[2] !== undefined) section.category = info[2];
    lines.shift();
  }
  section.body = trimBlankLines(lines).join('\n');
  return section;
}
