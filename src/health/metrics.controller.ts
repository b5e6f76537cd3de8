import { Controller, Get, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth-decorators';

@ApiTags('operations')
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  /** Prometheus metrics of this process (text exposition format). */
  @Get()
  @ApiProduces('text/plain')
  index(@Res({ passthrough: true }) response: FastifyReply) {
    return super.index(response);
  }
}
