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

/** What the e-mail of a sign-in lock says: whose account, until when, and what to do. */
export interface SignInLockedWords {
  email: string;
  failures: number;
  minutes: number;
  /** The moment the lock ends, as the court's clocks show it in the reader's language. */
  until: string;
  /** The sign-in page's "Forgot your password?" (a reset also lifts the lock). */
  resetLink: string;
}

const LOCKED_SUBJECT: Bilingual = {
  en: 'Sign-in to Court guidelines locked for a while after failed attempts',
  lo: 'ການເຂົ້າສູ່ລະບົບຂໍ້ແນະນຳຂອງສານຖືກລັອກຊົ່ວຄາວ ຫຼັງຈາກພະຍາຍາມບໍ່ສຳເລັດ',
};

function lockedBody(w: SignInLockedWords): Bilingual {
  return {
    en:
      `There were ${w.failures} failed sign-ins in a row to the account ${w.email}, so signing in ` +
      `with it is refused for ${w.minutes} minutes, until ${w.until}, even with the right password.\n\n` +
      'If this was you, wait and try again, or choose a new password now (this also lifts the ' +
      `lock):\n\n${w.resetLink}\n\n` +
      'If it was not you, someone may be trying to sign in as you (with a wrong password, or ' +
      'with your password and a wrong code from the authenticator app): choose a new password ' +
      'with the link above.',
    lo:
      `ມີການເຂົ້າສູ່ລະບົບບັນຊີ ${w.email} ບໍ່ສຳເລັດ ${w.failures} ຄັ້ງຕິດຕໍ່ກັນ, ສະນັ້ນ ການເຂົ້າສູ່ລະບົບ ` +
      `ດ້ວຍບັນຊີນີ້ຈະຖືກປະຕິເສດເປັນເວລາ ${w.minutes} ນາທີ, ຈົນຮອດ ${w.until}, ເຖິງວ່າຈະໃຊ້ລະຫັດຜ່ານທີ່ຖືກຕ້ອງກໍ່ຕາມ.\n\n` +
      'ຖ້າແມ່ນທ່ານເອງ, ກະລຸນາລໍຖ້າແລ້ວລອງໃໝ່ ຫຼື ຕັ້ງລະຫັດຜ່ານໃໝ່ດຽວນີ້ (ເຊິ່ງຈະປົດລັອກນຳ):' +
      `\n\n${w.resetLink}\n\n` +
      'ຖ້າບໍ່ແມ່ນທ່ານ, ອາດມີຄົນພະຍາຍາມເຂົ້າສູ່ລະບົບແທນທ່ານ (ດ້ວຍລະຫັດຜ່ານທີ່ຜິດ ຫຼື ' +
      'ດ້ວຍລະຫັດຜ່ານຂອງທ່ານ ແລະ ລະຫັດຈາກແອັບຢືນຢັນຕົວຕົນທີ່ຜິດ): ກະລຸນາຕັ້ງລະຫັດຜ່ານໃໝ່ດ້ວຍລິ້ງຂ້າງເທິງ.',
  };
}

/** The sign-in lock e-mail in the reader's language. */
export function renderSignInLockedMessage(
  locale: Locale,
  words: SignInLockedWords,
): RenderedMessage {
  return { subject: LOCKED_SUBJECT[locale], body: lockedBody(words)[locale] };
}
