import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/auth.guard';
import { Env } from '../config/env';
import { MetricsErrorCode, MetricsException } from './metrics.exception';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `/metrics` with METRICS_TOKEN set: only a bearer token equal to it (compared in constant time,
 * as digests of equal length) is let in; without METRICS_TOKEN everyone is.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(env: Env) {
    this.expected = env.METRICS_TOKEN ? digest(env.METRICS_TOKEN) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const token = bearerToken(context.switchToHttp().getRequest<FastifyRequest>());
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    throw new MetricsException(MetricsErrorCode.METRICS_TOKEN_REQUIRED);
  }
}
