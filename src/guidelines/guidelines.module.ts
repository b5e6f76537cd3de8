import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Guideline } from './guideline.entity';
import { GuidelineVersion, VersionSection } from './guideline-version.entity';
import { GuidelinesController } from './guidelines.controller';
import { GuidelinesRepository } from './guidelines.repository';
import { GuidelinesService } from './guidelines.service';
import { VersionsController } from './versions.controller';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Guideline, GuidelineVersion, VersionSection]),
    IdempotencyModule,
  ],
  controllers: [GuidelinesController, VersionsController],
  providers: [GuidelinesRepository, GuidelinesService, VersionsRepository, VersionsService],
  exports: [GuidelinesRepository, VersionsRepository, VersionsService],
})
export class GuidelinesModule {}
