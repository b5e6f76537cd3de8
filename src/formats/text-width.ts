/**
 * A cautious estimate of how wide a word is set in Times New Roman or Phetsarath OT, so that a
 * table column can be made at least as wide as the longest word of its header (a header then
 * wraps between words, never inside one). Widths are in em: a little over the real average
 * widths of those fonts, so the estimate errs on the wide side. Lao vowel and tone marks above and
 * below the line take no width.
 */

const LAO_MARK = /[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE]/;

function characterEm(ch: string): number {
  if (LAO_MARK.test(ch)) return 0;
  if (/[\u0E80-\u0EFF]/.test(ch)) return 0.6;
  if (/[MW@%]/.test(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.72;
  if (/[mw]/.test(ch)) return 0.8;
  if (/[fijlrt]/.test(ch)) return 0.34;
  if (/[a-z0-9]/.test(ch)) return 0.52;
  if (/\s/.test(ch)) return 0.26;
  return 0.4;
}

/** Twentieths of a point taken by `text` at `halfPoints` size, bold or not. */
export function textWidthTwips(text: string, halfPoints: number, bold = false): number {
  const em = [...text].reduce((sum, ch) => sum + characterEm(ch), 0);
  return Math.ceil(em * halfPoints * 10 * (bold ? 1.08 : 1));
}

const LAO_WORDS = new Intl.Segmenter('lo', { granularity: 'word' });

/** A Lao chunk's words by ICU's Lao dictionary, punctuation kept with the words around it. */
function laoWords(chunk: string): string[] {
  const words: string[] = [];
  let glued = false;
  for (const { segment, isWordLike } of LAO_WORDS.segment(chunk)) {
    if ((glued || !isWordLike) && words.length > 0) words[words.length - 1] += segment;
    else words.push(segment);
    glued = !isWordLike;
  }
  return words;
}

/**
 * The pieces a line may break between: at spaces, and inside Lao (written without spaces) where
 * ICU's Lao dictionary finds word boundaries, as LibreOffice and Word break Lao lines.
 */
export function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((chunk) => (/[\u0E80-\u0EFF]/.test(chunk) ? laoWords(chunk) : [chunk]));
}

/** Word's default cell margins (0.075 in on each side) and a little room for rounding. */
const CELL_PADDING_TWIPS = 2 * 108 + 40;

/**
 * Column widths (twips) that add up to `total`: each column at least as wide as the longest word
 * of its header, the rest of the width shared out by `shares`.
 */
export function columnWidths(
  headers: string[],
  shares: number[],
  total: number,
  headerHalfPoints: number,
): number[] {
  const minimum = headers.map(
    (header) =>
      Math.max(0, ...wordsOf(header).map((w) => textWidthTwips(w, headerHalfPoints, true))) +
      CELL_PADDING_TWIPS,
  );
  const widths = new Array<number>(headers.length).fill(0);
  const atMinimum = new Set<number>();
  // Columns whose share would be narrower than their header are held at their minimum; the
  // others share what is left, until no share falls below its minimum.
  for (;;) {
    const free = total - [...atMinimum].reduce((sum, i) => sum + minimum[i], 0);
    const shareSum = shares.reduce((sum, s, i) => (atMinimum.has(i) ? sum : sum + s), 0);
    let changed = false;
    shares.forEach((share, i) => {
      if (atMinimum.has(i)) {
        widths[i] = minimum[i];
      } else {
        widths[i] = Math.floor((free * share) / shareSum);
        if (widths[i] < minimum[i]) {
          atMinimum.add(i);
          changed = true;
        }
      }
    });
    if (!changed || atMinimum.size === headers.length) break;
  }
  return widths;
}
