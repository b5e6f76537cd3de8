import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { DomainMetrics } from './domain-metrics';

/** The domain's metrics on /metrics (HTTP metrics are counted at the edge: http-metrics.ts). */
@Module({
  imports: [QueuesModule, ReviewsModule],
  providers: [DomainMetrics],
})
export class MetricsModule {}
