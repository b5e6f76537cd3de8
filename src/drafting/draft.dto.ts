import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../common/validation';
import { UserRefView } from '../guidelines/guideline.dto';
import {
  AppliedSuggestionView,
  MAX_SECTIONS,
  SECTION_KINDS,
  SectionInputDto,
} from '../guidelines/version.dto';
import { SectionKind } from '../guidelines/section-content';

export const MAX_CHANGE_SUMMARY = 5000;
/** A revision is a counter of saves; the largest int PostgreSQL stores. */
const REVISION_MAX = 2_147_483_647;

export class SaveDraftDto {
  @ApiProperty({
    type: [SectionInputDto],
    maxItems: MAX_SECTIONS,
    description: 'The whole draft, in order (same rules as publishing a version)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_SECTIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SectionInputDto)
  sections: SectionInputDto[];

  @ApiProperty({ maxLength: MAX_CHANGE_SUMMARY, description: 'May stay empty until publishing' })
  @Trim()
  @IsString()
  @MaxLength(MAX_CHANGE_SUMMARY)
  changeSummary: string;

  @ApiProperty({
    type: 'integer',
    description: 'The revision this change started from (from GET .../draft)',
  })
  @IsInt()
  @Min(0)
  @Max(REVISION_MAX)
  revision: number;
}

export class PublishDraftDto {
  @ApiProperty({ type: 'integer', description: 'The revision being published: a newer one is 409' })
  @IsInt()
  @Min(0)
  @Max(REVISION_MAX)
  revision: number;

  @ApiPropertyOptional({
    maxLength: MAX_CHANGE_SUMMARY,
    description: "Default: the draft's own change summary (one of the two must say something)",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_CHANGE_SUMMARY)
  changeSummary?: string;
}

// ---- views ----

export class DraftSectionView {
  @ApiProperty() key: string;
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: SECTION_KINDS }) kind: SectionKind;
  @ApiPropertyOptional({ description: 'Indicators only' }) code?: string;
  @ApiPropertyOptional({ description: 'Indicators only' }) category?: string;
}

export class DraftView {
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The version the draft started from (null before the first version)',
  })
  baseVersionNumber: number | null;
  @ApiProperty({ type: [DraftSectionView] }) sections: DraftSectionView[];
  @ApiProperty() changeSummary: string;
  @ApiProperty({ type: 'integer', description: 'Send it back with the next save or publication' })
  revision: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null while nobody has changed the draft since the last publication',
  })
  updatedAt: string | null;
  @ApiProperty({ type: UserRefView, nullable: true }) updatedBy: UserRefView | null;
  @ApiProperty({
    type: [AppliedSuggestionView],
    description: 'Suggestions written into the draft, recorded on the version when it is published',
  })
  appliedSuggestions: AppliedSuggestionView[];
}

export class ImportDraftQuery {
  @ApiPropertyOptional({
    description:
      'The revision the import replaces (from GET .../draft): when given and no longer current, 409 and nothing is replaced',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(REVISION_MAX)
  revision?: number;
}

export class ImportWarningView {
  @ApiProperty({
    example: 'IMAGES_DROPPED',
    description:
      'IMAGES_DROPPED, TRACKED_CHANGES, COMMENTS_DROPPED, EMPTY_SECTION, TEXT_BEFORE_FIRST_HEADING, NO_HEADINGS, SECTIONS_FROM_HEADING_LEVEL',
  })
  code: string;
  @ApiProperty({ description: "In the caller's language" }) message: string;
}

export class DraftImportView extends DraftView {
  @ApiProperty({
    type: [ImportWarningView],
    description: 'What the Word file had that the sections do not keep',
  })
  warnings: ImportWarningView[];
}
