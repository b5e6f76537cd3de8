import { Injectable } from '@nestjs/common';
import { reasonDetail } from '../common/app-error';
import { boundedValidationError } from '../common/validation';
import { NotificationErrorCode, NotificationException } from './notification.exception';
import { Env } from '../config/env';
import {
  EmailFrequency,
  frequencyChoices,
  OFFICIAL_KINDS,
  PREFERENCE_KINDS,
  preferenceRefusals,
  preferencesOf,
} from './email-preferences';
import { NotificationPreferencesView } from './notification-preferences.dto';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { KIND_NAMES } from './preference-texts';

/** A person's own e-mail preferences: read with what may be chosen, and saved all or nothing. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly preferences: NotificationPreferencesRepository,
    private readonly env: Env,
  ) {}

  async of(userId: string): Promise<NotificationPreferencesView> {
    return {
      email: preferencesOf(await this.preferences.storedOf(userId)),
      kinds: PREFERENCE_KINDS.map((kind) => ({
        kind,
        name: KIND_NAMES[kind],
        choices: frequencyChoices(kind),
        official: OFFICIAL_KINDS.has(kind),
      })),
      digestHour: this.env.DIGEST_HOUR,
      timeZone: this.env.APP_TIMEZONE,
    };
  }

  async save(
    userId: string,
    choices: Record<string, unknown>,
  ): Promise<NotificationPreferencesView> {
    const refusals = preferenceRefusals(choices);
    if (refusals.length) {
      const details = refusals.map((r) =>
        reasonDetail(r.reason, { field: `email.${r.kind.slice(0, 80)}` }),
      );
      const bounded = boundedValidationError(details).details;
      throw new NotificationException(
        NotificationErrorCode.PREFERENCES_REFUSED,
        {},
        bounded,
        details.length === 1 ? details[0].message : undefined,
      );
    }
    await this.preferences.save(userId, Object.entries(choices) as [string, EmailFrequency][]);
    return this.of(userId);
  }
}
