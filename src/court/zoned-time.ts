/**
 * Wall-clock times in an IANA time zone without a date library: the zone's offset at a moment is
 * read from Intl.DateTimeFormat, which knows every zone's daylight-saving rules. Pure.
 */
import { dateTimeFormat } from './date-time-format';

// Per zone, without building dateTimeFormat's key on every call (thousands per planning pass).
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormatters.get(timeZone);
  if (!format) {
    format = wallClockFormat(timeZone);
    if (wallClockFormatters.size >= 50) wallClockFormatters.clear();
    wallClockFormatters.set(timeZone, format);
  }
  return format;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** The wall clock in `timeZone` at `moment`, written as if it were UTC (ms since epoch). */
function wallClockAt(moment: number, timeZone: string): number {
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(moment));
  const n = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/** How far (ms) `timeZone` is ahead of UTC at `moment` (7 h for Asia/Vientiane). */
export function zoneOffsetMs(moment: number, timeZone: string): number {
  const whole = Math.floor(moment / 1000) * 1000;
  return wallClockAt(whole, timeZone) - whole;
}

const DAY_MS = 86_400_000;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): [number, number, number] {
  const m = CALENDAR_DAY.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** `day` plus `days` calendar days (`YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The calendar day (`YYYY-MM-DD`) that `moment` falls on in `timeZone`. */
export function calendarDayIn(moment: Date, timeZone: string): string {
  return new Date(wallClockAt(moment.getTime(), timeZone)).toISOString().slice(0, 10);
}

const ZONED_MOMENTS_KEPT = 10_000;
const zonedMoments = new Map<string, number>();

/**
 * The moment the clocks in `timeZone` show `hour`:`minute` on `day`. When that wall time happens
 * twice (clocks go back) the first is taken; when it never happens (clocks jump forward) the
 * moment just after the jump, as a person would read "09:00" on that morning.
 */
export function zonedMoment(day: string, hour: number, minute: number, timeZone: string): Date {
  // Pure, and asked again and again for the same few days (every request of a review shares its
  // due day): remembered, as a number so that no caller can change what another receives.
  const key = `${timeZone}|${day}|${hour}|${minute}`;
  let moment = zonedMoments.get(key);
  if (moment === undefined) {
    moment = findZonedMoment(day, hour, minute, timeZone);
    if (zonedMoments.size >= ZONED_MOMENTS_KEPT) zonedMoments.clear();
    zonedMoments.set(key, moment);
  }
  return new Date(moment);
}

function findZonedMoment(day: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = parseDay(day);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offset in force a day before and a day after covers any single transition near `wall`.
  const offsets = [zoneOffsetMs(wall - DAY_MS, timeZone), zoneOffsetMs(wall + DAY_MS, timeZone)];
  const matches = offsets
    .map((offset) => wall - offset)
    .filter((candidate) => wallClockAt(candidate, timeZone) === wall)
    .sort((a, b) => a - b);
  if (matches.length) return matches[0];
  // A gap: read the wall time with the offset before the jump, which lands after it.
  return wall - offsets[0];
}
