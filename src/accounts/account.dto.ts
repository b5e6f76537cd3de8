import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULE } from '../common/password-policy';
import { Trim, validationMessage } from '../common/validation';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password the caller signs in with now' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: PASSWORD_RULE })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'judge@court.gov.la' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** The token of a reset link: 32 random bytes, base64url. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the e-mailed link (`#/reset?token=…`)' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]+$/, validationMessage('RESET_TOKEN_FORM'))
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: PASSWORD_RULE })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class PasswordResetAcceptedView {
  @ApiProperty({
    description:
      'Always the same, for any address: when it is an active account, a link valid 30 minutes is on its way',
    example: true,
  })
  accepted: boolean;
}
