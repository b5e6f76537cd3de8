import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RemindersModule } from '../reminders/reminders.module';
import { ReviewNotices } from './review-notices.service';
import { ReviewRequestsService } from './review-requests.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [RemindersModule, NotificationsModule, OutboxModule, IdempotencyModule],
  controllers: [ReviewsController],
  providers: [ReviewRequestsService, ReviewsRepository, ReviewsService, ReviewNotices],
  exports: [ReviewRequestsService, ReviewNotices, ReviewsService],
})
export class ReviewsModule {}
