import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { Stage } from '../court/stage';
import type { GuidelineRow } from './guidelines.repository';
import type { GuidelineActions } from './guideline-actions';
import { Trim, validationMessage } from '../common/validation';

export class LocalizedTitleDto {
  @ApiProperty({ example: 'Guidelines for victim-sensitive courts' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  en: string;

  @ApiProperty({ example: 'ຄູ່ມືແນະນຳສຳລັບສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  lo: string;
}

export class CreateGuidelineDto {
  @ApiProperty({
    example: 'VSC-2025',
    description: 'Unique, case-insensitive; letters, digits, ".", "_" and "-" (stored upper-case)',
  })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    ...validationMessage('GUIDELINE_CODE_FORM'),
  })
  code: string;

  @ApiProperty({ type: LocalizedTitleDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTitleDto)
  title: LocalizedTitleDto;
}

export class GuidelineQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Stage })
  @IsOptional()
  @IsEnum(Stage)
  stage?: Stage;
}

/** A person as views show them. */
export class UserRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TitleView {
  @ApiProperty() en: string;
  @ApiProperty() lo: string;
}

export class AdoptionView {
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() contentHash: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** What the caller may do on the guideline now, computed from the rules on the server. */
export class GuidelineActionsView implements GuidelineActions {
  @ApiProperty({ description: 'Write a top-level comment on the current version' })
  comment: boolean;
  @ApiProperty({ description: 'Reply in a thread, on any version' }) reply: boolean;
  @ApiProperty({ description: 'Record a comment spoken by a participant (onBehalfOf)' })
  commentOnBehalf: boolean;
  @ApiProperty() publishVersion: boolean;
  @ApiProperty({ description: 'At least one move from this stage (GET …/transitions/available)' })
  move: boolean;
  @ApiProperty({ description: 'Record or change the disposition of comments' })
  decideComments: boolean;
  @ApiProperty() recordEvent: boolean;
  @ApiProperty({ description: 'Open the working draft (GET …/draft)' }) readDraft: boolean;
  @ApiProperty({ description: 'Edit, import into and publish the working draft' })
  editDraft: boolean;
}

export class GuidelineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'VSC-2025' }) code: string;
  @ApiProperty({ type: TitleView }) title: TitleView;
  @ApiProperty({ enum: Stage }) stage: Stage;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Number of the newest published version; null before the first',
  })
  currentVersion: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Review requests waiting for an answer (status PENDING)',
  })
  openReviewCount: number;
  @ApiProperty({
    description: 'Top-level comments (any version, not deleted) without a disposition yet',
  })
  openCommentCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  consultationClosesAt: string | null;
  @ApiProperty({ type: AdoptionView, nullable: true }) adopted: AdoptionView | null;
  @ApiProperty({ type: UserRefView }) createdBy: UserRefView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: GuidelineActionsView, description: 'What you may do here now' })
  yourActions: GuidelineActionsView;

  static of(row: GuidelineRow, yourActions: GuidelineActions): GuidelineView {
    return {
      id: row.id,
      code: row.code,
      title: { en: row.title_en, lo: row.title_lo },
      stage: row.stage,
      currentVersion: row.current_version_number,
      openReviewCount: Number(row.open_review_count),
      openCommentCount: Number(row.open_comment_count),
      consultationClosesAt: row.consultation_closes_at?.toISOString() ?? null,
      adopted:
        row.adopted_version_number !== null && row.adopted_at
          ? {
              versionNumber: row.adopted_version_number,
              contentHash: row.adopted_content_hash ?? '',
              at: row.adopted_at.toISOString(),
            }
          : null,
      createdBy: { id: row.created_by, name: row.created_by_name },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      yourActions,
    };
  }
}

export class GuidelineListView {
  @ApiProperty({ type: [GuidelineView] }) items: GuidelineView[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}
