import { DocumentSection } from './guideline-document';

/**
 * Which provisions (text sections) cite each indicator, so the TWG sees the indicators no
 * provision covers. A citation is the indicator's code as a whole token in a text section's
 * heading or body, compared without regard to ASCII case: `VSC-3` is cited by "see VSC-3.",
 * "(vsc-3)" and "ຕາມຕົວຊີ້ວັດVSC-3" (Lao runs words together), but not by "VSC-30", "VSC-3.1",
 * "VSC-3-b" or "XVSC-3". Pure.
 */

export interface CitingProvision {
  key: string;
  heading: string;
  position: number;
}

export interface IndicatorCoverage {
  key: string;
  position: number;
  code: string | null;
  statement: string;
  heading: string;
  category: string | null;
  referencedBy: CitingProvision[];
  uncovered: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for `code` as a whole token (see the file comment for the boundaries). */
export function codeTokenPattern(code: string): RegExp {
  // Before: no ASCII word character or hyphen. After: none either, nor "-x" / ".x" continuing it.
  return new RegExp(
    `(?<![A-Za-z0-9_-])${escapeRegExp(code)}(?![A-Za-z0-9_])(?![-.][A-Za-z0-9])`,
    'i',
  );
}

export function indicatorCoverage(sections: DocumentSection[]): IndicatorCoverage[] {
  const provisions = sections
    .map((section, position) => ({ section, position }))
    .filter(({ section }) => section.kind === 'text');
  return sections.flatMap((section, position) => {
    if (section.kind !== 'indicator') return [];
    const code = section.code?.trim() || null;
    const pattern = code ? codeTokenPattern(code) : null;
    const referencedBy = pattern
      ? provisions
          .filter(({ section: p }) => pattern.test(p.heading) || pattern.test(p.body))
          .map(({ section: p, position: at }) => ({ key: p.key, heading: p.heading, position: at }))
      : [];
    return [
      {
        key: section.key,
        position,
        code,
        heading: section.heading,
        statement: section.body,
        category: section.category ?? null,
        referencedBy,
        uncovered: referencedBy.length === 0,
      },
    ];
  });
}
