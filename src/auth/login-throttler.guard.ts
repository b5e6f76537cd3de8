import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/** Login attempts are counted per client address and e-mail, so one office's NAT does not lock out everyone. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    const email = typeof request.body?.email === 'string' ? request.body.email.toLowerCase() : '';
    return `${request.ip}|${email}`;
  }
}
