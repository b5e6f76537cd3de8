import { Locale } from '../court/roles';
import { stageName } from '../court/stage';
import { Stage } from '../court/stage';
import { dateTimeFormat } from '../court/date-time-format';

/** Every kind of message a person can receive (stored in notifications.kind). */
export enum NotificationKind {
  REVIEW_REQUESTED = 'REVIEW_REQUESTED',
  REVIEW_REMINDER = 'REVIEW_REMINDER',
  REVIEW_DUE_TODAY = 'REVIEW_DUE_TODAY',
  REVIEW_OVERDUE = 'REVIEW_OVERDUE',
  REVIEW_WITHDRAWN = 'REVIEW_WITHDRAWN',
  /** The secretariat moved a review request's due day. */
  REVIEW_DUE_DATE_CHANGED = 'REVIEW_DUE_DATE_CHANGED',
  STAGE_CHANGED = 'STAGE_CHANGED',
  DISPOSITION_GIVEN = 'DISPOSITION_GIVEN',
  COMMENT_REPLIED = 'COMMENT_REPLIED',
  CONSULTATION_CLOSING = 'CONSULTATION_CLOSING',
  /** The guideline entered a stage in which the reader may comment (with the close date, if any). */
  COMMENTS_OPEN = 'COMMENTS_OPEN',
  /** By e-mail only (never in the inbox): the single-use link to set a forgotten password. */
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** By e-mail only: the owner's e-mail address was locked after repeated failed sign-ins. */
  SIGN_IN_LOCKED = 'SIGN_IN_LOCKED',
}

/** The messages about a person's own account, worded in account-messages.ts (never in the inbox). */
export const ACCOUNT_KINDS = [
  NotificationKind.PASSWORD_RESET,
  NotificationKind.SIGN_IN_LOCKED,
] as const;
type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface Bilingual {
  en: string;
  lo: string;
}

/** What a message may mention; each template uses what it needs. */
export interface MessageContext {
  guideline: { code: string; title: Bilingual };
  /** Absolute link into the web interface (PUBLIC_URL + path). */
  link: string;
  stage?: Stage;
  fromStage?: Stage;
  /** A due day (`YYYY-MM-DD`), a calendar day in APP_TIMEZONE. */
  dueDate?: string;
  /** A moment shown in APP_TIMEZONE (consultation closing). */
  closesAt?: Date;
  agency?: { code: string; name: Bilingual };
  versionNumber?: number;
  dispositionStatus?: string;
  /** Who did it (a reply's author). */
  actorName?: string;
  /** Days from the reminder's day to the due day (before-due reminders). */
  daysLeft?: number;
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

const INTL_LOCALE: Record<Locale, string> = { lo: 'lo-LA', en: 'en-GB' };

/** A calendar day in the reader's language ("20 March 2026", "20 ມີນາ 2026"). */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  // The day already belongs to APP_TIMEZONE: format the date itself, not a moment.
  return dateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A moment as the court's clocks show it, in the reader's language. */
export function formatMoment(moment: Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  }).format(moment);
}

const DISPOSITIONS: Record<string, Bilingual> = {
  ACCEPTED: { en: 'accepted', lo: 'ຮັບເອົາ' },
  PARTIALLY_ACCEPTED: { en: 'partially accepted', lo: 'ຮັບເອົາບາງສ່ວນ' },
  REJECTED: { en: 'not accepted', lo: 'ບໍ່ຮັບເອົາ' },
  NOTED: { en: 'noted', lo: 'ຮັບຊາບ' },
};

/** The context turned into words of one language. */
interface Words {
  title: string;
  code: string;
  stage: string;
  fromStage: string;
  due: string;
  closes: string;
  agency: string;
  version: string;
  disposition: string;
  actor: string;
  daysLeft: string;
}

/** The messages about a guideline (account messages are worded in account-messages.ts). */
export type GuidelineKind = Exclude<NotificationKind, AccountKind>;

