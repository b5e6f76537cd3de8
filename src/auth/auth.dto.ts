import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { UserView } from '../users/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'secretariat@demo.court.la' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class LoginView {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) accessToken: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' })
  expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
