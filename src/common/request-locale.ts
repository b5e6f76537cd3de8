import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Locale, LOCALES } from '../court/roles';

/**
 * The language to answer in. An `Accept-Language` header that prefers lo or en wins: it is this
 * request's explicit choice (a screen switched language, a script asking for Lao). Otherwise the
 * caller's stored `locale`; otherwise Lao, the court's language.
 */
export function resolveLocale(acceptLanguage: string | undefined, userLocale?: Locale): Locale {
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
    })
    .filter((p) => p.q > 0 && (LOCALES as string[]).includes(p.language))
    .sort((a, b) => b.q - a.q || a.index - b.index)[0];
  return (preferred?.language as Locale | undefined) ?? userLocale ?? 'lo';
}

export const RequestLocale = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Locale => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    return resolveLocale(request.headers['accept-language'], request.user?.locale);
  },
);
