import { renderPasswordResetMessage, USED_RESET_BODY } from './account-messages';

describe('account messages', () => {
  const words = {
    email: 'judge@court.gov.la',
    link: 'https://guidelines.court.la/#/reset?token=abc',
    minutes: 30,
  };

  it('words the reset e-mail in the reader’s language, with the address, link and lifetime', () => {
    const lao = renderPasswordResetMessage('lo', words);
    const english = renderPasswordResetMessage('en', words);
    expect(lao.subject).toBe('ຕັ້ງລະຫັດຜ່ານໃໝ່ສຳລັບລະບົບຂໍ້ແນະນຳຂອງສານ');
    expect(english.subject).toBe('Choose a new password for Court guidelines');
    for (const message of [lao, english]) {
      expect(message.body).toContain(words.email);
      expect(message.body).toContain(`\n\n${words.link}\n\n`);
      expect(message.body).toContain('30');
    }
    expect(lao.body).toContain('30 ນາທີ');
    expect(lao.body).not.toMatch(/minutes|password|link/);
  });

  it('has the used-link text in both languages', () => {
    expect(USED_RESET_BODY.en).toMatch(/used/);
    expect(USED_RESET_BODY.lo).toMatch(/^ລິ້ງ/);
  });
});
