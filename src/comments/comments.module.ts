import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportsModule } from '../exports/exports.module';
import { OutboxModule } from '../outbox/outbox.module';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { DraftingModule } from '../drafting/drafting.module';
import { Comment, CommentDisposition, CommentRevision } from './comment.entity';
import { CommentMatrixService } from './comment-matrix.service';
import {
  CommentsController,
  GuidelineCommentsController,
  VersionCommentsController,
} from './comments.controller';
import { CommentInsertBatch } from './comment-insert-batch';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { SearchService } from './search.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Comment, CommentRevision, CommentDisposition]),
    GuidelinesModule,
    DraftingModule,
    OutboxModule,
    ExportsModule,
    IdempotencyModule,
  ],
  controllers: [VersionCommentsController, CommentsController, GuidelineCommentsController],
  providers: [
    CommentsRepository,
    CommentInsertBatch,
    CommentsService,
    CommentMatrixService,
    SearchService,
  ],
  exports: [CommentsService],
})
export class CommentsModule {}
