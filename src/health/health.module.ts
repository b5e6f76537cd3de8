import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { MetricsModule } from '../metrics/metrics.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { RedisPing } from './redis-ping';

@Module({
  imports: [
    TerminusModule.forRoot({ errorLogStyle: 'pretty', gracefulShutdownTimeoutMs: 0 }),
    PrometheusModule.register({
      path: '/metrics',
      controller: MetricsController,
      defaultMetrics: { enabled: true },
    }),
    MetricsModule,
  ],
  controllers: [HealthController],
  providers: [RedisPing],
})
export class HealthModule {}
