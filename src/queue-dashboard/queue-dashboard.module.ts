import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueDashboardAuth, DASHBOARD_PATH } from './queue-dashboard.auth';
import { QueueDashboardController } from './queue-dashboard.controller';
import { ALL_QUEUES } from '../queues/queues';
import { QueuesModule } from '../queues/queues.module';

/** bull-board at /admin/queues (outside the /api prefix), ADMIN only. API process only. */
@Module({
  imports: [
    QueuesModule,
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      useFactory: () => ({
        route: DASHBOARD_PATH,
        adapter: ExpressAdapter,
        middleware: QueueDashboardAuth,
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
  controllers: [QueueDashboardController],
})
export class QueueDashboardModule {}
