import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { StageTransition } from './stage-transition.entity';
import { StageTransitionsRepository } from './stage-transitions.repository';
import { TransitionsController } from './transitions.controller';
import { TransitionsService } from './transitions.service';
import { WorkflowFactsRepository } from './workflow-facts.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([StageTransition]),
    ReviewsModule,
    OutboxModule,
    IdempotencyModule,
  ],
  controllers: [TransitionsController],
  providers: [TransitionsService, StageTransitionsRepository, WorkflowFactsRepository],
  exports: [TransitionsService],
})
export class WorkflowModule {}