const SUBJECTS: Record<GuidelineKind, (w: Words) => Bilingual> = {
  [NotificationKind.REVIEW_REQUESTED]: (w) => ({
    en: `Review requested: ${w.title} (due ${w.due})`,
    lo: `ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: ${w.title} (ກຳນົດ ${w.due})`,
  }),
  [NotificationKind.REVIEW_REMINDER]: (w) => ({
    en: `Reminder: review of ${w.title} is due ${w.due} (${w.daysLeft} days left)`,
    lo: `ແຈ້ງເຕືອນ: ການທົບທວນ ${w.title} ຄົບກຳນົດວັນທີ ${w.due} (ຍັງເຫຼືອ ${w.daysLeft} ມື້)`,
  }),
  [NotificationKind.REVIEW_DUE_TODAY]: (w) => ({
    en: `Due today: review of ${w.title}`,
    lo: `ຄົບກຳນົດມື້ນີ້: ການທົບທວນ ${w.title}`,
  }),
  [NotificationKind.REVIEW_OVERDUE]: (w) => ({
    en: `Overdue: ${w.agency}'s review of ${w.title} was due ${w.due}`,
    lo: `ກາຍກຳນົດ: ການທົບທວນ ${w.title} ຂອງ${w.agency} ຄົບກຳນົດວັນທີ ${w.due}`,
  }),
  [NotificationKind.REVIEW_WITHDRAWN]: (w) => ({
    en: `Review withdrawn: ${w.title}`,
    lo: `ຖອນຄຳຮ້ອງຂໍທົບທວນ: ${w.title}`,
  }),
  [NotificationKind.REVIEW_DUE_DATE_CHANGED]: (w) => ({
    en: `New due date for the review of ${w.title}: ${w.due}`,
    lo: `ກຳນົດໃໝ່ຂອງການທົບທວນ ${w.title}: ວັນທີ ${w.due}`,
  }),
  [NotificationKind.STAGE_CHANGED]: (w) => ({
    en: `${w.title} moved to ${w.stage}`,
    lo: `${w.title} ໄດ້ຍ້າຍໄປຂັ້ນຕອນ${w.stage}`,
  }),
  [NotificationKind.DISPOSITION_GIVEN]: (w) => ({
    en: `Your comment on ${w.title}: ${w.disposition}`,
    lo: `ຄຳເຫັນຂອງທ່ານກ່ຽວກັບ ${w.title}: ${w.disposition}`,
  }),
  [NotificationKind.COMMENT_REPLIED]: (w) => ({
    en: `${w.actor} replied to your comment on ${w.title}`,
    lo: `${w.actor} ໄດ້ຕອບຄຳເຫັນຂອງທ່ານກ່ຽວກັບ ${w.title}`,
  }),
  [NotificationKind.CONSULTATION_CLOSING]: (w) => ({
    en: `Consultation on ${w.title} closes ${w.closes}`,
    lo: `ການປຶກສາຫາລືກ່ຽວກັບ ${w.title} ຈະປິດວັນທີ ${w.closes}`,
  }),
  [NotificationKind.COMMENTS_OPEN]: (w) =>
    w.closes
      ? {
          en: `Open for your comments until ${w.closes}: ${w.title}`,
          lo: `ເປີດໃຫ້ທ່ານສະເໜີຄຳເຫັນຈົນຮອດວັນທີ ${w.closes}: ${w.title}`,
        }
      : {
          en: `Open for your comments: ${w.title} (${w.stage})`,
          lo: `ເປີດໃຫ້ທ່ານສະເໜີຄຳເຫັນ: ${w.title} (${w.stage})`,
        },
};

