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
 * Word tokens including whitespace and punctuation as tokens of their own, so that joining the
 * tokens gives back the text exactly.
 */
export function tokenize(text: string, locale: SegmenterLocale): string[] {
  const tokens: string[] = [];
  for (const part of segmenter(locale).segment(text)) tokens.push(part.segment);
  return tokens;
}
