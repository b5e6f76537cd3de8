import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { DraftingController } from './drafting.controller';
import { DraftingService } from './drafting.service';
import { DraftsRepository } from './drafts.repository';
import { RedlineController } from './redline/redline.controller';
import { RedlineService } from './redline/redline.service';
import { WordImportRunner } from './word-import/word-import-runner';

/**
 * The drafting loop: the working draft of each guideline's next version, Word import, suggested
 * wording written into the draft, and redlines between versions. Uses guidelines/, never the
 * other way round; comments/ calls it to apply an accepted suggestion.
 */
@Module({
  imports: [GuidelinesModule, ExportsModule],
  controllers: [DraftingController, RedlineController],
  providers: [DraftingService, DraftsRepository, WordImportRunner, RedlineService],
  exports: [DraftingService],
})
export class DraftingModule {}
