import { Locale } from '../auth/roles';
import { ErrorDetail } from '../common/app-error';

/** Why something is not allowed, with a machine code and words in both languages of the court. */
export interface Reason {
  code: string;
  en: string;
  lo: string;
}

export function localize(reason: Reason, locale: Locale): ErrorDetail {
  return { code: reason.code, message: locale === 'lo' ? reason.lo : reason.en };
}
