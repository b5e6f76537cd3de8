import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { ADMINISTRATORS } from '../court/access-rules';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateUserDto, UpdateUserDto, UserListView, UserQuery, UserView } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles(...ADMINISTRATORS)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Create a user (ADMIN). */
  @Post()
  @ApiErrors(400, 401, 403, 409, 422)
  async create(@Body() dto: CreateUserDto): Promise<UserView> {
    return UserView.of(await this.users.create(dto));
  }

  /** List users, optionally by role (ADMIN). */
  @Get()
  @ApiErrors(400, 401, 403)
  async list(@Query() query: UserQuery): Promise<UserListView> {
    const page = await this.users.list(query);
    return { items: page.items.map(UserView.of), next: page.next };
  }

  /** One user, with role, agency, committees, language and whether the account is active (ADMIN). */
  @Get(':id')
  @ApiErrors(400, 401, 403, 404)
  async get(@UuidParam() id: string): Promise<UserView> {
    return UserView.of(await this.users.get(id));
  }

  /** Change a user: role, committees, agency, locale, password, or `active: false` to deactivate (ADMIN). */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async update(
    @UuidParam() id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserView> {
    return UserView.of(await this.users.update(id, dto, actor.id));
  }
}
