import {
  formatLocalMoment,
  isCalendarDay,
  isDayOrInstant,
  isInstant,
  localDayOf,
  nextDay,
  startOfLocalDay,
  toClosingMoment,
  toLocalDay,
} from './local-day';

const TZ = 'Asia/Vientiane';

describe('local days in the court time zone', () => {
  it('accepts real calendar days and ISO timestamps with an offset only', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '01/02/2026', '2026-02-28T00:00Z']) {
      expect(isCalendarDay(bad)).toBe(false);
    }
    expect(isInstant('2026-03-01T09:00:00+07:00')).toBe(true);
    expect(isInstant('2026-03-01T09:00Z')).toBe(true);
    expect(isInstant('2026-03-01T09:00:00.123Z')).toBe(true);
    for (const bad of ['2026-03-01T09:00:00', '2026-02-30T09:00Z', 'tomorrow', '2026-03-01']) {
      expect(isInstant(bad)).toBe(false);
    }
    expect(isDayOrInstant('2026-03-01')).toBe(true);
    expect(isDayOrInstant(20260301)).toBe(false);
  });

  it('turns a timestamp into the day it falls on in Vientiane', () => {
    expect(localDayOf(new Date('2026-03-10T16:59:59Z'), TZ)).toBe('2026-03-10');
    expect(localDayOf(new Date('2026-03-10T17:00:00Z'), TZ)).toBe('2026-03-11');
    expect(toLocalDay('2026-03-10T20:00:00Z', TZ)).toBe('2026-03-11');
    expect(toLocalDay('2026-03-11T06:00:00+07:00', TZ)).toBe('2026-03-11');
    expect(toLocalDay('2026-03-11', TZ)).toBe('2026-03-11');
  });

  it('finds local midnight, also in a zone with daylight saving', () => {
    expect(startOfLocalDay('2026-03-11', TZ).toISOString()).toBe('2026-03-10T17:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/Paris').toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-01-01', 'Europe/Paris').toISOString()).toBe(
      '2025-12-31T23:00:00.000Z',
    );
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('closes a consultation given as a day at the end of that local day', () => {
    expect(toClosingMoment('2026-03-11', TZ).toISOString()).toBe('2026-03-11T17:00:00.000Z');
    expect(toClosingMoment('2026-03-11T10:00:00+07:00', TZ).toISOString()).toBe(
      '2026-03-11T03:00:00.000Z',
    );
  });

  it('formats a moment the way people at the court read it', () => {
    expect(formatLocalMoment(new Date('2026-03-10T18:05:00Z'), TZ)).toBe('2026-03-11 01:05');
  });
});
