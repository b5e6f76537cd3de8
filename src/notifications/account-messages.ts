import { Locale } from '../court/roles';
import { Bilingual, RenderedMessage } from './templates';

/** What the password reset e-mail says: whose account, the link and how long it works. */
export interface PasswordResetWords {
  email: string;
  link: string;
  minutes: number;
}

const RESET_SUBJECT: Bilingual = {
  en: 'Choose a new password for Court guidelines',
  lo: 'ຕັ້ງລະຫັດຜ່ານໃໝ່ສຳລັບລະບົບຂໍ້ແນະນຳຂອງສານ',
};

function resetBody(w: PasswordResetWords): Bilingual {
  return {
    en:
      `Someone asked to reset the password of the account ${w.email}. Open this link within ` +
      `${w.minutes} minutes to choose a new password; it works only once:\n\n${w.link}\n\n` +
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    lo:
      `ມີການຂໍຕັ້ງລະຫັດຜ່ານໃໝ່ສຳລັບບັນຊີ ${w.email}. ກະລຸນາເປີດລິ້ງນີ້ພາຍໃນ ${w.minutes} ນາທີ ` +
      `ເພື່ອເລືອກລະຫັດຜ່ານໃໝ່; ລິ້ງນີ້ໃຊ້ໄດ້ພຽງຄັ້ງດຽວ:\n\n${w.link}\n\n` +
      'ຖ້າທ່ານບໍ່ໄດ້ຂໍ, ບໍ່ຕ້ອງເຮັດຫຍັງ: ລະຫັດຜ່ານຂອງທ່ານຍັງຄືເກົ່າ.',
  };
}

/** The password reset e-mail in the reader's language. */
export function renderPasswordResetMessage(
  locale: Locale,
  words: PasswordResetWords,
): RenderedMessage {
  return { subject: RESET_SUBJECT[locale], body: resetBody(words)[locale] };
}

/** What a used reset e-mail's stored copy says instead of its link. */
export const USED_RESET_BODY: Bilingual = {
  en: 'This password reset link has been used or replaced.',
  lo: 'ລິ້ງຕັ້ງລະຫັດຜ່ານໃໝ່ນີ້ຖືກໃຊ້ແລ້ວ ຫຼື ຖືກປ່ຽນແທນແລ້ວ.',
};
