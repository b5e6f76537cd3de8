/**
 * Whether a signing secret looks random enough to sign tokens in production. A secret made by
 * `openssl rand -hex 32` or `-base64 32` passes by a wide margin; a word repeated, a keyboard run
 * or a short phrase does not. No measure from the text alone proves randomness: this one refuses
 * the weak secrets people actually set (`aaaa…`, `secret-secret-secret…`, a default copied from an
 * example) without refusing `openssl rand -hex 16`, the shortest secret a generator gives.
 */
export const MIN_SECRET_LENGTH = 32;
// The three bounds sit well below what a million draws of 32 random hex digits gave at the least
// (8 different characters, 88 estimated bits, 0.67 of the 3-character pieces seen once), and well
// above what a repeated word gives (`secret-secret-…`: under 0.1 of the pieces seen once).
/** Fewest different characters. */
const MIN_DISTINCT = 6;
/** Length times the Shannon entropy of the character frequencies. */
const MIN_ESTIMATED_BITS = 72;
/** Share of 3-character pieces seen only once: a repeated word or block makes many repeats. */
const MIN_UNIQUE_TRIGRAM_SHARE = 0.5;

/** Secrets that are public (a development default, the README's examples): never accepted. */
export const PUBLIC_SECRETS = new Set(['development-only-secret-change-me']);

export type SecretWeakness = 'TOO_SHORT' | 'LOW_ENTROPY' | 'PUBLIC';

export function secretWeakness(secret: string): SecretWeakness | null {
  if (PUBLIC_SECRETS.has(secret)) return 'PUBLIC';
  const characters = Array.from(secret);
  if (characters.length < MIN_SECRET_LENGTH) return 'TOO_SHORT';
  const counts = new Map<string, number>();
  for (const c of characters) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const n of counts.values()) {
    const p = n / characters.length;
    bitsPerCharacter -= p * Math.log2(p);
  }
  const trigrams = new Map<string, number>();
  for (let i = 0; i + 3 <= characters.length; i += 1) {
    const piece = characters.slice(i, i + 3).join('');
    trigrams.set(piece, (trigrams.get(piece) ?? 0) + 1);
  }
  const seenOnce = [...trigrams.values()].filter((n) => n === 1).length;
  const trigramCount = characters.length - 2;
  if (
    counts.size < MIN_DISTINCT ||
    bitsPerCharacter * characters.length < MIN_ESTIMATED_BITS ||
    seenOnce / trigramCount < MIN_UNIQUE_TRIGRAM_SHARE
  ) {
    return 'LOW_ENTROPY';
  }
  return null;
}