const BODIES: Record<GuidelineKind, (w: Words) => Bilingual> = {
  [NotificationKind.REVIEW_REQUESTED]: (w) => ({
    en: `The ${w.agency} is asked to review version ${w.version} of "${w.title}" (${w.code}) and answer by ${w.due}.`,
    lo: `${w.agency} ຖືກຂໍໃຫ້ທົບທວນສະບັບທີ ${w.version} ຂອງ "${w.title}" (${w.code}) ແລະ ຕອບພາຍໃນວັນທີ ${w.due}.`,
  }),
  [NotificationKind.REVIEW_REMINDER]: (w) => ({
    en: `The ${w.agency} has not yet answered the review of "${w.title}" (${w.code}). The answer is due ${w.due}.`,
    lo: `${w.agency} ຍັງບໍ່ທັນຕອບການທົບທວນ "${w.title}" (${w.code}). ກຳນົດຕອບແມ່ນວັນທີ ${w.due}.`,
  }),
  [NotificationKind.REVIEW_DUE_TODAY]: (w) => ({
    en: `The review of "${w.title}" (${w.code}) by the ${w.agency} is due today, ${w.due}.`,
    lo: `ການທົບທວນ "${w.title}" (${w.code}) ຂອງ${w.agency} ຄົບກຳນົດມື້ນີ້, ວັນທີ ${w.due}.`,
  }),
  [NotificationKind.REVIEW_OVERDUE]: (w) => ({
    en: `The review of "${w.title}" (${w.code}) by the ${w.agency} was due ${w.due} and has not been answered.`,
    lo: `ການທົບທວນ "${w.title}" (${w.code}) ຂອງ${w.agency} ຄົບກຳນົດວັນທີ ${w.due} ແລ້ວ ແຕ່ຍັງບໍ່ທັນໄດ້ຮັບຄຳຕອບ.`,
  }),
  [NotificationKind.REVIEW_WITHDRAWN]: (w) => ({
    en: `The request to the ${w.agency} to review "${w.title}" (${w.code}) has been withdrawn: no answer is needed. The guideline is now in ${w.stage}.`,
    lo: `ຄຳຮ້ອງຂໍໃຫ້${w.agency}ທົບທວນ "${w.title}" (${w.code}) ໄດ້ຖືກຖອນແລ້ວ: ບໍ່ຈຳເປັນຕ້ອງຕອບ. ປັດຈຸບັນຢູ່ໃນຂັ້ນຕອນ${w.stage}.`,
  }),
  [NotificationKind.REVIEW_DUE_DATE_CHANGED]: (w) => ({
    en: `The review of version ${w.version} of "${w.title}" (${w.code}) by the ${w.agency} is now due ${w.due}.`,
    lo: `ການທົບທວນສະບັບທີ ${w.version} ຂອງ "${w.title}" (${w.code}) ໂດຍ${w.agency} ມີກຳນົດໃໝ່ແມ່ນວັນທີ ${w.due}.`,
  }),
  [NotificationKind.STAGE_CHANGED]: (w) => ({
    en: `"${w.title}" (${w.code}) moved from ${w.fromStage} to ${w.stage}.`,
    lo: `"${w.title}" (${w.code}) ໄດ້ຍ້າຍຈາກຂັ້ນຕອນ${w.fromStage} ໄປຂັ້ນຕອນ${w.stage}.`,
  }),
  [NotificationKind.DISPOSITION_GIVEN]: (w) => ({
    en: `The secretariat recorded a decision on your comment on "${w.title}" (${w.code}): ${w.disposition}.`,
    lo: `ກອງເລຂາໄດ້ບັນທຶກການຕັດສິນກ່ຽວກັບຄຳເຫັນຂອງທ່ານຕໍ່ "${w.title}" (${w.code}): ${w.disposition}.`,
  }),
  [NotificationKind.COMMENT_REPLIED]: (w) => ({
    en: `${w.actor} replied to your comment on "${w.title}" (${w.code}).`,
    lo: `${w.actor} ໄດ້ຕອບຄຳເຫັນຂອງທ່ານຕໍ່ "${w.title}" (${w.code}).`,
  }),
  [NotificationKind.CONSULTATION_CLOSING]: (w) => ({
    en: `The consultation on "${w.title}" (${w.code}) closes ${w.closes}. You may still comment until then.`,
    lo: `ການປຶກສາຫາລືກ່ຽວກັບ "${w.title}" (${w.code}) ຈະປິດວັນທີ ${w.closes}. ທ່ານຍັງສາມາດໃຫ້ຄຳເຫັນໄດ້ຈົນຮອດເວລານັ້ນ.`,
  }),
  [NotificationKind.COMMENTS_OPEN]: (w) =>
    w.closes
      ? {
          en: `"${w.title}" (${w.code}) is now in ${w.stage}, and you may comment on version ${w.version} section by section until ${w.closes}.`,
          lo: `"${w.title}" (${w.code}) ຢູ່ໃນຂັ້ນຕອນ${w.stage}ແລ້ວ, ທ່ານສາມາດສະເໜີຄຳເຫັນຕໍ່ສະບັບທີ ${w.version} ເປັນແຕ່ລະພາກ ຈົນຮອດວັນທີ ${w.closes}.`,
        }
      : {
          en: `"${w.title}" (${w.code}) is now in ${w.stage}, and you may comment on version ${w.version} section by section until it moves to the next stage.`,
          lo: `"${w.title}" (${w.code}) ຢູ່ໃນຂັ້ນຕອນ${w.stage}ແລ້ວ, ທ່ານສາມາດສະເໜີຄຳເຫັນຕໍ່ສະບັບທີ ${w.version} ເປັນແຕ່ລະພາກ ຈົນກວ່າຈະຍ້າຍໄປຂັ້ນຕອນຕໍ່ໄປ.`,
        },
};

/** Every kind of message about a guideline, for the places that must cover them all. */
export const GUIDELINE_KINDS = Object.values(NotificationKind).filter(
  (kind): kind is GuidelineKind => !(ACCOUNT_KINDS as readonly NotificationKind[]).includes(kind),
);

const OPEN_LINK: Bilingual = { en: 'Open', lo: 'ເປີດເບິ່ງ' };

/** The subject and text of one message, in the reader's language. */
export function renderMessage(
  kind: GuidelineKind,
  locale: Locale,
  context: MessageContext,
  timeZone: string,
  linkLabel: Bilingual = OPEN_LINK,
): RenderedMessage {
  const pick = (text: Bilingual) => text[locale];
  const words: Words = {
    title: pick(context.guideline.title),
    code: context.guideline.code,
    stage: context.stage ? pick(stageName(context.stage)) : '',
    fromStage: context.fromStage ? pick(stageName(context.fromStage)) : '',
    due: context.dueDate ? formatDay(context.dueDate, locale) : '',
    closes: context.closesAt ? formatMoment(context.closesAt, locale, timeZone) : '',
    agency: context.agency ? pick(context.agency.name) : '',
    version: context.versionNumber !== undefined ? String(context.versionNumber) : '',
    disposition: context.dispositionStatus
      ? pick(
          DISPOSITIONS[context.dispositionStatus] ?? {
            en: context.dispositionStatus,
            lo: context.dispositionStatus,
          },
        )
      : '',
    actor: context.actorName ?? '',
    daysLeft: context.daysLeft !== undefined ? String(context.daysLeft) : '',
  };
  return {
    subject: pick(SUBJECTS[kind](words)),
    body: `${pick(BODIES[kind](words))}\n\n${pick(linkLabel)}: ${context.link}`,
  };
}
