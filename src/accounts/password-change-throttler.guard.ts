import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../court/roles';

/**
 * Checking one's current password is a guess like a sign-in: counted per signed-in user (the
 * global auth guard has already found them), on the sign-in budget's throttler.
 */
@Injectable()
export class PasswordChangeThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest & { user?: AuthUser };
    return `password-change|${request.user?.id ?? request.ip}`;
  }

  protected generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}-${tracker}`).digest('hex');
  }
}
