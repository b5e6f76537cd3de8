import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiFileAnswer, TEXT } from '../common/api-errors.decorator';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth-decorators';

@ApiTags('operations')
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  /** Prometheus metrics (text exposition format): the service's domain counts and this process's. */
  @Get()
  @ApiFileAnswer('Prometheus text exposition format', { 'text/plain': TEXT }, { attachment: false })
  index(@Res({ passthrough: true }) response: FastifyReply) {
    return super.index(response);
  }
}
