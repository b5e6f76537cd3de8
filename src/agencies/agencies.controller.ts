import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { ADMINISTRATORS } from '../court/access-rules';
import { readerScope } from '../court/reader-scope';
import { AuthUser } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import { AgenciesService } from './agencies.service';
import { AgencyListView, AgencyView, CreateAgencyDto, UpdateAgencyDto } from './agency.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  /**
   * Every agency (any signed-in user: screens show agency names); an agency reviewer reads its
   * own agency only.
   */
  @Get()
  @ApiErrors(401)
  async list(@CurrentUser() user: AuthUser): Promise<AgencyListView> {
    const items = await this.agencies.list(readerScope(user));
    return { items: items.map(AgencyView.of), next: null };
  }

  /** Add an agency (ADMIN). */
  @Post()
  @Roles(...ADMINISTRATORS)
  @ApiErrors(400, 401, 403, 409)
  async create(@Body() dto: CreateAgencyDto): Promise<AgencyView> {
    return AgencyView.of(await this.agencies.create(dto));
  }

  /** Correct an agency's names or contact address (ADMIN). */
  @Patch(':id')
  @Roles(...ADMINISTRATORS)
  @ApiErrors(400, 401, 403, 404)
  async update(@UuidParam() id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyView> {
    return AgencyView.of(await this.agencies.update(id, dto));
  }
}
