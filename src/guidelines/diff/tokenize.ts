/** Lao block of Unicode (U+0E80–U+0EFF). */
const LAO_SCRIPT = /[\u0E80-\u0EFF]/;

export type SegmenterLocale = 'lo' | 'en';

const segmenters = new Map<SegmenterLocale, Intl.Segmenter>();

/**
 * Lao is written without spaces between words, so splitting on spaces would turn a one-word edit
 * into a replaced paragraph: ICU's dictionary-based Lao word segmenter is used whenever either
 * text contains Lao script, and the same segmenter for both sides so their tokens line up.
 */
export function segmenterLocaleFor(...texts: string[]): SegmenterLocale {
  return texts.some((t) => LAO_SCRIPT.test(t)) ? 'lo' : 'en';
}

function segmenter(locale: SegmenterLocale): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * Where a long text is cut into pieces segmented one by one. V8's segment iterator slows down
 * with the length of the whole string (each step costs more the longer the text: 20,000
 * characters took five times as long as four pieces of 5,000), so a 99,000-character section
 * took seconds. A piece ends just after whitespace and before a letter, digit, punctuation or
 * symbol: a word boundary in every language (Lao words never span a space; a combining mark or
 * joiner after whitespace stays with it), so the tokens are exactly those of the whole text.
 * Only text with no such place for PIECE_MAX characters (a wall of Lao without a space) is cut
 * anywhere but inside a character and its marks; the tokens still join back to the text.
 */
const PIECE = 2000;
const PIECE_MAX = 8000;
const SAFE_START = /\s[\p{L}\p{N}\p{P}\p{S}]/gu;
/** A mark, a joiner, or the second half of a surrogate pair: never the start of a piece. */
const MARK = /^\p{M}/u;

function unsafeStart(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code === 0x200c || code === 0x200d || (code >= 0xdc00 && code <= 0xdfff) || MARK.test(ch);
}

/** Where the piece starting at `from` ends. */
function pieceEnd(text: string, from: number): number {
  if (text.length - from <= PIECE) return text.length;
  SAFE_START.lastIndex = from + PIECE - 1;
  const found = SAFE_START.exec(text);
  if (found && found.index + 1 - from <= PIECE_MAX) return found.index + 1;
  let end = from + PIECE_MAX;
  while (end < text.length && unsafeStart(text[end])) end++;
  return end;
}

/**
 * Word tokens including whitespace and punctuation as tokens of their own, so that joining the
 * tokens gives back the text exactly.
 */
export function tokenize(text: string, locale: SegmenterLocale): string[] {
  const tokens: string[] = [];
  const words = segmenter(locale);
  for (let from = 0; from < text.length;) {
    const end = pieceEnd(text, from);
    for (const part of words.segment(end - from === text.length ? text : text.slice(from, end))) {
      tokens.push(part.segment);
    }
    from = end;
  }
  return tokens;
}
