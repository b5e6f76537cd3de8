import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AuthUser } from '../court/roles';
import { Env } from '../config/env';
import { SessionsRepository } from './sessions.repository';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 2_000;
/** A session's last use is written at most this often per process (lastSeenAt of the list). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The callers the auth guard has looked up, by session, kept in memory so that a request costs no
 * database round trip for its caller. It is only used while this process listens to the channel
 * `auth_users`, on which the database announces at commit, whoever made it, every change to a user
 * (deactivation, role, committees, agency: migration 1764380000000-AuthUserChanges) and every
 * session that ends (sign-out, a password change, an administrator's "sign out everywhere":
 * migration 1796125675378-Sessions): the payload, a user's or a session's id, is forgotten at once
 * here and within milliseconds in other API processes. When the listening connection is down the
 * cache is emptied and bypassed until it is back, so a missed announcement cannot leave an ended
 * session or a deactivated user signed in. Entries also expire after a minute.
 */
@Injectable()
export class ActiveUsers implements OnApplicationShutdown {
  private readonly logger = new Logger('ActiveUsers');
  /** By session id. */
  private readonly entries = new Map<string, { user: AuthUser; expires: number }>();
  /** The cached sessions of each user, so that a change to the user forgets all of them. */
  private readonly sessionsOf = new Map<string, Set<string>>();
  /** When this process last wrote each session's last use. */
  private readonly touched = new Map<string, number>();
  /** Bumped by every change heard: a lookup that started before a change does not fill the cache. */
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private connecting = false;
  private stopped = false;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly env: Env,
  ) {}

  /**
   * The active user whose open session this is, or null (unknown, ended or expired session,
   * deactivated user: not cached).
   */
  async findBySession(sessionId: string): Promise<AuthUser | null> {
    const user = await this.lookUp(sessionId);
    if (user) this.touch(sessionId);
    return user;
  }

  private async lookUp(sessionId: string): Promise<AuthUser | null> {
    if (!this.listening) {
      this.listen();
      return this.sessions.findCaller(sessionId);
    }
    const hit = this.entries.get(sessionId);
    if (hit && hit.expires > Date.now()) return hit.user;
    const generation = this.generation;
    const user = await this.sessions.findCaller(sessionId);
    if (user && this.listening && generation === this.generation) {
      this.remember(sessionId, user);
    }
    return user;
  }

  private remember(sessionId: string, user: AuthUser): void {
    this.drop(sessionId);
    this.entries.set(sessionId, { user, expires: Date.now() + TTL_MS });
    let ofUser = this.sessionsOf.get(user.id);
    if (!ofUser) this.sessionsOf.set(user.id, (ofUser = new Set()));
    ofUser.add(sessionId);
    if (this.entries.size > MAX_ENTRIES) this.drop(this.entries.keys().next().value!);
  }

  private drop(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    const ofUser = this.sessionsOf.get(entry.user.id);
    ofUser?.delete(sessionId);
    if (ofUser?.size === 0) this.sessionsOf.delete(entry.user.id);
  }

  /** Writes the session's last use, at most once a minute, without holding up the request. */
  private touch(sessionId: string): void {
    const now = Date.now();
    const last = this.touched.get(sessionId);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
    this.touched.delete(sessionId);
    this.touched.set(sessionId, now);
    if (this.touched.size > MAX_ENTRIES) this.touched.delete(this.touched.keys().next().value!);
    this.sessions.touch(sessionId).catch((error: Error) => {
      this.logger.debug(`last use of a session not recorded: ${error.message}`);
    });
  }

  /**
   * Forgets a session, or every session of a user, by id (or everyone with '*'); this process's
   * own changes call it after commit.
   */
  forget(id: string): void {
    this.generation += 1;
    if (id === '*') {
      this.entries.clear();
      this.sessionsOf.clear();
      return;
    }
    this.drop(id);
    for (const sessionId of [...(this.sessionsOf.get(id) ?? [])]) this.drop(sessionId);
  }

  /** True while changes are being heard (and the cache is in use). */
  get active(): boolean {
    return this.listening;
  }

  private listen(): void {
    if (this.connecting || this.stopped) return;
    this.connecting = true;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      this.listening = false;
      this.listener = null;
      this.forget('*');
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => (this.connecting = false), RECONNECT_MS).unref();
    };
    client.on('notification', (message) => this.forget(message.payload || '*'));
    client.on('error', lost);
    client.on('end', lost);
    client
      .connect()
      .then(() => client.query('LISTEN auth_users'))
      .then(async () => {
        if (this.stopped) return void (await client.end());
        this.forget('*');
        this.listener = client;
        this.listening = true;
        this.connecting = false;
      })
      .catch((error: Error) => {
        this.logger.debug(`not caching callers for now: ${error.message}`);
        lost();
      });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
