/**
 * The words of the e-mail preferences and of the daily digest, in Lao and English; the refusals'
 * sentences are in src/court/catalogue.ts.
 */
import { reason } from '../court/catalogue';
import { Reason } from '../court/reason';
import { Bilingual, GuidelineKind, NotificationKind } from './templates';

/** Each kind of notice as the preferences screen names it. */
export const KIND_NAMES: Record<GuidelineKind, Bilingual> = {
  [NotificationKind.REVIEW_REQUESTED]: {
    en: 'Review requests',
    lo: 'ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ',
  },
  [NotificationKind.REVIEW_REMINDER]: {
    en: 'Reminders before a review is due',
    lo: 'ແຈ້ງເຕືອນກ່ອນຄົບກຳນົດການທົບທວນ',
  },
  [NotificationKind.REVIEW_DUE_TODAY]: {
    en: 'Reviews due today',
    lo: 'ການທົບທວນທີ່ຄົບກຳນົດມື້ນີ້',
  },
  [NotificationKind.REVIEW_OVERDUE]: {
    en: 'Overdue reviews',
    lo: 'ການທົບທວນທີ່ກາຍກຳນົດ',
  },
  [NotificationKind.REVIEW_WITHDRAWN]: {
    en: 'Withdrawn review requests',
    lo: 'ຄຳຮ້ອງຂໍທົບທວນທີ່ຖືກຖອນ',
  },
  [NotificationKind.REVIEW_DUE_DATE_CHANGED]: {
    en: 'New due dates of reviews',
    lo: 'ກຳນົດໃໝ່ຂອງການທົບທວນ',
  },
  [NotificationKind.STAGE_CHANGED]: {
    en: 'A guideline moved to another stage',
    lo: 'ຂໍ້ແນະນຳຍ້າຍໄປຂັ້ນຕອນອື່ນ',
  },
  [NotificationKind.DISPOSITION_GIVEN]: {
    en: 'Decisions on your comments',
    lo: 'ການຕັດສິນກ່ຽວກັບຄຳເຫັນຂອງທ່ານ',
  },
  [NotificationKind.COMMENT_REPLIED]: {
    en: 'Replies to your comments',
    lo: 'ການຕອບຄຳເຫັນຂອງທ່ານ',
  },
  [NotificationKind.CONSULTATION_CLOSING]: {
    en: 'Consultations closing soon',
    lo: 'ການປຶກສາຫາລືທີ່ໃກ້ຈະປິດ',
  },
  [NotificationKind.COMMENTS_OPEN]: {
    en: 'Open for your comments',
    lo: 'ເປີດໃຫ້ທ່ານສະເໜີຄຳເຫັນ',
  },
};

export const OFFICIAL_NOTICE = (name: Bilingual): Reason => reason('OFFICIAL_NOTICE', { name });

export const UNKNOWN_KIND = (kind: string): Reason =>
  reason('UNKNOWN_KIND', { kind: kind.slice(0, 80) });

export const UNKNOWN_FREQUENCY: Reason = reason('UNKNOWN_FREQUENCY');

/** The digest e-mail's own words (the notices in it keep the words they were written with). */
export const DIGEST_WORDS = {
  subject: (notices: number, guidelines: number): Bilingual => ({
    en: `Daily digest: ${notices} ${notices === 1 ? 'notice' : 'notices'} about ${guidelines} ${guidelines === 1 ? 'guideline' : 'guidelines'}`,
    lo: `ສະຫຼຸບແຈ້ງການປະຈຳວັນ: ${notices} ແຈ້ງການ ກ່ຽວກັບ ${guidelines} ຂໍ້ແນະນຳ`,
  }),
  intro: {
    en: 'Your notices since the last digest, gathered once a day as you chose. Each one is also in your inbox.',
    lo: 'ແຈ້ງການຂອງທ່ານນັບແຕ່ສະຫຼຸບຄັ້ງກ່ອນ, ລວມເຂົ້າກັນມື້ລະເທື່ອຕາມທີ່ທ່ານເລືອກ. ແຕ່ລະແຈ້ງການຍັງຢູ່ໃນກ່ອງແຈ້ງການຂອງທ່ານ.',
  } satisfies Bilingual,
  otherNotices: { en: 'Other notices', lo: 'ແຈ້ງການອື່ນໆ' } satisfies Bilingual,
  more: (count: number): Bilingual => ({
    en: `… and ${count} more in your inbox`,
    lo: `… ແລະ ອີກ ${count} ແຈ້ງການໃນກ່ອງແຈ້ງການຂອງທ່ານ`,
  }),
  preferences: (url: string): Bilingual => ({
    en: `Choose which notices come at once, in this digest or not by e-mail: ${url}`,
    lo: `ເລືອກວ່າແຈ້ງການໃດຈະມາທັນທີ, ມາໃນສະຫຼຸບນີ້ ຫຼື ບໍ່ສົ່ງທາງອີເມວ: ${url}`,
  }),
};
