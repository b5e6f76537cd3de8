import { Module } from '@nestjs/common';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [GuidelinesModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
