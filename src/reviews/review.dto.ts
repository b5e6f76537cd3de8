import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDayOrInstant } from '../common/day-or-instant';
import { PageQuery } from '../common/pagination';
import { LETTER_FIELD, LETTER_MEDIA_TYPES, type LetterMediaType } from './review-letter';
import { REVIEW_STATUSES, ReviewStatus } from '../court/review-status';

export const DECISIONS = ['APPROVE', 'APPROVE_WITH_COMMENTS', 'OBJECT'] as const;
export type Decision = (typeof DECISIONS)[number];

// OVERDUE is derived (src/court/review-status.ts): PENDING and the due day (APP_TIMEZONE) has passed.
export { REVIEW_STATUSES };
export type { ReviewStatus };

export const REMINDER_STATES = ['PLANNED', 'SENT', 'CANCELLED'] as const;

export class ReviewQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: REVIEW_STATUSES,
    description: 'PENDING means not answered and not yet late; OVERDUE, not answered and late',
  })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  guidelineId?: string;
}

export class SignatoryDto {
  @ApiProperty({ example: 'Somphone K.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Director-General, Department of Legislation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
}

export class ReviewResponseDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({
    description: "The agency's text; required (not blank) with APPROVE_WITH_COMMENTS and OBJECT",
    maxLength: 20000,
  })
  @IsString()
  @MaxLength(20000)
  comments: string;

  @ApiProperty({ type: SignatoryDto })
  // ValidateNested alone lets a missing or non-object value through.
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SignatoryDto)
  signatory: SignatoryDto;
}

/** An answer's signed letter, beside its fields (the same for an account and the link). */
export const LETTER_UPLOAD = {
  field: LETTER_FIELD,
  mediaTypes: [...LETTER_MEDIA_TYPES],
  required: false,
  jsonFields: ['signatory'],
  fieldsType: ReviewResponseDto,
};

export class LinkDocumentQuery {
  @ApiPropertyOptional({ enum: ['docx'], default: 'docx' })
  @IsOptional()
  @IsIn(['docx'])
  format?: 'docx';
}

export class DueDateDto {
  @ApiProperty({
    example: '2026-04-30',
    description:
      'The new due day (YYYY-MM-DD in APP_TIMEZONE), or an ISO 8601 timestamp with offset: its local day is taken. Anything else (a year, a month, a week, a timestamp without offset) is 400',
  })
  @IsDayOrInstant()
  dueAt: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class BilingualView {
  @ApiProperty() en: string;
  @ApiProperty() lo: string;
}

export class ReviewGuidelineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualView }) title: BilingualView;
}

export class ReviewAgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualView }) name: BilingualView;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class SignatoryView {
  @ApiProperty() name: string;
  @ApiProperty() title: string;
}

/** The agency's signed letter attached to an answer (its facts; the file is GET /api/reviews/:id/letter). */
export class LetterView {
  @ApiProperty({
    description:
      'The name of the file on the sender’s computer, for display only (the download is named from the record)',
  })
  fileName: string;
  @ApiProperty({ enum: LETTER_MEDIA_TYPES, description: 'What the file is, judged by its content' })
  mediaType: LetterMediaType;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256: string;
}

export class ReviewAnswerView {
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty() comments: string;
  @ApiProperty({ type: SignatoryView }) signatory: SignatoryView;
  @ApiProperty({
    type: PersonView,
    nullable: true,
    description: 'The reviewer signed in; null when it came through the agency’s link',
  })
  answeredBy: PersonView | null;
  @ApiProperty({ enum: ['ACCOUNT', 'LINK'], description: 'LINK: through the agency’s answer link' })
  through: 'ACCOUNT' | 'LINK';
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({
    type: LetterView,
    nullable: true,
    description: 'The signed letter sent with the answer; null without one',
  })
  letter: LetterView | null;
}

