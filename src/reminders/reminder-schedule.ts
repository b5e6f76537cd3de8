import { addDays, zonedMoment } from '../court/zoned-time';

/**
 * The reminder schedule of one review request (shared/DOMAIN.md, Reminders). Pure: the caller
 * passes the rules from configuration and the current time.
 *
 * Before-due reminders are all planned when the request is made (or its due date moves). Overdue
 * reminders repeat while the request is unanswered, so only the next one is ever planned: the first
 * with the others, each following one when the previous one is sent ({@link nextOverdueReminder}).
 */
export interface ReminderRules {
  /** Days relative to the due day, e.g. [-7, -2, 0]. */
  offsetsDays: number[];
  /** After the due day, a reminder every this many days while unanswered. */
  overdueEveryDays: number;
  /** Local hour (0-23) at which reminders go out. */
  hour: number;
  /** IANA zone whose calendar the due day belongs to. */
  timeZone: string;
}

export interface PlannedReminder {
  /** `D-7`, `D-2`, `D` (due today), `D+3`: the local day relative to the due day. */
  kind: string;
  dayOffset: number;
  plannedAt: Date;
}

export function reminderKind(dayOffset: number): string {
  if (dayOffset === 0) return 'D';
  return dayOffset < 0 ? `D${dayOffset}` : `D+${dayOffset}`;
}

/** The day offset a kind names (`D-7` -> -7); null for a kind this schedule never makes. */
export function dayOffsetOf(kind: string): number | null {
  if (kind === 'D') return 0;
  const m = /^D([+-]\d+)$/.exec(kind);
  return m ? Number(m[1]) : null;
}

/** Overdue reminders (after the due day) also go to the secretariat. */
export function isOverdueKind(kind: string): boolean {
  return (dayOffsetOf(kind) ?? 0) > 0;
}

function reminderOn(dueDay: string, dayOffset: number, rules: ReminderRules): PlannedReminder {
  return {
    kind: reminderKind(dayOffset),
    dayOffset,
    plannedAt: zonedMoment(addDays(dueDay, dayOffset), rules.hour, 0, rules.timeZone),
  };
}

/**
 * The first overdue reminder planned strictly after `after` (day offsets overdueEveryDays,
 * 2 x overdueEveryDays, ...). A worker that was down for a week resumes with the next future one
 * rather than a burst of stale ones.
 */
export function nextOverdueReminder(
  dueDay: string,
  rules: ReminderRules,
  after: Date,
): PlannedReminder {
  const every = rules.overdueEveryDays;
  // Jump close to `after` first, then step: long-overdue requests need no long loop.
  const daysLate = Math.floor(
    (after.getTime() - reminderOn(dueDay, 0, rules).plannedAt.getTime()) / 86_400_000,
  );
  let k = Math.max(1, Math.floor(daysLate / every) - 1);
  for (;;) {
    const candidate = reminderOn(dueDay, k * every, rules);
    if (candidate.plannedAt.getTime() > after.getTime()) return candidate;
    k += 1;
  }
}

/**
 * Everything to plan for a request due on `dueDay` (`YYYY-MM-DD` in rules.timeZone), as of `now`:
 * the before-due reminders still in the future, then the first overdue one. Reminders whose time
 * has passed are skipped (the agency is told at once that a review was requested: a notification,
 * not a reminder). Sorted by time, no two of the same kind.
 */
export function planReviewReminders(
  dueDay: string,
  rules: ReminderRules,
  now: Date,
): PlannedReminder[] {
  const offsets = [...new Set(rules.offsetsDays)].sort((a, b) => a - b);
  const planned = offsets
    .map((offset) => reminderOn(dueDay, offset, rules))
    .filter((r) => r.plannedAt.getTime() > now.getTime());
  const lastFixed = planned.length ? planned[planned.length - 1].plannedAt : now;
  const overdue = nextOverdueReminder(dueDay, rules, lastFixed > now ? lastFixed : now);
  if (!planned.some((r) => r.kind === overdue.kind)) planned.push(overdue);
  return planned.sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime());
}
