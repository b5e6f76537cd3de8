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
