import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  ValidateIf,
} from 'class-validator';
import { Agency } from './agency.entity';
import { validationMessage } from '../common/validation';

const LOCALES = ['lo', 'en'] as const;

export class LocalizedNameDto {
  @ApiProperty({ example: 'Ministry of Justice' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  en: string;

  @ApiProperty({ example: 'ກະຊວງຍຸຕິທຳ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  lo: string;
}

export class CreateAgencyDto {
  @ApiProperty({ example: 'MOJ', description: 'Upper-case letters, digits and _' })
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/, {
    ...validationMessage('AGENCY_CODE_FORM'),
  })
  code: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name: LocalizedNameDto;

  @ApiProperty({ example: 'review@moj.gov.la' })
  @IsEmail()
  email: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'The language its contact address is written to (Lao when not given)',
  })
  @ValidateIf((o: CreateAgencyDto) => o.locale !== undefined)
  @IsIn(LOCALES)
  locale?: 'lo' | 'en';
}

export class UpdateAgencyDto {
  // Not @IsOptional: null would pass it; omit a field to keep it.
  @ApiPropertyOptional({ type: LocalizedNameDto })
  @ValidateIf((o: UpdateAgencyDto) => o.name !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name?: LocalizedNameDto;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateAgencyDto) => o.email !== undefined)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @ValidateIf((o: UpdateAgencyDto) => o.locale !== undefined)
  @IsIn(LOCALES)
  locale?: 'lo' | 'en';
}

export class AgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty() email: string;
  @ApiProperty({ enum: LOCALES, description: 'The language its contact address is written to' })
  locale: 'lo' | 'en';

  static of(agency: Agency): AgencyView {
    return {
      id: agency.id,
      code: agency.code,
      name: { en: agency.nameEn, lo: agency.nameLo },
      email: agency.email,
      locale: agency.locale,
    };
  }
}

export class AgencyListView {
  @ApiProperty({ type: [AgencyView] }) items: AgencyView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}
