/**
 * Keys for the sections of an imported Word file, stable across imports so that comments and
 * diffs line up: a section whose heading is the heading of a section the guideline already has
 * (in its current version, else in the draft) keeps that section's key; a new one gets a key from
 * its heading when the heading is Latin text (`Privacy of hearings` -> `privacy-of-hearings`),
 * else `art-N` after its place; text before the first heading is `preamble`. Keys stay unique.
 */

export interface KnownSection {
  key: string;
  heading: string;
}

const KEY_MAX = 64;
const SLUG_MAX = 40;
const LAO = /[\u0E80-\u0EFF]/;
const LATIN_LETTER = /[A-Za-z]/;

/** Headings compared as a reader would: same letters, any spacing or case, any Unicode form. */
export function sameHeading(heading: string): string {
  return heading.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}

function slugOf(heading: string): string | null {
  if (LAO.test(heading) || !LATIN_LETTER.test(heading)) return null;
  const words = heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, SLUG_MAX) || null;
}

export function importedSectionKeys(
  headings: string[],
  known: KnownSection[],
  options: { preamble: boolean },
): string[] {
  const keys: (string | null)[] = headings.map(() => null);
  const taken = new Set<string>();
  const byHeading = new Map<string, string[]>();
  for (const section of known) {
    if (section.heading.trim() === '') continue;
    const list = byHeading.get(sameHeading(section.heading)) ?? [];
    if (!list.includes(section.key)) list.push(section.key);
    byHeading.set(sameHeading(section.heading), list);
  }
  headings.forEach((heading, i) => {
    if (heading.trim() === '') return;
    const candidates = byHeading.get(sameHeading(heading)) ?? [];
    const key = candidates.find((k) => !taken.has(k));
    if (key) {
      keys[i] = key;
      taken.add(key);
    }
  });
  const unique = (base: string) => {
    let key = base.slice(0, KEY_MAX);
    for (let n = 2; taken.has(key); n++)
      key = `${base.slice(0, KEY_MAX - 1 - String(n).length)}-${n}`;
    taken.add(key);
    return key;
  };
  // New Lao sections number after every kept or Latin key, so a kept art-2 is never reused.
  headings.forEach((heading, i) => {
    if (keys[i] !== null) return;
    if (i === 0 && options.preamble) keys[i] = unique('preamble');
    else {
      const slug = slugOf(heading);
      if (slug) keys[i] = unique(slug);
    }
  });
  let article = 0;
  headings.forEach((_heading, i) => {
    if (keys[i] !== null) return;
    article = Math.max(article + 1, i + (options.preamble ? 0 : 1));
    while (taken.has(`art-${article}`)) article += 1;
    keys[i] = unique(`art-${article}`);
  });
  return keys as string[];
}
