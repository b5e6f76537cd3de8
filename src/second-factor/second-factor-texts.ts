import type { Locale } from '../court/roles';

/** Why a second-factor request is refused, by the code in `details[0].code`, in Lao and English. */
export const SECOND_FACTOR_TEXT = {
  TOTP_REQUIRED: {
    en: 'Enter the 6-digit code of your authenticator app (or a recovery code)',
    lo: 'ກະລຸນາໃສ່ລະຫັດ 6 ຕົວເລກຈາກແອັບຢືນຢັນຕົວຕົນຂອງທ່ານ (ຫຼື ລະຫັດກູ້ຄືນ)',
  },
  TOTP_WRONG: {
    en: 'The code is wrong, has expired or was already used',
    lo: 'ລະຫັດບໍ່ຖືກຕ້ອງ, ໝົດອາຍຸແລ້ວ ຫຼື ຖືກໃຊ້ແລ້ວ',
  },
  TOTP_THROTTLED: {
    en: 'Too many wrong codes: try again later',
    lo: 'ໃສ່ລະຫັດຜິດຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ພາຍຫຼັງ',
  },
  TOTP_ENROLMENT_REQUIRED: {
    en: 'Your role needs two-step sign-in: set it up before you go on',
    lo: 'ບົດບາດຂອງທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ: ກະລຸນາຕັ້ງຄ່າກ່ອນ',
  },
  TOTP_ALREADY_ENABLED: {
    en: 'Two-step sign-in is already on for this account',
    lo: 'ບັນຊີນີ້ໄດ້ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນແລ້ວ',
  },
  TOTP_NOT_STARTED: {
    en: 'Start the set-up first: no code is expected yet',
    lo: 'ກະລຸນາເລີ່ມການຕັ້ງຄ່າກ່ອນ: ຍັງບໍ່ມີລະຫັດທີ່ຖືກລໍຖ້າ',
  },
  TOTP_NOT_ENABLED: {
    en: 'Two-step sign-in is not on for this account',
    lo: 'ບັນຊີນີ້ຍັງບໍ່ໄດ້ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
  },
  TOTP_REQUIRED_FOR_ROLE: {
    en: 'Your role needs two-step sign-in: it cannot be turned off',
    lo: 'ບົດບາດຂອງທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ: ບໍ່ສາມາດປິດໄດ້',
  },
  TOTP_CONFIRMATION_WRONG: {
    en: 'The password or the code is wrong',
    lo: 'ລະຫັດຜ່ານ ຫຼື ລະຫັດຢືນຢັນບໍ່ຖືກຕ້ອງ',
  },
} satisfies Record<string, Record<Locale, string>>;

export type SecondFactorProblem = keyof typeof SECOND_FACTOR_TEXT;
