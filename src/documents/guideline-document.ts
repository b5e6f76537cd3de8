import { Stage } from '../workflow/stage';

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

/** A section as stored (null columns) turned into the API shape (absent fields). */
export function toDocumentSection(row: {
  key: string;
  heading: string;
  body: string;
  kind: 'text' | 'indicator';
  indicatorCode: string | null;
  indicatorCategory: string | null;
}): DocumentSection {
  const section: DocumentSection = {
    key: row.key,
    heading: row.heading,
    body: row.body,
    kind: row.kind,
  };
  if (row.indicatorCode !== null) section.code = row.indicatorCode;
  if (row.indicatorCategory !== null) section.category = row.indicatorCategory;
  return section;
}
