import { Stage } from '../court/stage';
import {
  formatDay,
  formatMoment,
  GUIDELINE_KINDS,
  MessageContext,
  NotificationKind,
  renderMessage,
} from './templates';

const context: MessageContext = {
  guideline: {
    code: 'VSC-1',
    title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
  },
  link: 'https://court.example.la/reviews/1',
  stage: Stage.INTERAGENCY_REVIEW,
  fromStage: Stage.COUNCIL_OF_JUDGES,
  dueDate: '2026-03-20',
  closesAt: new Date('2026-03-20T10:00:00Z'),
  agency: { code: 'MOJ', name: { en: 'Ministry of Justice', lo: 'ກະຊວງຍຸຕິທຳ' } },
  versionNumber: 3,
  dispositionStatus: 'PARTIALLY_ACCEPTED',
  actorName: 'Khamphone',
  daysLeft: 7,
};

describe('notification templates', () => {
  it('has a subject and a body in both languages for every kind, with the title, link and no gaps', () => {
    for (const kind of GUIDELINE_KINDS) {
      for (const locale of ['lo', 'en'] as const) {
        const message = renderMessage(kind, locale, context, 'Asia/Vientiane');
        expect(message.subject).toContain(context.guideline.title[locale]);
        expect(message.body).toContain(context.link);
        expect(`${message.subject} ${message.body}`).not.toMatch(/undefined|null|\$\{/);
      }
    }
  });

  it('writes the review request in Lao for a Lao reader, with the due day in Lao', () => {
    const message = renderMessage(
      NotificationKind.REVIEW_REQUESTED,
      'lo',
      context,
      'Asia/Vientiane',
    );
    expect(message.subject).toBe(
      `ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ (ກຳນົດ ${formatDay('2026-03-20', 'lo')})`,
    );
    expect(formatDay('2026-03-20', 'lo')).toMatch(/ມີນາ/);
    expect(message.body).toContain('ກະຊວງຍຸຕິທຳ');
    expect(message.body).toContain('ສະບັບທີ 3');
  });

  it('writes English for an English reader, with stage names and the disposition', () => {
    const moved = renderMessage(NotificationKind.STAGE_CHANGED, 'en', context, 'Asia/Vientiane');
    expect(moved.subject).toBe('Victim-sensitive courts moved to interagency review');
    expect(moved.body).toContain('from Council of Judges to interagency review');
    const decided = renderMessage(
      NotificationKind.DISPOSITION_GIVEN,
      'en',
      context,
      'Asia/Vientiane',
    );
    expect(decided.subject).toBe('Your comment on Victim-sensitive courts: partially accepted');
    expect(
      renderMessage(NotificationKind.REVIEW_REQUESTED, 'en', context, 'Asia/Vientiane').subject,
    ).toBe('Review requested: Victim-sensitive courts (due 20 March 2026)');
  });

  it('says how many days are left in a before-due reminder, so two reminders never look alike', () => {
    expect(
      renderMessage(NotificationKind.REVIEW_REMINDER, 'en', context, 'Asia/Vientiane').subject,
    ).toBe('Reminder: review of Victim-sensitive courts is due 20 March 2026 (7 days left)');
    expect(
      renderMessage(NotificationKind.REVIEW_REMINDER, 'lo', context, 'Asia/Vientiane').subject,
    ).toMatch(/\(ຍັງເຫຼືອ 7 ມື້\)$/);
  });

  it('shows moments on the court clock (Asia/Vientiane), not UTC', () => {
    // 10:00 UTC is 17:00 in Vientiane.
    expect(formatMoment(new Date('2026-03-20T10:00:00Z'), 'en', 'Asia/Vientiane')).toBe(
      '20 March 2026 at 17:00',
    );
    const closing = renderMessage(
      NotificationKind.CONSULTATION_CLOSING,
      'en',
      context,
      'Asia/Vientiane',
    );
    expect(closing.subject).toContain('17:00');
  });
});
