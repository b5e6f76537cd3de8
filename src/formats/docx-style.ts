import { ICharacterStyleOptions, IRunOptions, IStylesOptions, Tab } from 'docx';
import { printableText } from './printable-text';

/**
 * What every Word document of the service shares (the guideline document, the comment matrix,
 * the redline): its fonts, the language of each run, and heading styles that carry outline levels.
 *
 * Fonts. A run of text has four font slots; Word and LibreOffice pick the slot by the character:
 * Latin letters use `ascii`/`hAnsi`, Lao is a complex script and uses `cs`. So a Lao run names
 * Phetsarath OT (the font of Lao government documents) in `cs` only, and everything else — Latin
 * letters, digits, punctuation, the spaces between — is written in runs of its own that name the
 * Latin font in every slot: digits next to Lao text (which LibreOffice counts as Lao) are still
 * set in Times New Roman, not in Phetsarath OT's old-style figures. Noto Sans Lao is named in the
 * font table as Phetsarath OT's alternative (`w:altName`), which is where OOXML lets a document
 * name a fallback font; Word and LibreOffice also fall back to any installed Lao font by the
 * Unicode range the font table gives.
 *
 * Languages. Lao runs are `lo-LA` (so proofing and line breaking treat them as Lao), the other runs
 * `en-US`.
 */

export const FONTS = {
  /** Latin letters, digits and punctuation (LibreOffice uses the metric-compatible Liberation Serif). */
  latin: 'Times New Roman',
  /** Lao, in the complex-script slot. */
  lao: 'Phetsarath OT',
  /** Phetsarath OT's alternative, named in the font table. */
  laoFallback: 'Noto Sans Lao',
  /** Content hashes, so that digits and letters line up. */
  mono: 'Courier New',
} as const;

export const LANGUAGE_TAGS = { lo: 'lo-LA', en: 'en-US' } as const;

/** Base size of body text, in half-points (11 pt). */
export const BODY_SIZE = 22;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Half-points. */
  size?: number;
  color?: string;
  /** Set every character in the monospaced font (hashes, identifiers). */
  mono?: boolean;
}

/** Options of one run: spread into a TextRun, or an InsertedTextRun / DeletedTextRun of a redline. */
export type StyledRun = Pick<
  IRunOptions,
  'text' | 'children' | 'break' | 'font' | 'language' | 'bold' | 'italics' | 'size' | 'color'
>;

const LAO_CHARACTER = '[\\u0E80-\\u0EFF\\u200B]';
/** Lao text with the spaces between its words: one run, so it breaks and is proofed as Lao. */
const LAO_SPAN = new RegExp(`${LAO_CHARACTER}+(?:[ \\u00A0]+${LAO_CHARACTER}+)*`, 'g');

// East Asian text is none of the service's: that slot is only named in the document defaults.
const LATIN_SLOTS = { ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin };
const LAO_SLOTS = { ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.lao };
const MONO_SLOTS = { ascii: FONTS.mono, hAnsi: FONTS.mono, cs: FONTS.mono };
const DEFAULT_SLOTS = { ...LAO_SLOTS, eastAsia: FONTS.latin };

/** Splits one line into spans of Lao and spans of everything else, in order. */
export function scriptSpans(line: string): { text: string; lao: boolean }[] {
  const spans: { text: string; lao: boolean }[] = [];
  let at = 0;
  for (const match of line.matchAll(LAO_SPAN)) {
    if (match.index > at) spans.push({ text: line.slice(at, match.index), lao: false });
    spans.push({ text: match[0], lao: true });
    at = match.index + match[0].length;
  }
  if (at < line.length) spans.push({ text: line.slice(at), lao: false });
  return spans;
}

/** A span's characters, tabs as Word tabs (a tab inside `w:t` is not a tab to every reader). */
function spanContent(text: string): Pick<StyledRun, 'text' | 'children'> {
  if (!text.includes('\t')) return { text };
  return {
    children: text
      .split('\t')
      .flatMap((part, i) => [...(i > 0 ? [new Tab()] : []), ...(part ? [part] : [])]),
  };
}

/**
 * Text as run options: control characters by the shared rule, each line break a `w:br`, Lao and
 * Latin in runs of their own with their fonts and languages.
 */
export function styledRuns(text: string, style: RunStyle = {}): StyledRun[] {
  const { mono, ...format } = style;
  const lines = printableText(text).replace(/\r\n?/g, '\n').split('\n');
  const runs: StyledRun[] = [];
  lines.forEach((line, lineIndex) => {
    const spans = mono ? [{ text: line, lao: false }] : scriptSpans(line);
    if (spans.length === 0) spans.push({ text: '', lao: false });
    spans.forEach((span, spanIndex) => {
      runs.push({
        ...format,
        ...spanContent(span.text),
        ...(lineIndex > 0 && spanIndex === 0 ? { break: 1 } : {}),
        font: mono ? MONO_SLOTS : span.lao ? LAO_SLOTS : LATIN_SLOTS,
        language: span.lao
          ? { value: LANGUAGE_TAGS.lo, bidirectional: LANGUAGE_TAGS.lo }
          : { value: LANGUAGE_TAGS.en, bidirectional: LANGUAGE_TAGS.lo },
      });
    });
  });
  return runs;
}

