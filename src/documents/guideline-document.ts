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
