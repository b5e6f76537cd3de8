import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser, Role } from '../court/roles';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  /**
   * The caller as the auth guard needs it on every request, with its agency's code: one statement
   * (a find with relations costs two round trips), and null once the user is deactivated.
   */
  async findActiveAuthUser(id: string): Promise<AuthUser | null> {
    const rows: AuthUser[] = await this.repo.query(
      `SELECT u.id, u.email, u.name, u.role, u.committees, u.agency_id AS "agencyId",
              a.code AS "agencyCode", u.institution, u.locale
         FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1 AND u.active`,
      [id],
    );
    return rows[0] ?? null;
  }

  findById(id: string): Promise<User | null> {
    return this.repo.findOne({ where: { id }, relations: { agency: true } });
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

  emailTaken(email: string, exceptId?: string): Promise<boolean> {
    const qb = this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (exceptId) qb.andWhere('u.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  hasActiveAdmin(): Promise<boolean> {
    return this.repo.existsBy({ role: Role.ADMIN, active: true });
  }

  async page(filter: { role?: Role; limit: number; cursor?: string }): Promise<Page<User>> {
    const after = decodeCursor<[string, string]>(filter.cursor, 2);
    const qb = this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.agency', 'agency')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (after) qb.andWhere('(u.name, u.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, filter.limit, (u) => [u.name, u.id]);
  }

  save(user: Partial<User>): Promise<User> {
    return this.repo.save(user as User);
  }
}
