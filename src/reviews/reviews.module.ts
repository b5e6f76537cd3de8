import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RemindersModule } from '../reminders/reminders.module';
import { AgencyEmailDelivery } from './agency-email-delivery.service';
import { AnswerLinksRepository } from './answer-links.repository';
import { ReviewLinksController } from './review-links.controller';
import { ReviewLinksService } from './review-links.service';
import { ReviewNotices } from './review-notices.service';
import { ReviewRequestsService } from './review-requests.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [RemindersModule, NotificationsModule, OutboxModule, IdempotencyModule, DocumentsModule],
  controllers: [ReviewsController],
  providers: [
    ReviewRequestsService,
    ReviewsRepository,
    ReviewsService,
    ReviewNotices,
    AnswerLinksRepository,
    AgencyEmailDelivery,
    ReviewLinksService,
  ],
  exports: [
    ReviewRequestsService,
    ReviewNotices,
    ReviewsService,
    AgencyEmailDelivery,
    ReviewLinksService,
  ],
})
export class ReviewsModule {}

/** The answer-link routes, in the API only (they need the API's throttler). */
@Module({
  imports: [ReviewsModule],
  controllers: [ReviewLinksController],
})
export class ReviewLinksApiModule {}
