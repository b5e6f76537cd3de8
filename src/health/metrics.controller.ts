import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileAnswer, TEXT } from '../common/api-errors.decorator';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth-decorators';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('operations')
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  /**
   * Prometheus metrics (text exposition format): the service's domain counts and this process's.
   * With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` is answered (401 else).
   */
  @Get()
  @UseGuards(MetricsTokenGuard)
  @ApiFileAnswer('Prometheus text exposition format', { 'text/plain': TEXT }, { attachment: false })
  @ApiErrors(401)
  index(@Res({ passthrough: true }) response: FastifyReply) {
    return super.index(response);
  }
}
