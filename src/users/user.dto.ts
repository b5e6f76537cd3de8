import type { AccountActions } from '../court/access-rules';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { AgencyView } from '../agencies/agency.dto';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULE } from '../common/password-policy';
import { Committee, Locale, LOCALES, Role } from '../court/roles';
import { PageQuery } from '../common/pagination';
import { User } from './user.entity';
import { Trim } from '../common/validation';

export class CreateUserDto {
  @ApiProperty({ example: 'judge@court.gov.la' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Khamphone S.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: PASSWORD_RULE })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for AGENCY_REVIEWER', example: 'MOJ' })
  @IsOptional()
  @IsString()
  agencyCode?: string;

  @ApiPropertyOptional({ enum: Committee, isArray: true, description: 'Judges only' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Committee, { each: true })
  committees?: Committee[];

  @ApiPropertyOptional({ example: "People's Supreme Court" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  institution?: string;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES)
  locale: Locale;

  @ApiPropertyOptional({
    description:
      'true (default false): the password is temporary; until the user changes it, every route but GET /api/me and POST /api/me/password answers 403 PASSWORD_CHANGE_REQUIRED',
  })
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;
}

/**
 * Only the fields given change. Fields that cannot be empty use @ValidateIf rather than
 * @IsOptional, which would let null through to a NOT NULL column; institution and agencyCode
 * take null to clear them.
 */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateUserDto) => o.name !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateUserDto) => o.email !== undefined)
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, description: PASSWORD_RULE })
  @ValidateIf((o: UpdateUserDto) => o.password !== undefined)
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ enum: Role })
  @ValidateIf((o: UpdateUserDto) => o.role !== undefined)
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'AGENCY_REVIEWER only; null clears it. Changing the role away from AGENCY_REVIEWER clears it too',
  })
  @IsOptional()
  @IsString()
  agencyCode?: string | null;

  @ApiPropertyOptional({ enum: Committee, isArray: true })
  @ValidateIf((o: UpdateUserDto) => o.committees !== undefined)
  @IsArray()
  @ArrayUnique()
  @IsEnum(Committee, { each: true })
  committees?: Committee[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  institution?: string | null;

  @ApiPropertyOptional({ enum: LOCALES })
  @ValidateIf((o: UpdateUserDto) => o.locale !== undefined)
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    description:
      'true with a new password makes it temporary: the user must change it at the next sign-in (see CreateUserDto); false lifts that',
  })
  @ValidateIf((o: UpdateUserDto) => o.mustChangePassword !== undefined)
  @IsBoolean()
  mustChangePassword?: boolean;

  @ApiPropertyOptional({
    description: 'false deactivates: no login, and existing tokens stop working',
  })
  @ValidateIf((o: UpdateUserDto) => o.active !== undefined)
  @IsBoolean()
  active?: boolean;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Part of the name or e-mail address (any case; Lao as typed)',
    maxLength: 200,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: "Reviewers of this agency (its code, e.g. 'MOJ')" })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  agencyCode?: string;

  @ApiPropertyOptional({ description: 'true: active users only; false: deactivated ones only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ enum: Committee, isArray: true }) committees: Committee[];
  @ApiProperty({ type: AgencyView, nullable: true }) agency: AgencyView | null;
  @ApiProperty({ nullable: true, type: String }) institution: string | null;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty() active: boolean;
  @ApiProperty({
    description: 'The password is temporary: change it (POST /api/me/password) first',
  })
  mustChangePassword: boolean;

  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      committees: user.committees,
      agency: user.agency ? AgencyView.of(user.agency) : null,
      institution: user.institution,
      locale: user.locale,
      active: user.active,
      mustChangePassword: user.mustChangePassword,
    };
  }
}

/** What the caller may open whatever the guideline, from src/court/access-rules.ts. */
export class AccountActionsView implements AccountActions {
  @ApiProperty({ description: 'Create guidelines (POST /api/guidelines)' })
  createGuideline: boolean;
  @ApiProperty({ description: 'Read review requests (GET /api/reviews)' }) readReviews: boolean;
  @ApiProperty({ description: 'Read the participation report (GET /api/reports/participation)' })
  readReports: boolean;
  @ApiProperty({ description: 'Manage users and agencies' }) administer: boolean;
}

/** The caller, with what the screens need to know of the court: its time zone. */
export class MeView extends UserView {
  @ApiProperty({
    example: 'Asia/Vientiane',
    description: 'The court’s time zone (APP_TIMEZONE): due dates are calendar days there',
  })
  timeZone: string;
  @ApiProperty({ type: AccountActionsView, description: 'What you may open' })
  yourActions: AccountActionsView;

  @ApiProperty({ description: 'Two-factor sign-in (TOTP) is on: sign-in asks for a code' })
  totpEnabled: boolean;

  @ApiProperty({
    description:
      'The role requires two-factor sign-in (REQUIRE_TOTP_ROLES) and it is not set up: until it is, only enrolment (POST /api/me/totp), this route, the sessions and the password change are open; every other route answers 403 TOTP_ENROLMENT_REQUIRED',
  })
  totpEnrolmentRequired: boolean;
}

export class UserListView {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}
