import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UserView } from '../users/user.dto';
import { validationMessage } from '../common/validation';

export class LoginDto {
  @ApiProperty({ example: 'secretariat@demo.court.la' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({
    required: false,
    description:
      'The 6-digit code of the authenticator app, when two-factor sign-in is on (without it: 401 TOTP_REQUIRED)',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, validationMessage('TOTP_FIELD_FORM'))
  totp?: string;

  @ApiProperty({
    required: false,
    description: 'Instead of totp: one of the recovery codes given at enrolment (each works once)',
    example: '7K3M-Q9TB-2XWD-HN4R',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

export class LoginView {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) accessToken: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' })
  expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
