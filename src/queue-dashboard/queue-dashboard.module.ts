import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
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
        adapter: FastifyAdapter,
        middleware: QueueDashboardAuth,
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
    AuthModule,
  ],
  controllers: [QueueDashboardController],
})
export class QueueDashboardModule implements NestModule {
  /**
   * bull-board applies its middleware to the dashboard's own path only; on Fastify that is the
   * exact path, so the same check also guards everything under it (its API and its assets).
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(QueueDashboardAuth).forRoutes(`${DASHBOARD_PATH.slice(1)}/*splat`);
  }
}
