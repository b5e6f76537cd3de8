import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ReviewLinksService } from './review-links.service';

/**
 * The answer route of a link reads its body (a form with a letter of up to 10 MB) only for a token
 * that may still answer: guards run before the route's interceptors read the form.
 */
@Injectable()
export class AnswerLinkGuard implements CanActivate {
  constructor(private readonly links: ReviewLinksService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = (request.params as { token?: unknown } | undefined)?.token;
    await this.links.assertMayAnswer(typeof token === 'string' ? token : '');
    return true;
  }
}
