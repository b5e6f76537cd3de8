import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Login attempts are counted per client address and e-mail, so one office's NAT does not lock out
 * everyone. Every sign-in route (/auth/login, /auth/session) draws on the same budget: the key
 * leaves the route out, or each route would add its own attempts to a guesser's allowance.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest<{ Body: { email?: unknown } | undefined }>;
    const email =
      typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    return `${request.ip}|${email}`;
  }

  protected generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return createHash('sha256').update(`sign-in-${throttlerName}-${tracker}`).digest('hex');
  }
}
