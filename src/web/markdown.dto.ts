import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class MarkdownDto {
  @ApiProperty({
    description:
      'A version as Markdown (the format of src/documents/guideline-markdown.ts, or written by hand)',
    example: '## Purpose\n\nThese guidelines ...',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(900_000)
  markdown: string;
}

export class MarkdownSectionView {
  @ApiProperty() key: string;
  @ApiProperty() heading: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['text', 'indicator'] }) kind: 'text' | 'indicator';
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() category?: string;
}

export class MarkdownSectionsView {
  @ApiProperty({
    type: [MarkdownSectionView],
    description: 'Ready for POST /api/guidelines/:id/versions',
  })
  sections: MarkdownSectionView[];
}
