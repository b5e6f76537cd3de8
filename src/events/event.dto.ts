import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { isCalendarDay } from '../court/local-day';
import { Stage } from '../court/stage';
import { EventKind, InstitutionCategory } from './participation-rules';
import { Trim } from '../common/validation';

/** No event gathers more people than this; a bigger figure is a typing slip. */
const MAX_COUNT = 100_000;
const MAX_INSTITUTIONS = 200;

@ValidatorConstraint({ name: 'calendarDay' })
export class CalendarDayConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCalendarDay(value);
  }
  defaultMessage(): string {
    return '$property must be a calendar day YYYY-MM-DD';
  }
}

export class ParticipantsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 6 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  female: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 23 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  male: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  other: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Persons with disability among the participants; omit when not recorded',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  withDisability?: number;
}

/** A correction changes only the counts it gives; a count cannot be null. */
export class ParticipantsPatchDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @ValidateIf((o: ParticipantsPatchDto) => o.female !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  female?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @ValidateIf((o: ParticipantsPatchDto) => o.male !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  male?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @ValidateIf((o: ParticipantsPatchDto) => o.other !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  other?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  withDisability?: number;
}

export class InstitutionCountDto {
  @ApiPropertyOptional({
    enum: InstitutionCategory,
    default: InstitutionCategory.OTHER,
    description: 'Kind of institution; OTHER when omitted',
  })
  @IsOptional()
  @IsEnum(InstitutionCategory)
  category?: InstitutionCategory;

  @ApiPropertyOptional({
    example: 'ສານປະຊາຊົນສູງສຸດ',
    description: 'Free text, in any language; required when category is omitted',
  })
  @ValidateIf((o: InstitutionCountDto) => o.category === undefined || o.name !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  count: number;
}

export class CreateEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  guidelineId: string;

  @ApiProperty({ example: 'Consultation workshop on the draft guidelines' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '2026-03-10', description: 'Calendar day (Asia/Vientiane)' })
  @Validate(CalendarDayConstraint)
  date: string;

  @ApiProperty({ example: 'Vientiane Capital', description: 'Province where it took place' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  location: string;

  @ApiPropertyOptional({ example: 'ASEAN-ACT' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  partner?: string;

  @ApiPropertyOptional({ enum: EventKind, default: EventKind.WORKSHOP })
  @IsOptional()
  @IsEnum(EventKind)
  kind?: EventKind;

  @ApiProperty({ type: ParticipantsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ParticipantsDto)
  participants: ParticipantsDto;

  @ApiPropertyOptional({
    type: [InstitutionCountDto],
    description: 'Participants by institution; when given, the counts add up to the total',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INSTITUTIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InstitutionCountDto)
  institutions?: InstitutionCountDto[];
}

/**
 * Only the fields given change. Fields that cannot be empty use @ValidateIf rather than
 * @IsOptional, which would let null through; partner takes "" to clear it.
 */
export class CorrectEventDto {
  @ApiProperty({ example: 'Attendance sheet recounted', description: 'Why the record changes' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The revision you corrected; 409 when another came first',
  })
  @ValidateIf((o: CorrectEventDto) => o.expectedRevision !== undefined)
  @IsInt()
  @Min(1)
  expectedRevision?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: CorrectEventDto) => o.title !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '2026-03-11' })
  @ValidateIf((o: CorrectEventDto) => o.date !== undefined)
  @Validate(CalendarDayConstraint)
  date?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: CorrectEventDto) => o.location !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ description: 'An empty string clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  partner?: string;

  @ApiPropertyOptional({ enum: EventKind })
  @ValidateIf((o: CorrectEventDto) => o.kind !== undefined)
  @IsEnum(EventKind)
  kind?: EventKind;

  @ApiPropertyOptional({ type: ParticipantsPatchDto })
  @ValidateIf((o: CorrectEventDto) => o.participants !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => ParticipantsPatchDto)
  participants?: ParticipantsPatchDto;

  @ApiPropertyOptional({
    type: [InstitutionCountDto],
    description: 'Replaces the whole breakdown; [] removes it',
  })
  @ValidateIf((o: CorrectEventDto) => o.institutions !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_INSTITUTIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InstitutionCountDto)
  institutions?: InstitutionCountDto[];
}

/** Which events: by guideline, stage, period and province. The event list and the participation report share it. */
export class EventFilterQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  guidelineId?: string;

  @ApiPropertyOptional({ enum: Stage, description: 'The stage the events were held in' })
  @IsOptional()
  @IsEnum(Stage)
  stage?: Stage;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day, inclusive' })
  @IsOptional()
  @Validate(CalendarDayConstraint)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day, inclusive' })
  @IsOptional()
  @Validate(CalendarDayConstraint)
  to?: string;

  @ApiPropertyOptional({
    example: 'Vientiane Capital',
    description: 'Province (location), compared without regard to case',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  province?: string;
}

export class EventListQuery extends IntersectionType(PageQuery, EventFilterQuery) {
  @ApiPropertyOptional({ enum: EventKind })
  @IsOptional()
  @IsEnum(EventKind)
  kind?: EventKind;
}

export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ParticipantsView {
  @ApiProperty({ type: 'integer' }) female: number;
  @ApiProperty({ type: 'integer' }) male: number;
  @ApiProperty({ type: 'integer' }) other: number;
  @ApiProperty({ type: 'integer', description: 'female + male + other' }) total: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when not recorded' })
  withDisability: number | null;
}

export class InstitutionCountView {
  @ApiProperty({ enum: InstitutionCategory }) category: InstitutionCategory;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class EventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-03-10' }) date: string;
  @ApiProperty({ description: 'Province' }) location: string;
  @ApiProperty({ type: String, nullable: true }) partner: string | null;
  @ApiProperty({ enum: EventKind }) kind: EventKind;
  @ApiProperty({ enum: Stage, description: "The guideline's stage when the event was recorded" })
  stage: Stage;
  @ApiProperty({ type: ParticipantsView }) participants: ParticipantsView;
  @ApiProperty({ type: [InstitutionCountView] }) institutions: InstitutionCountView[];
  @ApiProperty({ type: 'integer', description: '1, then one more per correction' })
  revision: number;
  @ApiProperty({ type: UserRefView }) createdBy: UserRefView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FieldChangeView {
  @ApiProperty({ example: 'participants.female' }) field: string;
  @ApiProperty({ description: 'Value before (any JSON)' }) from: unknown;
  @ApiProperty({ description: 'Value after (any JSON)' }) to: unknown;
}

export class CorrectionView {
  @ApiProperty({ type: 'integer', description: 'The revision this correction produced' })
  revision: number;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [FieldChangeView] }) changes: FieldChangeView[];
  @ApiProperty({ type: UserRefView }) correctedBy: UserRefView;
  @ApiProperty({ format: 'date-time' }) correctedAt: string;
}

export class SpeakerView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) institution: string | null;
}

export class GatheredCommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() sectionKey: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({ type: SpeakerView, nullable: true, description: 'Who said it at the event' })
  spokenBy: SpeakerView | null;
  @ApiProperty({ type: UserRefView, description: 'Who typed it in' }) recordedBy: UserRefView;
  @ApiProperty({ type: String, nullable: true }) dispositionStatus: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EventDetailView extends EventView {
  @ApiProperty({ type: [CorrectionView], description: 'Oldest first' })
  corrections: CorrectionView[];
  @ApiProperty({ type: [GatheredCommentView], description: 'Comments gathered at the event' })
  comments: GatheredCommentView[];
}

export class EventListView {
  @ApiProperty({ type: [EventView] }) items: EventView[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}
