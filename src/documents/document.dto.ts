import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { VERSION_NUMBER_MAX } from '../guidelines/version-number.pipe';

export const DOCUMENT_FORMATS = ['docx', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export class DocumentQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format: DocumentFormat = 'docx';
}

export class IndicatorQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Version number; default: the current version',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERSION_NUMBER_MAX)
  version?: number;
}

export class CitingProvisionView {
  @ApiProperty() key: string;
  @ApiProperty() heading: string;
  @ApiProperty({ type: 'integer', description: '0-based place in the version' }) position: number;
}

export class IndicatorView {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: String, nullable: true, example: 'VSC-3' }) code: string | null;
  @ApiProperty() heading: string;
  @ApiProperty({ description: "The indicator's body" }) statement: string;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty({ type: [CitingProvisionView], description: 'Text sections citing the code' })
  referencedBy: CitingProvisionView[];
  @ApiProperty({ description: 'No provision cites this indicator' }) uncovered: boolean;
}

export class IndicatorListView {
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() contentHash: string;
  @ApiProperty({ type: [IndicatorView] }) items: IndicatorView[];
  @ApiProperty({ type: 'integer' }) uncoveredCount: number;
}
