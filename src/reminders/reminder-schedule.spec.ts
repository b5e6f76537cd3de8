import {
  dayOffsetOf,
  isOverdueKind,
  nextOverdueReminder,
  planReviewReminders,
  ReminderRules,
  reminderKind,
} from './reminder-schedule';
import { addDays, calendarDayIn, zonedMoment, zoneOffsetMs } from '../court/zoned-time';

const vientiane: ReminderRules = {
  offsetsDays: [-7, -2, 0],
  overdueEveryDays: 3,
  hour: 9,
  timeZone: 'Asia/Vientiane',
};
const iso = (d: Date) => d.toISOString();

describe('zoned time', () => {
  it('reads Asia/Vientiane as UTC+7 all year', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Asia/Vientiane')).toBe(7 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'Asia/Vientiane')).toBe(7 * 3600_000);
    expect(iso(zonedMoment('2026-03-10', 9, 0, 'Asia/Vientiane'))).toBe('2026-03-10T02:00:00.000Z');
  });

  it('follows New York across both daylight-saving changes', () => {
    // 2026: clocks go forward on 8 March, back on 1 November.
    expect(iso(zonedMoment('2026-03-07', 9, 0, 'America/New_York'))).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(iso(zonedMoment('2026-03-08', 9, 0, 'America/New_York'))).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(iso(zonedMoment('2026-10-31', 9, 0, 'America/New_York'))).toBe(
      '2026-10-31T13:00:00.000Z',
    );
    expect(iso(zonedMoment('2026-11-01', 9, 0, 'America/New_York'))).toBe(
      '2026-11-01T14:00:00.000Z',
    );
  });

  it('takes the moment after the jump for a wall time that never happens, the first of a repeated one', () => {
    // 02:30 does not exist on 8 March 2026 in New York: 02:30 EST is 03:30 EDT (07:30Z).
    expect(iso(zonedMoment('2026-03-08', 2, 30, 'America/New_York'))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 01:30 happens twice on 1 November 2026: first in EDT (05:30Z), then EST (06:30Z).
    expect(iso(zonedMoment('2026-11-01', 1, 30, 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('handles zones east of UTC whose local day starts the previous UTC day, and half-hour zones', () => {
    expect(iso(zonedMoment('2026-05-01', 0, 0, 'Asia/Vientiane'))).toBe('2026-04-30T17:00:00.000Z');
    expect(iso(zonedMoment('2026-05-01', 9, 0, 'Asia/Kolkata'))).toBe('2026-05-01T03:30:00.000Z');
    expect(calendarDayIn(new Date('2026-04-30T17:00:00Z'), 'Asia/Vientiane')).toBe('2026-05-01');
    expect(calendarDayIn(new Date('2026-04-30T16:59:59Z'), 'Asia/Vientiane')).toBe('2026-04-30');
  });

  it('answers a moment asked again from memory, a new Date each time that no caller can change for another', () => {
    const first = zonedMoment('2026-11-01', 1, 30, 'America/New_York');
    first.setTime(0);
    const again = zonedMoment('2026-11-01', 1, 30, 'America/New_York');
    expect(again).not.toBe(first);
    expect(iso(again)).toBe('2026-11-01T05:30:00.000Z');
    // The same day and hour in another zone is another moment, not the one remembered.
    expect(iso(zonedMoment('2026-11-01', 1, 30, 'Asia/Vientiane'))).toBe(
      '2026-10-31T18:30:00.000Z',
    );
    expect(() => zonedMoment('2026-13-45x', 9, 0, 'Asia/Vientiane')).toThrow('not a calendar day');
  });

  it('adds calendar days across month and year ends and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -7)).toBe('2026-02-22');
  });
});

describe('reminder kinds', () => {
  it('names the day relative to the due day and tells overdue ones apart', () => {
    expect([-7, -2, 0, 3].map(reminderKind)).toEqual(['D-7', 'D-2', 'D', 'D+3']);
    expect(['D-7', 'D', 'D+3', 'X'].map(dayOffsetOf)).toEqual([-7, 0, 3, null]);
    expect(['D-2', 'D', 'D+6'].map(isOverdueKind)).toEqual([false, false, true]);
  });
});

describe('planReviewReminders', () => {
  it('plans D-7, D-2, D at 09:00 Vientiane and the first overdue reminder D+3', () => {
    const plan = planReviewReminders('2026-03-20', vientiane, new Date('2026-03-01T00:00:00Z'));
    expect(plan.map((r) => [r.kind, iso(r.plannedAt)])).toEqual([
      ['D-7', '2026-03-13T02:00:00.000Z'],
      ['D-2', '2026-03-18T02:00:00.000Z'],
      ['D', '2026-03-20T02:00:00.000Z'],
      ['D+3', '2026-03-23T02:00:00.000Z'],
    ]);
  });

  it('skips reminders already past when the request is made', () => {
    // Made on D-2 at 10:00 local: D-7 and D-2 (09:00) are gone.
    const plan = planReviewReminders('2026-03-20', vientiane, new Date('2026-03-18T03:00:00Z'));
    expect(plan.map((r) => r.kind)).toEqual(['D', 'D+3']);
    // Made on D-2 at 08:59 local: D-2 is still ahead.
    const early = planReviewReminders('2026-03-20', vientiane, new Date('2026-03-18T01:59:00Z'));
    expect(early.map((r) => r.kind)).toEqual(['D-2', 'D', 'D+3']);
  });

  it('plans only the next overdue reminder for a request already late', () => {
    const plan = planReviewReminders('2026-03-20', vientiane, new Date('2026-03-27T00:00:00Z'));
    expect(plan.map((r) => [r.kind, iso(r.plannedAt)])).toEqual([
      ['D+9', '2026-03-29T02:00:00.000Z'],
    ]);
  });

  it('takes offsets and hour from configuration, ignoring repeats and order', () => {
    const rules = { ...vientiane, offsetsDays: [0, -1, -14, -1], hour: 16, overdueEveryDays: 1 };
    const plan = planReviewReminders('2026-03-20', rules, new Date('2026-03-01T00:00:00Z'));
    expect(plan.map((r) => [r.kind, iso(r.plannedAt)])).toEqual([
      ['D-14', '2026-03-06T09:00:00.000Z'],
      ['D-1', '2026-03-19T09:00:00.000Z'],
      ['D', '2026-03-20T09:00:00.000Z'],
      ['D+1', '2026-03-21T09:00:00.000Z'],
    ]);
  });

  it('keeps 09:00 local in New York when the schedule crosses the spring change', () => {
    const rules = { ...vientiane, timeZone: 'America/New_York' };
    const plan = planReviewReminders('2026-03-10', rules, new Date('2026-02-20T00:00:00Z'));
    expect(plan.map((r) => [r.kind, iso(r.plannedAt)])).toEqual([
      ['D-7', '2026-03-03T14:00:00.000Z'], // EST, UTC-5
      ['D-2', '2026-03-08T13:00:00.000Z'], // the change day itself: EDT, UTC-4
      ['D', '2026-03-10T13:00:00.000Z'],
      ['D+3', '2026-03-13T13:00:00.000Z'],
    ]);
  });

  it('keeps 09:00 local in New York across the autumn change', () => {
    const rules = { ...vientiane, timeZone: 'America/New_York' };
    const plan = planReviewReminders('2026-11-02', rules, new Date('2026-10-01T00:00:00Z'));
    expect(plan.map((r) => iso(r.plannedAt))).toEqual([
      '2026-10-26T13:00:00.000Z',
      '2026-10-31T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      '2026-11-05T14:00:00.000Z',
    ]);
  });
});

describe('nextOverdueReminder', () => {
  it('steps every REVIEW_OVERDUE_EVERY_DAYS days after the due day', () => {
    const after = (at: string) => nextOverdueReminder('2026-03-20', vientiane, new Date(at));
    expect(after('2026-03-20T02:00:00Z').kind).toBe('D+3');
    expect(after('2026-03-23T02:00:00Z').kind).toBe('D+6');
    expect(iso(after('2026-03-23T02:00:00Z').plannedAt)).toBe('2026-03-26T02:00:00.000Z');
  });

  it('resumes with the next future one after a long outage, not a burst of stale ones', () => {
    const next = nextOverdueReminder('2026-03-20', vientiane, new Date('2026-06-01T00:00:00Z'));
    expect(next.plannedAt.getTime()).toBeGreaterThan(Date.parse('2026-06-01T00:00:00Z'));
    expect(next.plannedAt.getTime() - Date.parse('2026-06-01T00:00:00Z')).toBeLessThanOrEqual(
      3 * 86_400_000,
    );
    expect(next.dayOffset % 3 === 0 && next.dayOffset > 0).toBe(true);
  });
});