export class AnswerLinkView {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the newest link was e-mailed to the agency’s contact address',
  })
  lastIssuedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When a link of this request was last opened',
  })
  lastOpenedAt: string | null;
  @ApiProperty({
    description: 'Links that still work (0 once answered, withdrawn or not yet sent)',
  })
  active: number;
  @ApiProperty({
    description: 'Whether the caller may re-issue the link now (POST /api/reviews/:id/link)',
  })
  mayReissue: boolean;
}

export class WithdrawalView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

/** What the caller may do on the request now, computed from the rules on the server. */
export class ReviewActionsView {
  @ApiProperty({ description: 'Answer it (a reviewer of the agency asked, while pending)' })
  respond: boolean;
  @ApiProperty({ description: 'Move its due day (while pending)' }) changeDueDate: boolean;
  @ApiProperty({
    description:
      'Download the signed letter of its answer (GET /api/reviews/:id/letter): there is one, and you are the secretariat, an observer or a reviewer of that agency',
  })
  downloadLetter: boolean;
}

export class ReviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ReviewGuidelineView }) guideline: ReviewGuidelineView;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty({ type: ReviewAgencyView }) agency: ReviewAgencyView;
  @ApiProperty({ example: '2026-04-30', description: 'A calendar day in APP_TIMEZONE' })
  dueDate: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: ReviewAnswerView, nullable: true }) answer: ReviewAnswerView | null;
  @ApiProperty({ type: WithdrawalView, nullable: true }) withdrawn: WithdrawalView | null;
  @ApiProperty({ type: ReviewActionsView, description: 'What you may do on it now' })
  yourActions: ReviewActionsView;
}

export class ReminderView {
  @ApiProperty({
    example: 'D-7',
    description: 'Day relative to the due day: D-7, D-2, D, D+3, ...',
  })
  kind: string;
  @ApiProperty({ format: 'date-time' }) plannedAt: string;
  @ApiProperty({ enum: REMINDER_STATES }) state: (typeof REMINDER_STATES)[number];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}

export class DueDateChangeView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: PersonView }) changedBy: PersonView;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class ReviewDetailView extends ReviewView {
  @ApiProperty({ type: [ReminderView] }) reminders: ReminderView[];
  @ApiProperty({ type: [DueDateChangeView] }) dueDateChanges: DueDateChangeView[];
  @ApiProperty({ type: AnswerLinkView, description: 'The agency’s answer links' })
  answerLink: AnswerLinkView;
}

export class LinkSectionView {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['text', 'indicator'] }) kind: 'text' | 'indicator';
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) indicatorCode: string | null;
}

export class LinkGuidelineView {
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualView }) title: BilingualView;
}

export class LinkAgencyView {
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualView }) name: BilingualView;
  @ApiProperty({ enum: ['lo', 'en'], description: 'The language the agency is written to' })
  locale: 'lo' | 'en';
}

export class LinkAnswerView {
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty() comments: string;
  @ApiProperty({ type: SignatoryView }) signatory: SignatoryView;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({
    type: LetterView,
    nullable: true,
    description: 'The signed letter sent with the answer; null without one',
  })
  letter: LetterView | null;
}

/** What the agency's link shows: the request and the version to read. Nothing else. */
export class LinkReviewView {
  @ApiProperty({ type: LinkGuidelineView }) guideline: LinkGuidelineView;
  @ApiProperty() versionNumber: number;
  @ApiProperty({ description: 'SHA-256 of the version, as printed on its documents' })
  contentHash: string;
  @ApiProperty({ example: '2026-04-30', description: 'A calendar day in APP_TIMEZONE' })
  dueDate: string;
  @ApiProperty({ type: LinkAgencyView }) agency: LinkAgencyView;
  @ApiProperty({ enum: ['PENDING', 'OVERDUE', 'ANSWERED'] })
  status: 'PENDING' | 'OVERDUE' | 'ANSWERED';
  @ApiProperty({ type: LinkAnswerView, nullable: true }) answer: LinkAnswerView | null;
  @ApiProperty({ type: [LinkSectionView] }) sections: LinkSectionView[];
}

export class ReviewListView {
  @ApiProperty({ type: [ReviewView] }) items: ReviewView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}
