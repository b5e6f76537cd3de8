import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Answer links are counted per client address, every link and route together: guessing tokens
 * from one address is slowed down whatever token it tries.
 */
@Injectable()
export class ReviewLinkThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    return `review-link|${(req as unknown as FastifyRequest).ip}`;
  }

  protected generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}-${tracker}`).digest('hex');
  }
}
