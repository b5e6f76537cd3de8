import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/path-params';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AuthUser } from '../court/roles';
import { GUIDELINE_CREATORS } from '../court/access-rules';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CreateGuidelineDto,
  GuidelineListView,
  GuidelineQuery,
  GuidelineView,
} from './guideline.dto';
import { GuidelinesService } from './guidelines.service';

@ApiTags('guidelines')
@ApiBearerAuth()
@Controller('guidelines')
export class GuidelinesController {
  constructor(private readonly guidelines: GuidelinesService) {}

  /** Start a guideline (SECRETARIAT): it begins in DRAFTING with no version. */
  @Post()
  @Roles(...GUIDELINE_CREATORS)
  @ApiCreatedResponse({ type: GuidelineView })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() dto: CreateGuidelineDto, @CurrentUser() user: AuthUser): Promise<GuidelineView> {
    return this.guidelines.create(dto, user);
  }

  /** Every guideline, by code; `?stage=` filters. */
  @Get()
  @ApiOkResponse({ type: GuidelineListView })
  @ApiErrors(400, 401)
  list(@Query() query: GuidelineQuery, @CurrentUser() user: AuthUser): Promise<GuidelineListView> {
    return this.guidelines.list(query, user);
  }

  /** One guideline with its stage, current version, open counts and what you may do there. */
  @Get(':id')
  @ApiOkResponse({ type: GuidelineView })
  @ApiErrors(400, 401, 404)
  get(@UuidParam() id: string, @CurrentUser() user: AuthUser): Promise<GuidelineView> {
    return this.guidelines.get(id, user);
  }
}
