import { Locale } from '../court/roles';
import { AppError } from '../common/app-error';
import { stageName } from '../court/stage';
import { localize, Reason } from '../court/reason';
import { Stage } from '../court/stage';
import { DispositionStatus } from './comment.entity';
import { statusLabel } from './matrix/matrix-labels';

/** Why a comment, edit, deletion or disposition is refused, in both languages of the court. */
export const commentReasons = {
  versionNotCurrent: (asked: number, current: number): Reason => ({
    code: 'VERSION_NOT_CURRENT',
    en: `New comments go on the current version (${current}); version ${asked} is an earlier draft`,
    lo: `ຄຳເຫັນໃໝ່ຕ້ອງໃຫ້ໃສ່ສະບັບປັດຈຸບັນ (ສະບັບທີ ${current}); ສະບັບທີ ${asked} ແມ່ນສະບັບຮ່າງກ່ອນໜ້າ`,
  }),
  unknownSection: (version: number, key: string): Reason => ({
    code: 'UNKNOWN_SECTION',
    en: `Version ${version} has no section "${key}"`,
    lo: `ສະບັບທີ ${version} ບໍ່ມີພາກ "${key}"`,
  }),
  quoteNotFound: (key: string): Reason => ({
    code: 'QUOTE_NOT_FOUND',
    en: `The quoted passage does not occur in section "${key}"`,
    lo: `ຂໍ້ຄວາມທີ່ອ້າງອີງບໍ່ມີຢູ່ໃນພາກ "${key}"`,
  }),
  unknownEvent: (): Reason => ({
    code: 'UNKNOWN_EVENT',
    en: 'No consultation event has this id',
    lo: 'ບໍ່ພົບກອງປະຊຸມປຶກສາຫາລືທີ່ມີລະຫັດນີ້',
  }),
  eventOfAnotherGuideline: (): Reason => ({
    code: 'EVENT_OF_ANOTHER_GUIDELINE',
    en: 'This consultation event was held on another guideline',
    lo: 'ກອງປະຊຸມປຶກສາຫາລືນີ້ແມ່ນຈັດຂຶ້ນສຳລັບຂໍ້ແນະນຳອື່ນ',
  }),
  parentNotFound: (): Reason => ({
    code: 'PARENT_NOT_FOUND',
    en: 'The comment you reply to does not exist',
    lo: 'ບໍ່ພົບຄຳເຫັນທີ່ທ່ານຕອບກັບ',
  }),
  parentDeleted: (): Reason => ({
    code: 'PARENT_DELETED',
    en: 'The comment you reply to was deleted',
    lo: 'ຄຳເຫັນທີ່ທ່ານຕອບກັບໄດ້ຖືກລຶບແລ້ວ',
  }),
  parentOnOtherVersion: (parentVersion: number, asked: number): Reason => ({
    code: 'PARENT_ON_OTHER_VERSION',
    en: `The comment you reply to is on version ${parentVersion}, not version ${asked}`,
    lo: `ຄຳເຫັນທີ່ທ່ານຕອບກັບຢູ່ໃນສະບັບທີ ${parentVersion}, ບໍ່ແມ່ນສະບັບທີ ${asked}`,
  }),
  sectionMismatch: (key: string): Reason => ({
    code: 'SECTION_MISMATCH',
    en: `A reply belongs to the section of its thread ("${key}")`,
    lo: `ຄຳຕອບຕ້ອງຢູ່ໃນພາກດຽວກັນກັບຄຳເຫັນຕົ້ນ ("${key}")`,
  }),
  notTheAuthor: (): Reason => ({
    code: 'NOT_THE_AUTHOR',
    en: 'Only the author may change or delete this comment',
    lo: 'ມີແຕ່ຜູ້ຂຽນເທົ່ານັ້ນທີ່ສາມາດແກ້ໄຂ ຫຼື ລຶບຄຳເຫັນນີ້ໄດ້',
  }),
  hasDisposition: (): Reason => ({
    code: 'HAS_DISPOSITION',
    en: 'The secretariat has already answered this comment: it can no longer be changed or deleted',
    lo: 'ກອງເລຂາໄດ້ຕອບຄຳເຫັນນີ້ແລ້ວ: ບໍ່ສາມາດແກ້ໄຂ ຫຼື ລຶບໄດ້ອີກ',
  }),
  commentDeleted: (): Reason => ({
    code: 'COMMENT_DELETED',
    en: 'This comment was deleted',
    lo: 'ຄຳເຫັນນີ້ໄດ້ຖືກລຶບແລ້ວ',
  }),
  notTopLevel: (): Reason => ({
    code: 'NOT_TOP_LEVEL',
    en: 'Dispositions are given to top-level comments, not to replies',
    lo: 'ການຕັດສິນແມ່ນໃຫ້ແກ່ຄຳເຫັນຫຼັກ, ບໍ່ແມ່ນຄຳຕອບ',
  }),
  suggestionOnReply: (): Reason => ({
    code: 'SUGGESTION_ON_REPLY',
    en: 'Suggested wording goes on a top-level comment, not on a reply',
    lo: 'ຖ້ອຍຄຳທີ່ສະເໜີຕ້ອງໃສ່ໃນຄຳເຫັນຫຼັກ, ບໍ່ແມ່ນໃນຄຳຕອບ',
  }),
  suggestionEmpty: (): Reason => ({
    code: 'SUGGESTION_EMPTY',
    en: 'Without a quoted passage the suggestion replaces the whole section: it cannot be empty',
    lo: 'ຖ້າບໍ່ມີຂໍ້ຄວາມທີ່ອ້າງອີງ ຖ້ອຍຄຳທີ່ສະເໜີຈະແທນທັງພາກ: ຈຶ່ງບໍ່ສາມາດຫວ່າງເປົ່າໄດ້',
  }),
  dispositionChanged: (
    expected: DispositionStatus | null,
    current: DispositionStatus | null,
  ): Reason => ({
    code: 'DISPOSITION_CHANGED',
    en: `The decision is now "${statusLabel(current, 'en')}", not "${statusLabel(expected, 'en')}" as you saw it: read it again before changing it`,
    lo: `ການຕັດສິນຕອນນີ້ແມ່ນ "${statusLabel(current, 'lo')}", ບໍ່ແມ່ນ "${statusLabel(expected, 'lo')}" ຕາມທີ່ທ່ານເຫັນ: ກະລຸນາອ່ານຄືນກ່ອນປ່ຽນ`,
  }),
  dispositionsFrozen: (stage: Stage): Reason => ({
    code: 'DISPOSITIONS_FROZEN',
    en: `The guideline is ${stageName(stage).en}: dispositions can no longer change`,
    lo: `ຂໍ້ແນະນຳນີ້${stageName(stage).lo}: ບໍ່ສາມາດປ່ຽນແປງການຕັດສິນໄດ້ອີກ`,
  }),
};

/**
 * A refusal from the stage rule: 422 when the stage is closed to everyone (COMMENTS_CLOSED),
 * 403 when this person's role may not comment in this stage.
 */
export function stageRefusalError(reason: Reason, locale: Locale): AppError {
  const detail = localize(reason, locale);
  return reason.code === 'COMMENTS_CLOSED'
    ? AppError.unprocessable(detail.message, [detail])
    : AppError.forbidden(detail.message, [detail]);
}

export function unprocessable(reason: Reason, locale: Locale, field?: string): AppError {
  const detail = { ...localize(reason, locale), ...(field ? { field } : {}) };
  return AppError.unprocessable(detail.message, [detail]);
}

export function forbidden(reason: Reason, locale: Locale): AppError {
  const detail = localize(reason, locale);
  return AppError.forbidden(detail.message, [detail]);
}

/** A quote anchors to the section when it occurs, after NFC normalisation, in its heading or body. */
export function quoteOccursIn(quote: string, section: { heading: string; body: string }): boolean {
  const q = quote.normalize('NFC');
  return section.heading.normalize('NFC').includes(q) || section.body.normalize('NFC').includes(q);
}
