import {
  effectiveFrequency,
  EmailFrequency,
  frequencyChoices,
  OFFICIAL_KINDS,
  PREFERENCE_KINDS,
  preferenceRefusals,
  preferencesOf,
} from './email-preferences';
import { KIND_NAMES } from './preference-texts';
import { NotificationKind } from './templates';

const LAO = /[\u0E80-\u0EFF]/;

describe('e-mail preferences', () => {
  it('covers every kind of notice about a guideline, not the account messages', () => {
    expect(PREFERENCE_KINDS).toContain(NotificationKind.STAGE_CHANGED);
    expect(PREFERENCE_KINDS).not.toContain(NotificationKind.PASSWORD_RESET);
    for (const kind of PREFERENCE_KINDS) {
      expect(KIND_NAMES[kind].en).toBeTruthy();
      expect(KIND_NAMES[kind].lo).toMatch(LAO);
    }
  });

  it('defaults every kind to IMMEDIATE and lays stored choices over it', () => {
    const prefs = preferencesOf([{ kind: 'STAGE_CHANGED', email: 'DAILY' }]);
    expect(Object.keys(prefs)).toEqual([...PREFERENCE_KINDS]);
    expect(prefs.STAGE_CHANGED).toBe(EmailFrequency.DAILY);
    expect(prefs.COMMENT_REPLIED).toBe(EmailFrequency.IMMEDIATE);
  });

  it.each([...OFFICIAL_KINDS])('%s may be gathered into the digest, never turned off', (kind) => {
    expect(frequencyChoices(kind)).toEqual(['IMMEDIATE', 'DAILY']);
    expect(preferenceRefusals({ [kind]: 'OFF' }).map((r) => r.reason.code)).toEqual([
      'OFFICIAL_NOTICE',
    ]);
    expect(preferenceRefusals({ [kind]: 'DAILY' })).toEqual([]);
    // A choice stored before the kind was official is not obeyed.
    expect(effectiveFrequency(kind, 'OFF')).toBe(EmailFrequency.IMMEDIATE);
  });

  it('official notices are the review requests, their reminders and moved due dates', () => {
    expect([...OFFICIAL_KINDS].sort()).toEqual(
      [
        'REVIEW_REQUESTED',
        'REVIEW_REMINDER',
        'REVIEW_DUE_TODAY',
        'REVIEW_OVERDUE',
        'REVIEW_DUE_DATE_CHANGED',
      ].sort(),
    );
    expect(frequencyChoices(NotificationKind.STAGE_CHANGED)).toEqual(['IMMEDIATE', 'DAILY', 'OFF']);
  });

  it('gives one refusal per bad entry, each with its reason in both languages', () => {
    const refusals = preferenceRefusals({
      STAGE_CHANGED: 'OFF',
      NOPE: 'DAILY',
      COMMENT_REPLIED: 'weekly',
      REVIEW_REQUESTED: 'OFF',
      PASSWORD_RESET: 'OFF',
    });
    expect(refusals.map((r) => [r.kind, r.reason.code])).toEqual([
      ['NOPE', 'UNKNOWN_KIND'],
      ['COMMENT_REPLIED', 'UNKNOWN_FREQUENCY'],
      ['REVIEW_REQUESTED', 'OFFICIAL_NOTICE'],
      ['PASSWORD_RESET', 'UNKNOWN_KIND'],
    ]);
    for (const { reason } of refusals) expect(reason.lo).toMatch(LAO);
    expect(effectiveFrequency('STAGE_CHANGED', undefined)).toBe(EmailFrequency.IMMEDIATE);
    expect(effectiveFrequency('STAGE_CHANGED', 'bogus')).toBe(EmailFrequency.IMMEDIATE);
  });
});