/**
 * The two scripts as character styles, for the large regular parts of a document (the rows of the
 * comment matrix): a run names its script's style (`w:rStyle`) and the style carries the fonts and
 * the language `styledRuns` would write on the run itself, so each run is a few bytes instead of a
 * few hundred. Word and LibreOffice resolve a run's style the same way as its direct formatting.
 */
export const SCRIPT_STYLE_IDS = { latin: 'LatinText', lao: 'LaoText' } as const;

export function scriptCharacterStyles(): ICharacterStyleOptions[] {
  return [
    {
      id: SCRIPT_STYLE_IDS.latin,
      name: 'Latin text',
      run: {
        font: LATIN_SLOTS,
        language: { value: LANGUAGE_TAGS.en, bidirectional: LANGUAGE_TAGS.lo },
      },
    },
    {
      id: SCRIPT_STYLE_IDS.lao,
      name: 'Lao text',
      run: {
        font: LAO_SLOTS,
        language: { value: LANGUAGE_TAGS.lo, bidirectional: LANGUAGE_TAGS.lo },
      },
    },
  ];
}

/**
 * One line of text as spans, each with its script's character style and its content (tabs as
 * Word tabs): the pieces of the runs `styledRuns` would give the same line, without their fonts.
 */
export function scriptStyledSpans(
  line: string,
): {
  style: (typeof SCRIPT_STYLE_IDS)[keyof typeof SCRIPT_STYLE_IDS];
  content: Pick<StyledRun, 'text' | 'children'>;
}[] {
  const spans = scriptSpans(printableText(line));
  if (spans.length === 0) spans.push({ text: '', lao: false });
  return spans.map((span) => ({
    style: span.lao ? SCRIPT_STYLE_IDS.lao : SCRIPT_STYLE_IDS.latin,
    content: spanContent(span.text),
  }));
}

/** A run for a field such as the page number, in the Latin font: `new TextRun({...latinRun(), children})`. */
export function latinRun(style: Omit<RunStyle, 'mono'> = {}): StyledRun {
  return {
    ...style,
    font: LATIN_SLOTS,
    language: { value: LANGUAGE_TAGS.en, bidirectional: LANGUAGE_TAGS.lo },
  };
}

/** Paragraph style ids, as `style:` of a Paragraph (HeadingLevel.* gives the same ids). */
export const STYLE_IDS = {
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  contentsHeading: 'ContentsHeading',
} as const;

const HEADING_COLOR = '1F3864';

/**
 * Document defaults and heading styles. Headings carry outline levels (`w:outlineLvl`): Word's
 * navigation pane and LibreOffice's navigator list them, a PDF export makes bookmarks of them and
 * a table of contents field finds them. The title and the contents heading have none.
 */
export function documentStyles(): IStylesOptions {
  const heading = (outlineLevel: number, size: number, before: number) => ({
    run: { size, bold: true, color: HEADING_COLOR },
    paragraph: {
      outlineLevel,
      keepNext: true,
      keepLines: true,
      spacing: { before, after: 120 },
    },
  });
  return {
    default: {
      document: {
        run: {
          font: DEFAULT_SLOTS,
          size: BODY_SIZE,
          language: { value: LANGUAGE_TAGS.en, bidirectional: LANGUAGE_TAGS.lo },
        },
      },
      title: { run: { size: 44, bold: true, color: HEADING_COLOR } },
      heading1: heading(0, 28, 240),
      heading2: heading(1, 24, 200),
      heading3: heading(2, 22, 160),
    },
    paragraphStyles: [
      {
        id: STYLE_IDS.contentsHeading,
        name: 'Contents Heading',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 28, bold: true, color: HEADING_COLOR },
        paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
      },
    ],
  };
}

/**
 * The font table: each font the runs name, with its family and the Unicode ranges it covers
 * (`w:sig`, which Word matches a substitute by), and Noto Sans Lao as Phetsarath OT's alternative
 * name. Written over docx's own (empty) font table.
 */
export const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:font w:name="${FONTS.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>` +
  '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
  // usb0 bit 25: Lao; bits 0 and 1: Basic Latin and Latin-1.
  `<w:font w:name="${FONTS.lao}"><w:altName w:val="${FONTS.laoFallback}"/><w:charset w:val="00"/>` +
  '<w:family w:val="auto"/><w:pitch w:val="variable"/>' +
  '<w:sig w:usb0="02000003" w:usb1="00000000" w:usb2="00000000" w:usb3="00000000" w:csb0="00000001" w:csb1="00000000"/></w:font>' +
  `<w:font w:name="${FONTS.laoFallback}"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>` +
  '<w:sig w:usb0="02000003" w:usb1="00000000" w:usb2="00000000" w:usb3="00000000" w:csb0="00000001" w:csb1="00000000"/></w:font>' +
  `<w:font w:name="${FONTS.mono}"><w:panose1 w:val="02070309020205020404"/><w:charset w:val="00"/>` +
  '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>' +
  '</w:fonts>';
