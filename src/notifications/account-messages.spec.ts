import {
  renderPasswordResetMessage,
  USED_RESET_BODY,
  renderSignInLockedMessage,
} from './account-messages';

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

describe('the sign-in lock e-mail', () => {
  const words = {
    email: 'judge@court.la',
    failures: 5,
    minutes: 15,
    until: '1 December 2026 at 23:15',
    resetLink: 'https://court.example.la/#/forgot',
  };

  it('names the account, the failures, how long and until when, and the reset link, in Lao and English', () => {
    for (const locale of ['lo', 'en'] as const) {
      const { subject, body } = renderSignInLockedMessage(locale, words);
      expect(subject.length).toBeGreaterThan(10);
      for (const part of [words.email, '5', '15', words.until, words.resetLink]) {
        expect(body).toContain(part);
      }
      expect(`${subject} ${body}`).not.toMatch(/undefined|null|\$\{/);
    }
    expect(renderSignInLockedMessage('lo', words).body).toContain('ຖືກປະຕິເສດ');
    expect(renderSignInLockedMessage('en', words).body).toContain('even with the right password');
  });
});
