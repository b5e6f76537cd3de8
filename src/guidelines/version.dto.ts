import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { Stage } from '../court/stage';
import { UserRefView } from './guideline.dto';
import type { VersionActions } from './guideline-actions';
import { SectionKind } from './section-content';
import { VERSION_NUMBER_MAX } from './version-number.pipe';
import { validationMessage } from '../common/validation';

export const MAX_SECTIONS = 1000;
export const MAX_HEADING = 500;
export const MAX_BODY = 100_000;
export const SECTION_KINDS: SectionKind[] = ['text', 'indicator'];

export class SectionInputDto {
  @ApiProperty({ example: 'art-5.2', description: 'Unique in the version: ^[A-Za-z0-9._-]{1,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    ...validationMessage('SECTION_KEY_FORM'),
  })
  key: string;

  @ApiProperty({ maxLength: MAX_HEADING, example: 'ມາດຕາ 5: ການປົກປ້ອງຄວາມເປັນສ່ວນຕົວ' })
  @IsString()
  @MaxLength(MAX_HEADING)
  heading: string;

  @ApiProperty({ maxLength: MAX_BODY, description: 'For an indicator: its statement' })
  @IsString()
  @MaxLength(MAX_BODY)
  body: string;

  @ApiPropertyOptional({ enum: SECTION_KINDS, default: 'text' })
  @IsOptional()
  @IsIn(SECTION_KINDS)
  kind?: SectionKind;

  @ApiPropertyOptional({
    example: 'VSC-1',
    description: 'Indicator code: required for indicators, only for them',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code?: string;

  @ApiPropertyOptional({
    example: 'Court process',
    description: 'Indicator category (indicators only)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  category?: string;
}

export class PublishVersionDto {
  @ApiProperty({ example: 'Revised after the Vientiane consultation workshop' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  changeSummary: string;

  @ApiProperty({ type: [SectionInputDto], minItems: 1, maxItems: MAX_SECTIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SECTIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SectionInputDto)
  sections: SectionInputDto[];
}

export class SectionView {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer', description: '0-based place in the version' }) position: number;
  @ApiProperty({ enum: SECTION_KINDS }) kind: SectionKind;
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ description: 'Indicators only' }) code?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Indicators only' })
  category?: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Comments and replies on this section, not deleted',
  })
  commentCount: number;
  @ApiProperty({
    type: 'integer',
    description: 'Top-level comments on this section still without a disposition',
  })
  openCommentCount: number;
}

export class AppliedSuggestionView {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty() sectionKey: string;
}

export class VersionSummaryView {
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical content; see content-hash.ts' })
  contentHash: string;
  @ApiProperty() changeSummary: string;
  @ApiProperty({ enum: Stage, description: 'Stage in which it was published' }) stage: Stage;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: UserRefView }) publishedBy: UserRefView;
  @ApiProperty({ type: 'integer' }) sectionCount: number;
  @ApiProperty({
    type: () => [AppliedSuggestionView],
    description:
      'The comments whose suggested wording this version took in (published from the working draft)',
  })
  appliedSuggestions: AppliedSuggestionView[];
}

/** What the caller may do on this version, computed from the rules on the server. */
export class VersionActionsView implements VersionActions {
  @ApiProperty({
    description: 'Write a top-level comment on this version (only the current version takes them)',
  })
  comment: boolean;
  @ApiProperty({ description: 'Reply in the threads of this version' }) reply: boolean;
  @ApiProperty({ description: 'Record a comment spoken by a participant on this version' })
  commentOnBehalf: boolean;
}

export class VersionView extends VersionSummaryView {
  @ApiProperty({ type: [SectionView] }) sections: SectionView[];
}

/** A version as GET …/versions/{number} answers it: with what you may do on it. */
export class VersionReadView extends VersionView {
  @ApiProperty({ type: VersionActionsView, description: 'What you may do on this version now' })
  yourActions: VersionActionsView;
}

export class VersionListView {
  @ApiProperty({ type: [VersionSummaryView] }) items: VersionSummaryView[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

export class VersionListQuery extends PageQuery {}

export class DiffQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'The older side of the comparison; default: the previous version',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERSION_NUMBER_MAX)
  against?: number;
}

export class WordOpView {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: 'equal' | 'insert' | 'delete';
  @ApiProperty() text: string;
}

export class SectionContentView {
  @ApiProperty() key: string;
  @ApiProperty({ enum: SECTION_KINDS }) kind: SectionKind;
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
}

export class SectionChangesView {
  @ApiPropertyOptional({ type: [WordOpView] }) heading?: WordOpView[];
  @ApiPropertyOptional({ type: [WordOpView] }) body?: WordOpView[];
  @ApiPropertyOptional({ description: '{from, to}' }) kind?: { from: SectionKind; to: SectionKind };
  @ApiPropertyOptional({ description: '{from, to}' }) code?: {
    from: string | null;
    to: string | null;
  };
  @ApiPropertyOptional({ description: '{from, to}' })
  category?: { from: string | null; to: string | null };
}

export class SectionDiffView {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['added', 'removed', 'moved', 'changed', 'unchanged'] })
  status: 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';
  @ApiProperty({ description: 'Order relative to the shared sections changed' }) moved: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) fromPosition: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) toPosition: number | null;
  @ApiProperty({ type: SectionChangesView, nullable: true }) changes: SectionChangesView | null;
  @ApiProperty({ type: SectionContentView, nullable: true, description: 'Added or removed text' })
  content: SectionContentView | null;
  @ApiProperty({
    description:
      "The request's diff budget ran out here: the changed heading or body is shown as one deletion and one insertion (the words it starts and ends with still equal), not word by word",
  })
  budgetExceeded: boolean;
}

export class DiffSummaryView {
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer' }) removed: number;
  @ApiProperty({ type: 'integer' }) moved: number;
  @ApiProperty({ type: 'integer' }) changed: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
}

export class VersionRefView {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() contentHash: string;
}

export class VersionDiffView {
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty({ type: VersionRefView, description: 'The older side (`against`)' })
  from: VersionRefView;
  @ApiProperty({ type: VersionRefView, description: 'The version asked for' }) to: VersionRefView;
  @ApiProperty({ type: DiffSummaryView }) summary: DiffSummaryView;
  @ApiProperty({
    description: 'Some section gave up on word-level changes (see its budgetExceeded)',
  })
  budgetExceeded: boolean;
  @ApiProperty({ type: [SectionDiffView] }) sections: SectionDiffView[];
}
