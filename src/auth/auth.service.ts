import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { Env } from '../config/env';
import { AuthErrorCode, AuthException } from './auth.exception';
import { User } from '../users/user.entity';
import { ActiveUsers } from '../users/active-users';
import { UsersRepository } from '../users/users.repository';
import { PasswordHasher } from '../users/password-hasher';
import { SessionsRepository } from '../users/sessions.repository';
import { AuthUser } from '../court/roles';
import { AppError } from '../common/app-error';
import { SecondFactorAnswer, SecondFactorService } from '../second-factor/second-factor.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a sign-in comes from, as its session records it. */
export interface SignInClient {
  device: string;
  address: string;
}

export interface SignedIn<U = User> {
  accessToken: string;
  expiresIn: number;
  sessionId: string;
  user: U;
}

/** An authenticated request's caller and the session its token belongs to. */
export interface Authenticated {
  user: AuthUser;
  sessionId: string;
}

interface TokenClaims {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/** Tokens whose signature was checked, kept until they expire (AuthService.verified). */
const VERIFIED_TOKENS = 10_000;

@Injectable()
export class AuthService {
  /**
   * The claims of tokens already verified, by token: the same bytes carry the same signature, so
   * a client's next request skips the HMAC and JSON work. An entry lives until its token's `exp`,
   * after which the token goes through the full check again (and is refused as expired). Whether
   * its session is still open is asked on every request all the same.
   */
  private readonly verified = new LRUCache<string, TokenClaims>({ max: VERIFIED_TOKENS });

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly activeUsers: ActiveUsers,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly env: Env,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /**
   * Checks the password and opens a session. Same answer, and about the same time, for an unknown
   * e-mail, a wrong password or a deactivated user. When the user's two-factor sign-in is on, the
   * right password is not enough: `second` must carry a code (src/second-factor/).
   */
  async login(
    email: string,
    password: string,
    client: SignInClient,
    second: SecondFactorAnswer = {},
  ): Promise<SignedIn> {
    const user = await this.users.findForLogin(email);
    if (!user) {
      await this.hasher.burn(password);
      throw new AuthException(AuthErrorCode.BAD_CREDENTIALS);
    }
    const ok = await this.hasher.verify(password, user.passwordHash);
    if (!ok || !user.active) throw new AuthException(AuthErrorCode.BAD_CREDENTIALS);
    try {
      await this.secondFactor.checkSignIn(user.id, second);
    } catch (error) {
      // No one is signed in yet: a refusal of the second factor speaks the account's language.
      throw error instanceof AppError ? error.forReader(user.locale) : error;
    }
    return this.openSession(user, client);
  }

  /** A new session of the user and its access token (the token names the session: `sid`). */
  async openSession<U extends Pick<User, 'id' | 'role'>>(
    user: U,
    client: SignInClient,
  ): Promise<SignedIn<U>> {
    const sessionId = await this.sessions.open(user.id, client, this.env.JWT_TTL_SECONDS);
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: sessionId, role: user.role });
    return { accessToken, expiresIn: this.env.JWT_TTL_SECONDS, sessionId, user };
  }

  /**
   * Verifies a token and finds its caller (in memory when possible, see ActiveUsers): the token is
   * good only while its session is open and its user active, so signing out, a password change,
   * a deactivation or a session ended from the list stop it at once.
   */
  async authenticate(token: string): Promise<Authenticated> {
    const kept = this.verified.get(token);
    // The cache's clock is monotonic; jsonwebtoken's is the wall clock: `exp` is read again here.
    const claims =
      kept && Date.now() < (kept.exp as number) * 1000 ? kept : await this.verify(token);
    const { sub, sid } = claims;
    // Tokens from before sessions were recorded carry no session: they are refused like ended ones.
    const user =
      typeof sid === 'string' && UUID.test(sid) ? await this.activeUsers.findBySession(sid) : null;
    if (!user || user.id !== sub) throw new AuthException(AuthErrorCode.TOKEN_INVALID);
    return { user, sessionId: sid as string };
  }

  private async verify(token: string): Promise<TokenClaims> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AuthException(expired ? AuthErrorCode.TOKEN_EXPIRED : AuthErrorCode.TOKEN_INVALID);
    }
    // jsonwebtoken refuses a token from its `exp` second on: kept until then, not a moment longer.
    const ttl = typeof claims.exp === 'number' ? claims.exp * 1000 - Date.now() : 0;
    if (ttl > 0) this.verified.set(token, claims, { ttl });
    return claims;
  }

  /**
   * Ends the session of a token, if the token is genuine (an expired one too: its session row is
   * closed all the same). Nothing happens for anything else.
   */
  async signOut(token: string): Promise<void> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync(token, { ignoreExpiration: true });
    } catch {
      return;
    }
    const { sub, sid } = claims;
    if (typeof sid !== 'string' || !UUID.test(sid)) return;
    if (typeof sub !== 'string' || !UUID.test(sub)) return;
    if (await this.sessions.end(sid, 'SIGNED_OUT', sub)) this.activeUsers.forget(sid);
  }
}
