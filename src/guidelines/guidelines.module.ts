import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Guideline } from './guideline.entity';
import { GuidelineVersion, VersionSection } from './guideline-version.entity';
import { GuidelinesController } from './guidelines.controller';
import { GuidelinesRepository } from './guidelines.repository';
import { GuidelinesService } from './guidelines.service';
import { StageTransition } from './stage-transition.entity';
import { StageTransitionsRepository } from './stage-transitions.repository';
import { VersionsController } from './versions.controller';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Guideline, GuidelineVersion, VersionSection, StageTransition]),
    IdempotencyModule,
  ],
  controllers: [GuidelinesController, VersionsController],
  providers: [
    GuidelinesRepository,
    GuidelinesService,
    StageTransitionsRepository,
    VersionsRepository,
    VersionsService,
  ],
  exports: [GuidelinesRepository, StageTransitionsRepository, VersionsRepository, VersionsService],
})
export class GuidelinesModule {}
