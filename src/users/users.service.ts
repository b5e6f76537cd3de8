import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from '../common/password-policy';
import { Committee, Role } from '../court/roles';
import { detail } from '../common/app-error';
import { UserErrorCode, UserException } from './user.exception';
import { Page } from '../common/pagination';
import { CreateUserDto, UpdateUserDto, UserQuery } from './user.dto';
import { ActiveUsers } from './active-users';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly activeUsers: ActiveUsers,
    private readonly dataSource: DataSource,
  ) {}

  list(query: UserQuery): Promise<Page<User>> {
    return this.users.page(query);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException(UserErrorCode.USER_NOT_FOUND);
    return user;
  }

  async create(dto: CreateUserDto): Promise<User> {
    this.policy.assertAcceptable(dto.password, dto);
    const agencyId = await this.resolveAgency(dto.role, dto.agencyCode);
    assertCommitteesFit(dto.role, dto.committees ?? []);
    if (await this.users.emailTaken(dto.email)) {
      throw new UserException(UserErrorCode.EMAIL_TAKEN, {}, [
        detail('EMAIL_TAKEN_DETAIL', {}, { field: 'email' }),
      ]);
    }
    const saved = await this.users.save({
      email: dto.email,
      name: dto.name,
      passwordHash: await this.hasher.hash(dto.password),
      role: dto.role,
      committees: dto.committees ?? [],
      agencyId,
      institution: dto.institution ?? null,
      locale: dto.locale,
      active: true,
      mustChangePassword: dto.mustChangePassword ?? false,
    });
    return this.get(saved.id);
  }

  /**
   * An administrator's change of a user, read, checked and written in one transaction under the
   * user's row lock, so two administrators' edits at once apply one after the other and neither is
   * lost. A change that takes away an active ADMIN (deactivation or another role) first locks every
   * active administrator: of two administrators removing each other at once, the second is refused
   * (409 LAST_ACTIVE_ADMIN) and one active administrator always remains.
   */
  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<User> {
    if (id === actorId && (dto.active === false || (dto.role && dto.role !== Role.ADMIN))) {
      throw new UserException(UserErrorCode.SELF_DEMOTION);
    }
    // The memory-hard hash runs before the transaction, so no lock is held while it computes.
    let passwordHash: string | undefined;
    if (dto.password !== undefined) {
      const current = await this.get(id);
      const owner = { email: dto.email ?? current.email, name: dto.name ?? current.name };
      this.policy.assertAcceptable(dto.password, owner);
      passwordHash = await this.hasher.hash(dto.password);
    }
    const mayRemoveAnAdmin =
      dto.active === false || (dto.role !== undefined && dto.role !== Role.ADMIN);
    await this.dataSource.transaction(async (manager) => {
      const activeAdmins = mayRemoveAnAdmin ? await this.users.lockActiveAdmins(manager) : [];
      if (!(await this.users.lockForUpdate(manager, id)))
        throw new UserException(UserErrorCode.USER_NOT_FOUND);
      const user = (await this.users.findById(id, manager)) as User;
      if (user.role === Role.ADMIN && user.active && mayRemoveAnAdmin) {
        if (!activeAdmins.some((adminId) => adminId !== id)) {
          throw new UserException(UserErrorCode.LAST_ACTIVE_ADMIN, {}, [
            detail('LAST_ACTIVE_ADMIN', {}, { code: 'LAST_ACTIVE_ADMIN' }),
          ]);
        }
      }
      await this.applyUpdate(manager, user, dto, passwordHash);
    });
    // Other API processes hear of it from the database (see ActiveUsers); this one forgets now.
    this.activeUsers.forget(id);
    return this.get(id);
  }

  private async applyUpdate(
    manager: EntityManager,
    user: User,
    dto: UpdateUserDto,
    passwordHash: string | undefined,
  ): Promise<void> {
    const id = user.id;
    const role = dto.role ?? user.role;
    const committees = dto.committees ?? (role === Role.JUDGE ? user.committees : []);
    assertCommitteesFit(role, committees);
    let agencyId = user.agencyId;
    if (dto.agencyCode !== undefined || dto.role !== undefined) {
      // An explicit agencyCode (null clears it) wins; otherwise a reviewer keeps their agency and
      // any other role has none, so changing a reviewer's role drops the agency.
      const agencyCode =
        dto.agencyCode !== undefined
          ? dto.agencyCode
          : role === Role.AGENCY_REVIEWER
            ? user.agency?.code
            : null;
      agencyId = await this.resolveAgency(role, agencyCode);
    }
    if (dto.email && (await this.users.emailTaken(dto.email, id))) {
      throw new UserException(UserErrorCode.EMAIL_TAKEN, {}, [
        detail('EMAIL_TAKEN_DETAIL', {}, { field: 'email' }),
      ]);
    }
    const { password: _password, agencyCode: _agencyCode, ...fields } = dto;
    await this.users.save(
      {
        ...user,
        ...fields,
        agency: undefined,
        role,
        committees,
        agencyId,
        ...(passwordHash ? { passwordHash } : {}),
      },
      manager,
    );
  }

  /** Creates the first ADMIN from ADMIN_EMAIL/ADMIN_PASSWORD when no active admin exists. */
  async ensureAdmin(email: string | undefined, password: string | undefined): Promise<void> {
    if (!email || !password) return;
    if (await this.users.hasActiveAdmin()) return;
    if (await this.users.emailTaken(email)) {
      this.logger.warn(
        `ADMIN_EMAIL ${email} belongs to an existing user who is not an active admin; not changed`,
      );
      return;
    }
    if (await this.saveFirstAdmin(email, password)) {
      this.logger.log(`Created the first administrator ${email}`);
    }
  }

  /** Several processes may start at once: the one that loses the race finds the admin created. */
  private async saveFirstAdmin(email: string, password: string): Promise<boolean> {
    return this.users
      .save({
        email,
        name: 'Administrator',
        passwordHash: await this.hasher.hash(password),
        role: Role.ADMIN,
        committees: [],
        agencyId: null,
        institution: null,
        locale: 'en',
        active: true,
      })
      .then(() => true)
      .catch((error: unknown) => {
        const code = ((error as QueryFailedError).driverError as { code?: string } | undefined)
          ?.code;
        if (!(error instanceof QueryFailedError && code === '23505')) throw error;
        return false;
      });
  }

  private async resolveAgency(
    role: Role,
    agencyCode: string | undefined | null,
  ): Promise<string | null> {
    if (role !== Role.AGENCY_REVIEWER) {
      if (agencyCode) {
        throw new UserException(UserErrorCode.AGENCY_ONLY_FOR_REVIEWERS, {}, [
          detail('AGENCY_ONLY_FOR_REVIEWERS_DETAIL', {}, { field: 'agencyCode' }),
        ]);
      }
      return null;
    }
    if (!agencyCode) {
      throw new UserException(UserErrorCode.AGENCY_REQUIRED, {}, [
        detail('AGENCY_REQUIRED_DETAIL', {}, { field: 'agencyCode' }),
      ]);
    }
    const agency = await this.agencies.findByCode(agencyCode);
    if (!agency) {
      throw new UserException(UserErrorCode.UNKNOWN_AGENCY, { code: agencyCode }, [
        detail(
          'UNKNOWN_AGENCY',
          { code: agencyCode },
          { field: 'agencyCode', code: 'UNKNOWN_AGENCY' },
        ),
      ]);
    }
    return agency.id;
  }
}

function assertCommitteesFit(role: Role, committees: Committee[]): void {
  if (role !== Role.JUDGE && committees.length) {
    throw new UserException(UserErrorCode.COMMITTEES_ONLY_FOR_JUDGES, {}, [
      detail('COMMITTEES_ONLY_FOR_JUDGES_DETAIL', {}, { field: 'committees' }),
    ]);
  }
}
