import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [GuidelinesModule, ExportsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
