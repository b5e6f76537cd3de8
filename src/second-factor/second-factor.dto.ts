import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RECOVERY_CODE_COUNT } from './second-factor-rules';
import { validationMessage } from '../common/validation';

export class TotpEnrolmentView {
  @ApiProperty({
    description:
      'The Base32 secret, for typing into an authenticator app; answered only here, when enrolment starts',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret: string;

  @ApiProperty({
    description: 'The otpauth:// URI an authenticator app reads from the QR code',
    example:
      'otpauth://totp/Court%20guidelines:secretariat%40demo.court.la?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Court%20guidelines',
  })
  otpauthUri: string;

  @ApiProperty({
    description:
      'The URI as a QR code: an SVG image as a data: URL (made by the service, no remote image)',
    example: 'data:image/svg+xml;base64,PHN2Zy...',
  })
  qrCode: string;
}

export class TotpConfirmDto {
  @ApiProperty({ description: 'The 6-digit code the app shows now', example: '123456' })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, validationMessage('CODE_FIELD_FORM'))
  code: string;
}

export class RecoveryCodesView {
  @ApiProperty({
    type: [String],
    description: `${RECOVERY_CODE_COUNT} single-use recovery codes, shown this once (only their hashes are kept)`,
    example: ['7K3M-Q9TB-2XWD-HN4R'],
  })
  recoveryCodes: string[];
}

export class TotpDisableDto {
  @ApiProperty({ required: false, description: 'The account password' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiProperty({ required: false, description: 'Or a current 6-digit code', example: '123456' })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, validationMessage('CODE_FIELD_FORM'))
  code?: string;
}

export class TotpStatusView {
  @ApiProperty({ description: 'Two-factor sign-in is on: sign-in asks for a code' })
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt: Date | null;

  @ApiProperty({ type: 'integer', description: 'Recovery codes not used yet' })
  recoveryCodesLeft: number;

  @ApiProperty({
    description: 'The role requires a second factor (REQUIRE_TOTP_ROLES): it cannot be turned off',
  })
  requiredForRole: boolean;
}

export class TotpHistoryEntryView {
  @ApiProperty({ enum: ['ENROLLED', 'RECOVERY_CODE_USED', 'RESET_BY_ADMIN', 'DISABLED'] })
  event: 'ENROLLED' | 'RECOVERY_CODE_USED' | 'RESET_BY_ADMIN' | 'DISABLED';

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who did it' })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;
}

export class UserTotpView extends TotpStatusView {
  @ApiProperty({ type: [TotpHistoryEntryView], description: 'Newest first (the last 50)' })
  history: TotpHistoryEntryView[];
}
