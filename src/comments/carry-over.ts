import { diffSections } from '../guidelines/diff/section-diff';
import { SectionContent } from '../guidelines/section-content';
import { quoteOccursIn } from './comment-reasons';

export type CarriedSectionStatus = 'unchanged' | 'changed' | 'removed' | 'moved';

/** What became, in the newest version, of the section (and quote) a comment was written on. */
export interface CarryOver {
  latestVersion: number;
  sectionStatus: CarriedSectionStatus;
  /** null when the comment has no quote or the section is gone. */
  quoteStillPresent: boolean | null;
}

/**
 * Compares the commented version with the newest one once (section statuses without word ops),
 * then answers for each comment from memory.
 */
export function carryOverChecker(
  commented: SectionContent[],
  latest: SectionContent[],
  latestVersion: number,
): (comment: { sectionKey: string; quote: string | null }) => CarryOver {
  const statusOf = new Map<string, CarriedSectionStatus>();
  for (const d of diffSections(commented, latest, { words: false })) {
    if (d.status !== 'added') statusOf.set(d.key, d.status);
  }
  const latestByKey = new Map(latest.map((s) => [s.key, s]));
  return ({ sectionKey, quote }) => {
    const now = latestByKey.get(sectionKey);
    if (!now) return { latestVersion, sectionStatus: 'removed', quoteStillPresent: null };
    return {
      latestVersion,
      sectionStatus: statusOf.get(sectionKey) ?? 'unchanged',
      quoteStillPresent: quote ? quoteOccursIn(quote, now) : null,
    };
  };
}
