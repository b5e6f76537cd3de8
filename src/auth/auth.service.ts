import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env } from '../config/env';
import { AppError, ErrorCode } from '../common/app-error';
import { User } from '../users/user.entity';
import { ActiveUsers } from '../users/active-users';
import { UsersRepository } from '../users/users.repository';
import { PasswordHasher } from '../users/password-hasher';
import { AuthUser } from '../court/roles';

const BAD_CREDENTIALS = 'E-mail or password is wrong';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly activeUsers: ActiveUsers,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

  /** Same answer, and about the same time, for an unknown e-mail, a wrong password or a deactivated user. */
  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string; expiresIn: number; user: User }> {
    const user = await this.users.findForLogin(email);
    if (!user) {
      await this.hasher.burn(password);
      throw new AppError(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }
    const ok = await this.hasher.verify(password, user.passwordHash);
    if (!ok || !user.active) throw new AppError(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, expiresIn: this.env.JWT_TTL_SECONDS, user };
  }

  /**
   * Verifies a bearer token and finds its user (in memory when possible, see ActiveUsers); a
   * deactivated user's tokens stop working at once.
   */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: { sub?: string };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AppError(
        ErrorCode.UNAUTHORIZED,
        expired ? 'Token expired: sign in again' : 'Invalid token',
      );
    }
    const user =
      payload.sub && /^[0-9a-f-]{36}$/i.test(payload.sub)
        ? await this.activeUsers.find(payload.sub)
        : null;
    if (!user) throw new AppError(ErrorCode.UNAUTHORIZED, 'Invalid token');
    return user;
  }
}
