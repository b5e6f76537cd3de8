import { IdempotencyKey, IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PUBLISHING_ROLES } from '../court/publish-rules';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { readerScope } from '../court/reader-scope';
import { AuthUser } from '../court/roles';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  DiffQuery,
  PublishVersionDto,
  VersionDiffView,
  VersionListQuery,
  VersionListView,
  VersionReadView,
  VersionView,
} from './version.dto';
import { VersionNumberParam } from './version-number.pipe';
import { VersionsService } from './versions.service';

@ApiTags('versions')
@ApiBearerAuth()
@Controller('guidelines/:id/versions')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  /**
   * Publish the next draft version (SECRETARIAT), in DRAFTING or TECHNICAL_WORKING_GROUP only.
   * A published version never changes.
   */
  @Post()
  @Roles(...PUBLISHING_ROLES)
  @ApiCreatedResponse({ type: VersionView })
  @ApiErrors(400, 401, 403, 404, 413, 422)
  publish(
    @UuidParam() id: string,
    @Body() dto: PublishVersionDto,
    @CurrentUser() user: AuthUser,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
  ): Promise<VersionView> {
    return this.versions.publish(id, dto, user, idempotent);
  }

  /** The versions of a guideline, newest first, without their sections. */
  @Get()
  @ApiOkResponse({ type: VersionListView })
  @ApiErrors(400, 401, 404)
  list(
    @UuidParam() id: string,
    @Query() query: VersionListQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<VersionListView> {
    return this.versions.list(id, readerScope(user), query.limit, query.cursor);
  }

  /**
   * One version with its sections and, per section, its comment counts,
   * and what you may do on it (`yourActions`).
   */
  @Get(':number')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: VersionReadView })
  @ApiErrors(400, 401, 404)
  get(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @CurrentUser() user: AuthUser,
  ): Promise<Buffer> {
    return this.versions.getJson(id, number, user);
  }

  /** What changed from `against` (default: the previous version) to this version, section by section and word by word. */
  @Get(':number/diff')
  @ApiOkResponse({ type: VersionDiffView })
  @ApiErrors(400, 401, 404)
  diff(
    @UuidParam() id: string,
    @VersionNumberParam() number: number,
    @Query() query: DiffQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<VersionDiffView> {
    return this.versions.diff(id, number, readerScope(user), query.against);
  }
}
