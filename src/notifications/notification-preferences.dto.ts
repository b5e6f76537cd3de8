import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { EMAIL_FREQUENCIES, EmailFrequency, PREFERENCE_KINDS } from './email-preferences';
import { GuidelineKind } from './templates';

/** `{<KIND>: IMMEDIATE|DAILY|OFF}`, every kind (the answer). */
export class EmailFrequenciesView {}
/** `{<KIND>: IMMEDIATE|DAILY|OFF}`, the kinds to change (the body). */
export class EmailFrequenciesDto {}
// One property per kind, from the one list of kinds (email-preferences.ts).
for (const kind of PREFERENCE_KINDS) {
  const schema = { type: String, enum: EMAIL_FREQUENCIES, enumName: 'EmailFrequency' };
  ApiProperty(schema)(EmailFrequenciesView.prototype, kind);
  ApiPropertyOptional(schema)(EmailFrequenciesDto.prototype, kind);
}

export class NotificationPreferencesDto {
  @ApiProperty({
    type: EmailFrequenciesDto,
    description:
      'How often the e-mail of each kind of notice comes. Kinds not named keep their setting; ' +
      "an unknown kind or value, or OFF for one of the court's official notices, is refused (400) and nothing is saved.",
  })
  @IsObject()
  email: Record<string, unknown>;
}

export class KindNameView {
  @ApiProperty() en: string;
  @ApiProperty() lo: string;
}

export class KindPreferenceView {
  @ApiProperty({ enum: PREFERENCE_KINDS }) kind: GuidelineKind;
  @ApiProperty({ type: KindNameView }) name: KindNameView;
  @ApiProperty({
    enum: EMAIL_FREQUENCIES,
    enumName: 'EmailFrequency',
    isArray: true,
    description: 'What the caller may choose for this kind (OFF is missing for official notices)',
  })
  choices: EmailFrequency[];
  @ApiProperty({
    description: "One of the court's official notices to agencies: its e-mail cannot be turned off",
  })
  official: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({
    type: EmailFrequenciesView,
    description: 'How often the e-mail of each kind of notice comes (default IMMEDIATE)',
  })
  email: Record<GuidelineKind, EmailFrequency>;
  @ApiProperty({ type: [KindPreferenceView], description: 'Every kind, in the order to show them' })
  kinds: KindPreferenceView[];
  @ApiProperty({
    type: 'integer',
    description: 'The hour (0-23, in timeZone) at which the daily digest is sent',
  })
  digestHour: number;
  @ApiProperty({ description: "The court's time zone (APP_TIMEZONE)" }) timeZone: string;
}
