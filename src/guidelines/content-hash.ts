import { createHash } from 'node:crypto';
import { SectionContent } from './section-content';

/**
 * The canonical form hashed into a version's `contentHash`, so that a printed or exported copy can
 * be matched to the record by anyone holding the same sections:
 *
 *   JSON.stringify({ sections: [{ key, kind, heading, body, code, category }, ...] })
 *
 * - sections in the version's order; the six properties in exactly this order;
 * - `code` and `category` are `null` when absent (text sections, or an indicator without category);
 * - strings exactly as stored (no trimming, no Unicode normalisation), JSON.stringify escaping,
 *   no whitespace between tokens;
 * - the hash is the lower-case hex SHA-256 of the UTF-8 bytes of that string.
 */
export function canonicalContent(sections: SectionContent[]): string {
  return JSON.stringify({
    sections: sections.map((s) => ({
      key: s.key,
      kind: s.kind,
      heading: s.heading,
      body: s.body,
      code: s.code ?? null,
      category: s.category ?? null,
    })),
  });
}

export function contentHash(sections: SectionContent[]): string {
  return createHash('sha256').update(canonicalContent(sections), 'utf8').digest('hex');
}
