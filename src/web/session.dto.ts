import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../users/user.dto';

/** The answer to opening a browser session: no token in the body, only the CSRF token for headers. */
export class SessionView {
  @ApiProperty({
    description:
      'Send as the X-CSRF-Token header on every POST/PUT/PATCH/DELETE made with the session cookie (also readable in the cg_csrf cookie)',
  })
  csrfToken: string;

  @ApiProperty({ type: 'integer', description: 'Seconds until the session expires' })
  expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
