// The interface's words, one dictionary per language (public/i18n/lo.json, en.json). Lao first.

export const LANGUAGES = ['lo', 'en'];
const STORAGE_KEY = 'cg.lang';
const dictionaries = {};
let current = 'lo';

export async function loadLanguage(lang) {
  if (!dictionaries[lang]) {
    const res = await fetch(`/i18n/${lang}.json`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`Cannot load the ${lang} dictionary`);
    dictionaries[lang] = await res.json();
  }
  current = lang;
  document.documentElement.lang = lang;
}

export function lang() {
  return current;
}

/** The language the person chose on this device, if any. */
export function storedLanguage() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(value) {
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** t('home.greeting', {name}) -> the text in the current language, with {name} filled in. */
export function t(key, vars = {}) {
  const text = dictionaries[current]?.[key] ?? dictionaries.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`).toString());
}

/** Pick the Lao or English form of a {en, lo} pair from the API. */
export function pick(pair) {
  if (!pair) return '';
  if (typeof pair === 'string') return pair;
  return pair[current] || pair.en || pair.lo || '';
}

const ZONE = 'Asia/Vientiane';
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

function partsInVientiane(date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function toDate(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T12:00:00+07:00`)
    : new Date(value);
}

export function formatDate(value) {
  if (!value) return '';
  const date = toDate(value);
  if (current === 'lo') {
    const p = partsInVientiane(date);
    return `${Number(p.day)} ${LAO_MONTHS[Number(p.month) - 1]} ${p.year}`;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: ZONE }).format(date);
}

export function formatDateTime(value) {
  if (!value) return '';
  const date = toDate(value);
  if (current === 'lo') {
    const p = partsInVientiane(date);
    return `${formatDate(date)}, ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ZONE,
  }).format(date);
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** Today as YYYY-MM-DD in the court's time zone: due dates are calendar days there. */
export function todayInVientiane() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
