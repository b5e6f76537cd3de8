import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsDayOrInstant } from '../common/day-or-instant';
import { Stage } from '../court/stage';
import { MoveInput, MoveKind } from '../court/workflow-rules';
import type { TransitionRow } from '../guidelines/stage-transitions.repository';
import { validationMessage } from '../common/validation';

export class MoveDto {
  @ApiProperty({ enum: Stage, description: 'The stage to move to' })
  @IsEnum(Stage)
  to: Stage;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Why: required for backward moves, withdrawals and overrides (missing: 422 REASON_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    enum: Stage,
    description: 'The stage the caller believes the guideline is in: 409 when it is not',
  })
  @IsOptional()
  @IsEnum(Stage)
  expectedStage?: Stage;

  @ApiPropertyOptional({
    example: '2026-03-31T17:00:00+07:00',
    description:
      'Only when moving to CONSULTATION. A timestamp with offset, or a day (YYYY-MM-DD): open through that whole day in APP_TIMEZONE',
  })
  @IsOptional()
  @IsDayOrInstant()
  consultationClosesAt?: string;

  @ApiPropertyOptional({
    example: '2026-04-30',
    description:
      'Only when moving to INTERAGENCY_REVIEW. A calendar day in APP_TIMEZONE (YYYY-MM-DD), or a timestamp with offset taken as the local day it falls on',
  })
  @IsOptional()
  @IsDayOrInstant()
  reviewDueAt?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
    description:
      'Only when moving to INTERAGENCY_REVIEW: agency codes (default: MOFA, MOJ, OSPP, MPS). Unknown codes: 422 UNKNOWN_AGENCY',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{1,15}$/, {
    each: true,
    ...validationMessage('AGENCY_CODES_FORM'),
  })
  agencies?: string[];

  @ApiPropertyOptional({
    description:
      'ADMIN only, with a reason: set aside the overridable gates (consultation still open; review unanswered or objected)',
  })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class ActorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TransitionView {
  @ApiProperty({ description: 'Position in the history (ascending)', example: '42' }) id: string;
  @ApiProperty({ enum: Stage, nullable: true, description: 'null on the creation row' })
  from: Stage | null;
  @ApiProperty({ enum: Stage }) to: Stage;
  @ApiProperty({ type: ActorView }) actor: ActorView;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'The current version at that moment',
  })
  versionNumber: number | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() override: boolean;
  @ApiProperty({
    type: [String],
    description: 'Gates an administrator override set aside (empty unless override)',
  })
  overriddenGates: string[];

  static of(row: TransitionRow): TransitionView {
    return {
      id: row.id,
      from: row.from_stage,
      to: row.to_stage,
      actor: { id: row.actor_id, name: row.actor_name },
      at: new Date(row.at).toISOString(),
      versionNumber: row.version_number,
      reason: row.reason,
      override: row.override,
      overriddenGates: (row.details?.overridden ?? []).map((o) => o.gate),
    };
  }
}

export class MoveResultView {
  @ApiProperty({ enum: Stage }) stage: Stage;
  @ApiProperty({ type: TransitionView }) transition: TransitionView;
  @ApiProperty({
    type: [String],
    description: 'Review requests opened (entering INTERAGENCY_REVIEW)',
  })
  reviewRequestIds: string[];
  @ApiProperty({
    type: [String],
    description: 'Open review requests withdrawn (leaving INTERAGENCY_REVIEW)',
  })
  withdrawnReviewRequestIds: string[];
}

export class TransitionListView {
  @ApiProperty({ type: [TransitionView] }) items: TransitionView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}

export class UnmetGateView {
  @ApiProperty({ example: 'CONSULTATION_STILL_OPEN' }) code: string;
  @ApiProperty({ description: "In the caller's language" }) message: string;
  @ApiProperty({ description: 'An administrator override may set this gate aside' })
  overridable: boolean;
}

export class AvailableMoveView {
  @ApiProperty({ enum: Stage }) to: Stage;
  @ApiProperty({ enum: MoveKind }) kind: MoveKind;
  @ApiProperty({ description: "The caller's role may make this move" }) allowedForYou: boolean;
  @ApiProperty({ description: 'The caller (an ADMIN) makes it only as an override, with a reason' })
  asOverride: boolean;
  @ApiProperty() needsReason: boolean;
  @ApiProperty({ description: 'Some of its gates may be overridden by an ADMIN' })
  overridable: boolean;
  @ApiProperty({
    type: [String],
    enum: ['reason', 'consultationClosesAt', 'reviewDueAt', 'agencies'],
    description: 'What to send with the move',
  })
  inputs: MoveInput[];
  @ApiProperty({
    type: [UnmetGateView],
    description:
      "Gates on the guideline's state unmet now; gates on the inputs are judged when the move is made",
  })
  unmetGates: UnmetGateView[];
}

export class AvailableMovesView {
  @ApiProperty({ enum: Stage }) stage: Stage;
  @ApiProperty({ type: [AvailableMoveView] }) items: AvailableMoveView[];
}
