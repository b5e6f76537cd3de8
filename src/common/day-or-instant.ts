import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Calendar days and moments as the API accepts them (shared/API.md: times carry their offset).
 * Pure checks and the DTO decorator built on them, shared by the workflow's and the reviews'
 * due dates so both routes accept exactly the same values.
 */

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

/** A calendar day (`YYYY-MM-DD`) or an ISO 8601 timestamp with offset; anything else is 400. */
export function IsDayOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDayOrInstant',
      validator: {
        validate: (value) => isDayOrInstant(value),
        defaultMessage: (args) =>
          `${args?.property} must be a calendar day (YYYY-MM-DD) or an ISO 8601 timestamp with offset`,
      },
    },
    options,
  );
}

/** A cursor's calendar day (`YYYY-MM-DD`, a real day). */
export function isCalendarDayText(value: unknown): value is string {
  return typeof value === 'string' && isCalendarDay(value);
}

/** A cursor's moment: an ISO 8601 timestamp with offset, as `Date.toISOString()` writes it. */
export function isInstantText(value: unknown): value is string {
  return typeof value === 'string' && isInstant(value);
}
