import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, Locale } from '../court/roles';
import { EventFilterQuery } from '../events/event.dto';
import { InstitutionCategory } from '../events/participation-rules';

export class ParticipationQuery extends EventFilterQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'Language of the CSV (headers, measures, kinds of institution); default: yours',
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LocalizedLabelView {
  @ApiProperty() en: string;
  @ApiProperty() lo: string;
}

export class ShareView {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Percent, rounded as the label shows it (one decimal, two under 1%)',
    example: 45.1,
  })
  percent: number | null;
  @ApiProperty({ example: '45.1%' }) label: string;
}

export class SexSharesView {
  @ApiProperty({ type: ShareView }) female: ShareView;
  @ApiProperty({ type: ShareView }) male: ShareView;
  @ApiProperty({ type: ShareView }) other: ShareView;
}

export class DisabilityShareView extends ShareView {
  @ApiProperty({ type: 'integer', description: 'Events that recorded persons with disability' })
  eventsReporting: number;
  @ApiProperty({
    type: 'integer',
    description: 'Participants of those events: the base of the share',
  })
  base: number;
}

export class CategoryShareView extends ShareView {
  @ApiProperty({ enum: InstitutionCategory }) category: InstitutionCategory;
  @ApiProperty({ type: LocalizedLabelView }) name: LocalizedLabelView;
}

export class InstitutionShareView extends ShareView {
  @ApiProperty({ enum: InstitutionCategory }) category: InstitutionCategory;
  @ApiProperty({ type: LocalizedLabelView }) categoryName: LocalizedLabelView;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class ReportFiltersView {
  @ApiPropertyOptional() guidelineId?: string;
  @ApiPropertyOptional() stage?: string;
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional() province?: string;
}

export class ParticipationReportView {
  @ApiProperty({ type: ReportFiltersView }) filters: ReportFiltersView;
  @ApiProperty({ type: 'integer', example: 32 }) events: number;
  @ApiProperty({ type: 'integer', example: 665 }) participants: number;
  @ApiProperty({ type: SexSharesView }) bySex: SexSharesView;
  @ApiProperty({ type: DisabilityShareView }) withDisability: DisabilityShareView;
  @ApiProperty({ type: [CategoryShareView] }) byCategory: CategoryShareView[];
  @ApiProperty({ type: [InstitutionShareView], description: 'Largest first' })
  byInstitution: InstitutionShareView[];
  @ApiProperty({ type: ShareView, description: 'Participants of events without a breakdown' })
  withoutInstitutionBreakdown: ShareView;
  @ApiProperty({
    type: LocalizedLabelView,
    example: {
      en: '32 events, with 665 participants (45.1% female, 54.1% male, 0.75% other)',
      lo: '32 ກິດຈະກຳ, ມີຜູ້ເຂົ້າຮ່ວມ 665 ຄົນ (ຍິງ 45.1%, ຊາຍ 54.1%, ອື່ນໆ 0.75%)',
    },
  })
  summary: LocalizedLabelView;
}
