import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { TransitionsController } from './transitions.controller';
import { TransitionsService } from './transitions.service';
import { WorkflowFactsRepository } from './workflow-facts.repository';

@Module({
  imports: [GuidelinesModule, ReviewsModule, OutboxModule, IdempotencyModule],
  controllers: [TransitionsController],
  providers: [TransitionsService, WorkflowFactsRepository],
  exports: [TransitionsService],
})
export class WorkflowModule {}
