/**
 * How often a person gets the e-mail of each kind of notice: the one rule, pure (no database).
 * The in-app inbox always receives every notice at once; this decides only the e-mail.
 * Words live in preference-texts.ts.
 */
import { Reason } from '../court/reason';
import { KIND_NAMES, OFFICIAL_NOTICE, UNKNOWN_FREQUENCY, UNKNOWN_KIND } from './preference-texts';
import { GUIDELINE_KINDS, GuidelineKind, NotificationKind } from './templates';

export enum EmailFrequency {
  /** One e-mail per notice, at once (the default). */
  IMMEDIATE = 'IMMEDIATE',
  /** Gathered into one digest e-mail a day (DIGEST_HOUR in APP_TIMEZONE), grouped by guideline. */
  DAILY = 'DAILY',
  /** No e-mail (the notice is still in the inbox). */
  OFF = 'OFF',
}

export const EMAIL_FREQUENCIES = Object.values(EmailFrequency);
export const DEFAULT_FREQUENCY = EmailFrequency.IMMEDIATE;

/**
 * The kinds a person chooses for. Account messages (a password reset link) are not among them:
 * they always go at once, by e-mail.
 */
export const PREFERENCE_KINDS: readonly GuidelineKind[] = GUIDELINE_KINDS;

/**
 * The court's official notices to agencies: a review request, its reminders (before, on and after
 * the due day) and a moved due day. Their e-mail may be gathered into the digest, never turned off.
 */
export const OFFICIAL_KINDS: ReadonlySet<GuidelineKind> = new Set([
  NotificationKind.REVIEW_REQUESTED,
  NotificationKind.REVIEW_REMINDER,
  NotificationKind.REVIEW_DUE_TODAY,
  NotificationKind.REVIEW_OVERDUE,
  NotificationKind.REVIEW_DUE_DATE_CHANGED,
]);

export type EmailPreferences = Record<GuidelineKind, EmailFrequency>;

export function isPreferenceKind(kind: string): kind is GuidelineKind {
  return (PREFERENCE_KINDS as readonly string[]).includes(kind);
}

export function isFrequency(value: unknown): value is EmailFrequency {
  return (EMAIL_FREQUENCIES as unknown[]).includes(value);
}

/** What a person may choose for a kind. */
export function frequencyChoices(kind: GuidelineKind): EmailFrequency[] {
  return OFFICIAL_KINDS.has(kind)
    ? [EmailFrequency.IMMEDIATE, EmailFrequency.DAILY]
    : [...EMAIL_FREQUENCIES];
}

/**
 * What is done with a stored choice: an official kind is never OFF, even when a choice stored
 * before the kind became official says so (it is then sent at once).
 */
export function effectiveFrequency(kind: string, stored: string | undefined): EmailFrequency {
  if (!isFrequency(stored)) return DEFAULT_FREQUENCY;
  if (stored === EmailFrequency.OFF && OFFICIAL_KINDS.has(kind as GuidelineKind)) {
    return DEFAULT_FREQUENCY;
  }
  return stored;
}

/** Every kind with its effective setting: the stored choices over the defaults. */
export function preferencesOf(stored: { kind: string; email: string }[]): EmailPreferences {
  const byKind = new Map(stored.map((row) => [row.kind, row.email]));
  return Object.fromEntries(
    PREFERENCE_KINDS.map((kind) => [kind, effectiveFrequency(kind, byKind.get(kind))]),
  ) as EmailPreferences;
}

export interface PreferenceRefusal {
  /** The kind as given (a key of `email`). */
  kind: string;
  reason: Reason;
}

/** Every reason the given choices cannot be saved (empty: they can, all of them). */
export function preferenceRefusals(choices: Record<string, unknown>): PreferenceRefusal[] {
  const refusals: PreferenceRefusal[] = [];
  for (const [kind, value] of Object.entries(choices)) {
    if (!isPreferenceKind(kind)) {
      refusals.push({ kind, reason: UNKNOWN_KIND(kind) });
    } else if (!isFrequency(value)) {
      refusals.push({ kind, reason: UNKNOWN_FREQUENCY });
    } else if (!frequencyChoices(kind).includes(value)) {
      refusals.push({ kind, reason: OFFICIAL_NOTICE(KIND_NAMES[kind]) });
    }
  }
  return refusals;
}
