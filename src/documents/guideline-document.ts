import { SectionContent } from '../guidelines/section-content';
import { Stage } from '../court/stage';

/**
 * A version as the document writers see it: plain data, no entities, so the Markdown and Word
 * writers are pure and can be tested (and reused by the web UI) without a database.
 */

/** One section, in the shape POST /api/guidelines/:id/versions takes it. */
export interface DocumentSection {
  key: string;
  heading: string;
  body: string;
  kind: 'text' | 'indicator';
  /** Indicator sections only. */
  code?: string;
  category?: string;
}

export interface GuidelineDocument {
  guideline: {
    id?: string;
    code: string;
    title: { en: string; lo: string };
    /** The guideline's stage now (the version's own stage is below). */
    stage: Stage;
    /** The guideline's newest version now: a version below it has been superseded. */
    currentVersion: number;
  };
  version: {
    number: number;
    /** The stage the version was published in. */
    stage: Stage;
    contentHash: string;
    publishedAt: Date;
    changeSummary?: string;
    /** Set when this very version is the adopted one. */
    adoptedAt: Date | null;
  };
  sections: DocumentSection[];
}

/** A section as stored (null code and category) in the API shape (absent fields). */
export function toDocumentSection(content: SectionContent): DocumentSection {
  const section: DocumentSection = {
    key: content.key,
    heading: content.heading,
    body: content.body,
    kind: content.kind,
  };
  if (content.code !== null) section.code = content.code;
  if (content.category !== null) section.category = content.category;
  return section;
}

/**
 * Where a version stands, as its title page says it: the adopted version, one superseded by a
 * newer version (the guideline's current one), or the current version (a draft in some stage, or
 * the last version of a withdrawn guideline).
 */
export type VersionStatus =
  | { kind: 'adopted'; adoptedAt: Date }
  | { kind: 'superseded'; by: number; byAdopted: boolean }
  | { kind: 'withdrawn' }
  | { kind: 'current'; stage: Stage };

export function versionStatus(doc: GuidelineDocument): VersionStatus {
  const { guideline, version } = doc;
  if (version.adoptedAt) return { kind: 'adopted', adoptedAt: version.adoptedAt };
  if (version.number < guideline.currentVersion) {
    return {
      kind: 'superseded',
      by: guideline.currentVersion,
      byAdopted: guideline.stage === Stage.ADOPTED,
    };
  }
  if (guideline.stage === Stage.WITHDRAWN) return { kind: 'withdrawn' };
  return { kind: 'current', stage: guideline.stage };
}

/**
 * The number each section is shown with, in the Word document and in Markdown alike: text
 * sections 1, 2, 3… in order; indicators are shown by their code and get none.
 */
export function sectionNumbers(sections: DocumentSection[]): (number | null)[] {
  let number = 0;
  return sections.map((section) => (section.kind === 'indicator' ? null : (number += 1)));
}
