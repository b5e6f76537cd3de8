/** What a section of a version says: the unit that is hashed, compared and commented on. */
export type SectionKind = 'text' | 'indicator';

export interface SectionContent {
  key: string;
  kind: SectionKind;
  heading: string;
  body: string;
  /** Indicator code (e.g. VSC-1); null for text sections. */
  code: string | null;
  /** Indicator category; null for text sections or when not given. */
  category: string | null;
}
