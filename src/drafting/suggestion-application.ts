import { CodedReason } from '../court/catalogue';
import { DraftingErrorCode } from './drafting.exception';
import { draftingReasons } from './drafting-reasons';

/** The part of a draft section a suggestion may change. */
export interface SectionText {
  heading: string;
  body: string;
}

export type Application =
  | { applied: true; heading: string; body: string }
  | { applied: false; reason: CodedReason<DraftingErrorCode> };

/** Non-overlapping occurrences of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  if (!needle) return at;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
    at.push(i);
  }
  return at;
}

interface Found {
  field: 'heading' | 'body';
  /** The field's text in which `passage` occurs at `index` (NFC when the quote only matched so). */
  text: string;
  passage: string;
  index: number;
}

/**
 * Where the quote occurs in the section: as typed, or else after Unicode NFC normalisation of
 * both sides (as a quote is checked when the comment is written). Heading and body together.
 */
function find(section: SectionText, quote: string): Found[] {
  const fields = ['heading', 'body'] as const;
  const exact = fields.flatMap((field) =>
    occurrences(section[field], quote).map((index) => ({
      field,
      text: section[field],
      passage: quote,
      index,
    })),
  );
  if (exact.length) return exact;
  const nfcQuote = quote.normalize('NFC');
  return fields.flatMap((field) => {
    const text = section[field].normalize('NFC');
    return occurrences(text, nfcQuote).map((index) => ({ field, text, passage: nfcQuote, index }));
  });
}

/**
 * Writes a comment's suggested wording into a section of the draft: in place of the quoted
 * passage when the comment quotes one (it must occur exactly once in the heading and body
 * together), else in place of the whole body. Pure: the section in, the new text or the reason out.
 */
export function applySuggestion(
  sectionKey: string,
  section: SectionText,
  quote: string | null,
  suggestion: string,
): Application {
  if (quote === null) return { applied: true, heading: section.heading, body: suggestion };
  const found = find(section, quote);
  if (found.length === 0)
    return { applied: false, reason: draftingReasons.passageGone(sectionKey) };
  if (found.length > 1) {
    return { applied: false, reason: draftingReasons.passageAmbiguous(sectionKey, found.length) };
  }
  const [{ field, text, passage, index }] = found;
  const replaced = text.slice(0, index) + suggestion + text.slice(index + passage.length);
  return {
    applied: true,
    heading: field === 'heading' ? replaced : section.heading,
    body: field === 'body' ? replaced : section.body,
  };
}

/**
 * Whether a suggestion written into a section is still there: the draft lists it as applied only
 * while its words occur in that section (an edit or a re-import may have taken them out).
 */
export function suggestionStillPresent(
  section: SectionText | undefined,
  suggestion: string,
): boolean {
  if (!section) return false;
  if (suggestion === '') return true;
  const nfc = suggestion.normalize('NFC');
  return [section.heading, section.body].some(
    (text) => text.includes(suggestion) || text.normalize('NFC').includes(nfc),
  );
}
