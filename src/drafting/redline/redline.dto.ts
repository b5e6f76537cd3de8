import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { VERSION_NUMBER_MAX } from '../../guidelines/version-number.pipe';

export const REDLINE_FORMATS = ['docx', 'html'] as const;
export type RedlineFormat = (typeof REDLINE_FORMATS)[number];

export class RedlineQuery {
  @ApiProperty({ description: 'The version the changes are marked from (the older side)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERSION_NUMBER_MAX)
  against: number;

  @ApiPropertyOptional({ enum: REDLINE_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(REDLINE_FORMATS)
  format: RedlineFormat = 'docx';
}
