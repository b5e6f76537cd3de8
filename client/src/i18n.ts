// The interface's words, one dictionary per language (public/i18n/lo.json, en.json). Lao first.
// Keys are typed from the English dictionary: a key missing there fails to compile.
import type english from '../../public/i18n/en.json';

export const LANGUAGES = ['lo', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof english;
type Dictionary = Record<MessageKey, string>;

const STORAGE_KEY = 'cg.lang';
const dictionaries: Partial<Record<Language, Dictionary>> = {};
let current: Language = 'lo';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

export async function loadLanguage(lang: Language): Promise<void> {
  if (!dictionaries[lang]) {
    const res = await fetch(`/i18n/${lang}.json`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`Cannot load the ${lang} dictionary`);
    dictionaries[lang] = (await res.json()) as Dictionary;
  }
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Language {
  return current;
}

/** The language the person chose on this device, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(value: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** t('home.greeting', {name}) -> the text in the current language, with {name} filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[current]?.[key] ?? dictionaries.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Pick the Lao or English form of a {en, lo} pair from the API. */
export function pick(pair: { en?: string; lo?: string } | string | null | undefined): string {
  if (!pair) return '';
  if (typeof pair === 'string') return pair;
  return pair[current] || pair.en || pair.lo || '';
}

// The court's time zone, as /api/me tells it once signed in (APP_TIMEZONE on the server).
let zone = 'Asia/Vientiane';
export function setCourtTimeZone(value: string): void {
  zone = value;
}
const locale = () => (current === 'lo' ? 'lo-LA' : 'en-GB');

// Browsers' ICU data often lacks Lao month names ("2026 M11 29"): Lao dates are composed here.
const LAO_MONTHS = [
  'ມັງກອນ',
  'ກຸມພາ',
  'ມີນາ',
  'ເມສາ',
  'ພຶດສະພາ',
  'ມິຖຸນາ',
  'ກໍລະກົດ',
  'ສິງຫາ',
  'ກັນຍາ',
  'ຕຸລາ',
  'ພະຈິກ',
  'ທັນວາ',
];

function partsInCourtZone(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? // Noon UTC falls on the same calendar day in every zone from UTC-11 to UTC+11.
      new Date(`${value}T12:00:00Z`)
    : new Date(value);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (current === 'lo') {
    const p = partsInCourtZone(date);
    return `${Number(p.day)} ${LAO_MONTHS[Number(p.month) - 1]} ${p.year}`;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: zone }).format(date);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (current === 'lo') {
    const p = partsInCourtZone(date);
    return `${formatDate(date)}, ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(date);
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** Today as YYYY-MM-DD in the court's time zone: due dates are calendar days there. */
export function todayInCourt(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
