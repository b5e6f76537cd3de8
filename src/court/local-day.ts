/**
 * Calendar days and moments in the court's time zone (APP_TIMEZONE). Due dates are calendar days
 * there (shared/DOMAIN.md), so a timestamp given for one is turned into the local day it falls on.
 * Pure: no clock, no database.
 */
import { dateTimeFormat } from './date-time-format';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time with an explicit offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `YYYY-MM-DD` when it names a real calendar day (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

/** An ISO 8601 timestamp with offset that names a real moment. */
export function isInstant(value: string): boolean {
  return INSTANT.test(value) && isCalendarDay(value.slice(0, 10)) && !isNaN(Date.parse(value));
}

export function isDayOrInstant(value: unknown): value is string {
  return typeof value === 'string' && (isCalendarDay(value) || isInstant(value));
}

/** The calendar day (`YYYY-MM-DD`) on which `moment` falls in `timeZone`. */
export function localDayOf(moment: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Minutes `timeZone` is ahead of UTC at `moment` (420 for Asia/Vientiane). */
function offsetMinutes(moment: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(moment);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(moment.getTime() / 1000) * 1000) / 60000);
}

/** The moment local midnight starts `day` in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  // Two passes settle the offset even on a day whose offset changes (daylight saving zones).
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60000;
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** A due date: a plain day is taken as is; a timestamp becomes the local day it falls on. */
export function toLocalDay(value: string, timeZone: string): string {
  return isCalendarDay(value) ? value : localDayOf(new Date(value), timeZone);
}

/**
 * A closing moment: a timestamp is taken as is; a plain day means "open through that whole local
 * day", so it closes when the next local day starts.
 */
export function toClosingMoment(value: string, timeZone: string): Date {
  return isCalendarDay(value) ? startOfLocalDay(nextDay(value), timeZone) : new Date(value);
}

/** `2026-03-01 17:00` in `timeZone`: how people at the court read a moment. */
export function formatLocalMoment(moment: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
