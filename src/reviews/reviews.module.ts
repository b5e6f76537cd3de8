import { Module } from '@nestjs/common';
import { ReviewRequestsService } from './review-requests.service';

@Module({
  providers: [ReviewRequestsService],
  exports: [ReviewRequestsService],
})
export class ReviewsModule {}
