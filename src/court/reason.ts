import { Locale } from './roles';

/** Why something is not allowed, with a machine code and words in both languages of the court. */
export interface Reason {
  code: string;
  en: string;
  lo: string;
}

/** A reason in one language: an entry of an error's `details`. */
// A type, not an interface: it must fit ErrorDetail's index signature.
export type LocalizedReason = { code: string; message: string };

export function localize(reason: Reason, locale: Locale): LocalizedReason {
  return { code: reason.code, message: locale === 'lo' ? reason.lo : reason.en };
}
