import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDay, isDayOrInstant, isInstant } from '../court/local-day';

/**
 * Calendar days and moments as the API accepts them (shared/API.md: times carry their offset).
 * The DTO decorator and cursor checks built on the court's day checks (court/local-day.ts),
 * shared by the workflow's and the reviews'
 * due dates so both routes accept exactly the same values.
 */

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
