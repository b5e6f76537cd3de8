import type { Locale } from '../court/roles';

/** Every sentence the sign-in and account rules say, in Lao and English (the rules hold only codes). */
type Texts = Record<Locale, string>;

export const PASSWORD_PROBLEM_TEXT: Record<
  'PASSWORD_TOO_SHORT' | 'PASSWORD_REPETITIVE' | 'PASSWORD_PERSONAL' | 'PASSWORD_COMMON',
  Texts
> = {
  PASSWORD_TOO_SHORT: {
    en: 'The password needs at least 10 characters',
    lo: 'ລະຫັດຜ່ານຕ້ອງມີຢ່າງໜ້ອຍ 10 ຕົວອັກສອນ',
  },
  PASSWORD_REPETITIVE: {
    en: 'The password is mostly one character repeated, or uses too few different characters',
    lo: 'ລະຫັດຜ່ານເປັນຕົວອັກສອນດຽວກັນຊ້ຳໆ ຫຼື ໃຊ້ຕົວອັກສອນທີ່ແຕກຕ່າງກັນໜ້ອຍເກີນໄປ',
  },
  PASSWORD_PERSONAL: {
    en: 'The password may not be the e-mail address or the name of its owner',
    lo: 'ລະຫັດຜ່ານບໍ່ສາມາດເປັນອີເມວ ຫຼື ຊື່ຂອງເຈົ້າຂອງບັນຊີໄດ້',
  },
  PASSWORD_COMMON: {
    en: 'The password is one of the most common passwords: choose another',
    lo: 'ລະຫັດຜ່ານນີ້ເປັນໜຶ່ງໃນລະຫັດຜ່ານທີ່ໃຊ້ກັນຫຼາຍທີ່ສຸດ: ກະລຸນາເລືອກລະຫັດອື່ນ',
  },
};

/** Why an account request is refused, by the code in `details[0].code`. */
export const ACCOUNT_TEXT = {
  PASSWORD_CHANGE_REQUIRED: {
    en: 'Your password is temporary: change it before you go on',
    lo: 'ລະຫັດຜ່ານຂອງທ່ານເປັນລະຫັດຊົ່ວຄາວ: ກະລຸນາປ່ຽນລະຫັດຜ່ານກ່ອນ',
  },
  CURRENT_PASSWORD_WRONG: {
    en: 'The current password is wrong',
    lo: 'ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ',
  },
  PASSWORD_UNCHANGED: {
    en: 'The new password is the same as the current one: choose another',
    lo: 'ລະຫັດຜ່ານໃໝ່ຄືກັນກັບລະຫັດຜ່ານປັດຈຸບັນ: ກະລຸນາເລືອກລະຫັດອື່ນ',
  },
  PASSWORD_CHANGED_MEANWHILE: {
    en: 'The password was changed meanwhile: sign in again',
    lo: 'ລະຫັດຜ່ານຖືກປ່ຽນໃນລະຫວ່າງນີ້ແລ້ວ: ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ',
  },
  RESET_LINK_INVALID: {
    en: 'This link has been used, has expired or is not valid: ask for a new one',
    lo: 'ລິ້ງນີ້ຖືກໃຊ້ແລ້ວ, ໝົດອາຍຸແລ້ວ ຫຼື ບໍ່ຖືກຕ້ອງ: ກະລຸນາຂໍລິ້ງໃໝ່',
  },
  RESET_THROTTLED: {
    en: 'Too many password reset requests: try again later',
    lo: 'ມີການຂໍຕັ້ງລະຫັດຜ່ານໃໝ່ຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ພາຍຫຼັງ',
  },
} satisfies Record<string, Texts>;

export type AccountProblem = keyof typeof ACCOUNT_TEXT;

/**
 * Why a sign-in is refused before its password is checked, by the code in `details[0].code`.
 * The same words for an unknown e-mail as for an account's: they never tell whether one exists.
 */
export const SIGN_IN_TEXT = {
  SIGN_IN_THROTTLED: (minutes: number): Texts => ({
    en: `Too many sign-in attempts from here: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
    lo: `ມີການພະຍາຍາມເຂົ້າສູ່ລະບົບຈາກບ່ອນນີ້ຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ໃນ ${minutes} ນາທີ`,
  }),
  SIGN_IN_LOCKED: (minutes: number): Texts => ({
    en:
      `Too many failed sign-ins with this e-mail address: it is locked for ${minutes} ` +
      `${minutes === 1 ? 'minute' : 'minutes'}. "Forgot your password?" lifts the lock at once`,
    lo: `ມີການເຂົ້າສູ່ລະບົບດ້ວຍອີເມວນີ້ບໍ່ສຳເລັດຫຼາຍເກີນໄປ: ຖືກລັອກໄວ້ ${minutes} ນາທີ. ` + '"ລືມລະຫັດຜ່ານ?" ຈະປົດລັອກທັນທີ',
  }),
  SIGN_IN_BUSY: (seconds: number): Texts => ({
    en: `Too many sign-ins right now: try again in ${seconds} seconds`,
    lo: `ມີການເຂົ້າສູ່ລະບົບຫຼາຍເກີນໄປໃນຕອນນີ້: ກະລຸນາລອງໃໝ່ໃນ ${seconds} ວິນາທີ`,
  }),
} satisfies Record<string, (n: number) => Texts>;

export type SignInRefusal = keyof typeof SIGN_IN_TEXT;
