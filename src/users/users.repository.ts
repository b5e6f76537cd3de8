import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Locale, Role } from '../court/roles';
import { decodeCursor, isText, isUuidText, Page, toPage } from '../common/pagination';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    const repo = manager ? manager.getRepository(User) : this.repo;
    return repo.findOne({ where: { id }, relations: { agency: true } });
  }

  /**
   * Locks a user's row for the rest of the transaction (an administrator's edit reads, checks and
   * writes under it, so two edits at once apply one after the other); false when there is none.
   */
  async lockForUpdate(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows.length > 0;
  }

  /**
   * Locks every active administrator's row, always in the same order (so two such transactions
   * queue instead of deadlocking), and answers their ids. A change that could leave the service
   * without an administrator takes this lock first: the second of two changes then sees the first.
   */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`,
    );
    return rows.map((r) => r.id);
  }

  /** For login: includes the password hash, matches e-mail case-insensitively. */
  findForLogin(email: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.agency', 'agency')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /** With the password hash: for checking a user's current password. */
  findWithPasswordHash(id: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
  }

  /** The active user with this e-mail address (any case), as a message recipient; or null. */
  async findActiveByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ id: string; email: string; locale: Locale } | null> {
    const rows = await manager.query(
      `SELECT id, email, locale FROM users WHERE lower(email) = lower($1) AND active`,
      [email],
    );
    return rows[0] ?? null;
  }

  /**
   * Sets a user's own new password and lifts "must change". With `expectedHash`, only while the
   * password is still that one (false when it changed meanwhile, or the user is gone or inactive).
   */
  async setOwnPassword(
    manager: EntityManager,
    id: string,
    passwordHash: string,
    expectedHash: string | null,
  ): Promise<boolean> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now()
        WHERE id = $1 AND active AND ($3::text IS NULL OR password_hash = $3)`,
      [id, passwordHash, expectedHash],
    );
    return count > 0;
  }

  emailTaken(email: string, exceptId?: string): Promise<boolean> {
    const qb = this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (exceptId) qb.andWhere('u.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  hasActiveAdmin(): Promise<boolean> {
    return this.repo.existsBy({ role: Role.ADMIN, active: true });
  }

  /**
   * A page of users by name (then id), filtered by part of the name or e-mail, role, agency and
   * whether active. Keyset: the cursor is the last row's (name, id).
   */
  async page(filter: {
    q?: string;
    role?: Role;
    agencyCode?: string;
    active?: boolean;
    limit: number;
    cursor?: string;
  }): Promise<Page<User>> {
    const after = decodeCursor<[string, string]>(filter.cursor, [isText, isUuidText]);
    const qb = this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.agency', 'agency')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.q) {
      qb.andWhere("(u.name ILIKE :q ESCAPE '\\' OR u.email ILIKE :q ESCAPE '\\')", {
        q: `%${likeEscaped(filter.q)}%`,
      });
    }
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.agencyCode) qb.andWhere('agency.code = :code', { code: filter.agencyCode });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (after) {
      qb.andWhere('(u.name, u.id) > (:name, :id)', { name: after[0], id: after[1] });
    }
    const rows = await qb.getMany();
    return toPage(rows, filter.limit, (u) => [u.name, u.id]);
  }

  save(user: Partial<User>, manager?: EntityManager): Promise<User> {
    const repo = manager ? manager.getRepository(User) : this.repo;
    return repo.save(user as User);
  }
}

/** A LIKE pattern's wildcards and escape character taken literally. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
