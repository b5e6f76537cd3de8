import { Locale } from '../../court/roles';
import { DispositionStatus } from '../comment.entity';

type Words = { en: string; lo: string };

export const MATRIX_COLUMNS = {
  number: { en: 'No.', lo: 'ລ/ດ' },
  version: { en: 'Version', lo: 'ສະບັບ' },
  section: { en: 'Section', lo: 'ພາກ' },
  heading: { en: 'Heading', lo: 'ຫົວຂໍ້' },
  commenter: { en: 'Commenter', lo: 'ຜູ້ໃຫ້ຄຳເຫັນ' },
  institution: { en: 'Institution', lo: 'ອົງການ' },
  recordedBy: { en: 'Recorded by', lo: 'ບັນທຶກໂດຍ' },
  comment: { en: 'Comment', lo: 'ຄຳເຫັນ' },
  quote: { en: 'Quoted passage', lo: 'ຂໍ້ຄວາມທີ່ອ້າງອີງ' },
  disposition: { en: 'Disposition', lo: 'ການຕັດສິນ' },
  response: { en: 'Response', lo: 'ຄຳຕອບ' },
  answeredIn: { en: 'Answered in version', lo: 'ຕອບໃນສະບັບ' },
  suggestion: { en: 'Suggested wording', lo: 'ຖ້ອຍຄຳທີ່ສະເໜີ' },
  suggestionStatus: { en: 'Suggested wording applied', lo: 'ການນຳໃຊ້ຖ້ອຍຄຳທີ່ສະເໜີ' },
} satisfies Record<string, Words>;

const STATUS_WORDS: Record<DispositionStatus | 'NONE', Words> = {
  ACCEPTED: { en: 'Accepted', lo: 'ຮັບເອົາ' },
  PARTIALLY_ACCEPTED: { en: 'Partially accepted', lo: 'ຮັບເອົາບາງສ່ວນ' },
  REJECTED: { en: 'Rejected', lo: 'ບໍ່ຮັບເອົາ' },
  NOTED: { en: 'Noted', lo: 'ຮັບຊາບ' },
  NONE: { en: 'Awaiting disposition', lo: 'ລໍຖ້າການຕັດສິນ' },
};

export const MATRIX_TITLE: Words = { en: 'Comment matrix', lo: 'ຕາຕະລາງຄຳເຫັນ' };
export const ALL_VERSIONS: Words = { en: 'All versions', lo: 'ທຸກສະບັບ' };
export const GENERATED: Words = { en: 'Generated', lo: 'ສ້າງເມື່ອ' };

export function word(words: Words, locale: Locale): string {
  return words[locale];
}

/** What became of a suggestion, in words (SuggestionView: status, inDraft, appliedInVersion). */
export function suggestionLabel(
  suggestion: { status: string; inDraft: boolean; appliedInVersion: number | null } | null,
  locale: Locale,
): string | null {
  if (!suggestion) return null;
  if (suggestion.status === 'APPLIED') {
    const n = suggestion.appliedInVersion;
    return locale === 'lo' ? `ນຳໃຊ້ແລ້ວໃນສະບັບທີ ${n}` : `Applied in version ${n}`;
  }
  if (suggestion.inDraft) {
    return locale === 'lo' ? 'ຢູ່ໃນຮ່າງ, ຍັງບໍ່ທັນເຜີຍແຜ່' : 'In the draft, not yet published';
  }
  if (suggestion.status === 'NOT_APPLIED') return locale === 'lo' ? 'ບໍ່ໄດ້ນຳໃຊ້' : 'Not applied';
  return locale === 'lo' ? 'ລໍຖ້າການຕັດສິນ' : 'Awaiting disposition';
}

export function statusLabel(status: DispositionStatus | null, locale: Locale): string {
  return STATUS_WORDS[status ?? 'NONE'][locale];
}
