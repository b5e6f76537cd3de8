import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../common/auth-decorators';
import { RedisPing } from './redis-ping';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisPing,
  ) {}

  /** The process is up (no dependency checked). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to serve: PostgreSQL and Redis answer. 503 names the one that is down. Redis's entry
   * says since when it has held the queues' jobs (`dataSince`) and how many planned jobs were
   * published again then (`republished`): a recent `dataSince` means Redis lost its data and the
   * reminders were planned again from the database.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.ping();
            const epoch = await this.redis.epoch();
            return { dataSince: epoch?.since ?? null, republished: epoch?.republished ?? null };
          })
          .withTimeout(2000),
    ]);
  }
}
