import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AuthUser } from '../court/roles';
import { Env } from '../config/env';
import { UsersRepository } from './users.repository';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 2_000;

/**
 * The callers the auth guard has looked up, kept in memory so that a request costs no database
 * round trip for its caller. It is only used while this process listens to the channel
 * `auth_users`, on which the database announces every change to a user (deactivation, role,
 * committees, agency) at commit, whoever made it (migration 1764380000000-AuthUserChanges): a
 * changed user is forgotten at once here and within milliseconds in other API processes. When the
 * listening connection is down the cache is emptied and bypassed until it is back, so a missed
 * announcement cannot leave a deactivated user signed in. Entries also expire after a minute.
 */
@Injectable()
export class ActiveUsers implements OnApplicationShutdown {
  private readonly logger = new Logger('ActiveUsers');
  private readonly entries = new Map<string, { user: AuthUser; expires: number }>();
  /** Bumped by every change heard: a lookup that started before a change does not fill the cache. */
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private connecting = false;
  private stopped = false;

  constructor(
    private readonly users: UsersRepository,
    private readonly env: Env,
  ) {}

  /** The active user with this id, or null (unknown or deactivated: not cached). */
  async find(id: string): Promise<AuthUser | null> {
    if (!this.listening) {
      this.listen();
      return this.users.findActiveAuthUser(id);
    }
    const hit = this.entries.get(id);
    if (hit && hit.expires > Date.now()) return hit.user;
    const generation = this.generation;
    const user = await this.users.findActiveAuthUser(id);
    if (user && this.listening && generation === this.generation) {
      this.entries.delete(id);
      this.entries.set(id, { user, expires: Date.now() + TTL_MS });
      if (this.entries.size > MAX_ENTRIES) {
        this.entries.delete(this.entries.keys().next().value!);
      }
    }
    return user;
  }

  /** Forgets one user (or everyone with '*'); this process's own changes call it after commit. */
  forget(id: string): void {
    this.generation += 1;
    if (id === '*') this.entries.clear();
    else this.entries.delete(id);
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
