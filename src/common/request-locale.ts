import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Locale, LOCALES } from '../court/roles';

/**
 * The language to answer in. An `Accept-Language` header that prefers lo or en wins: it is this
 * request's explicit choice (a screen switched language, a script asking for Lao). Otherwise the
 * caller's stored `locale`; otherwise Lao, the court's language.
 */
export function resolveLocale(
  acceptLanguage: string | undefined,
  userLocale?: Locale,
  fallback: Locale = 'lo',
): Locale {
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
    })
    .filter((p) => p.q > 0 && (LOCALES as string[]).includes(p.language))
    .sort((a, b) => b.q - a.q || a.index - b.index)[0];
  return (preferred?.language as Locale | undefined) ?? userLocale ?? fallback;
}

export const RequestLocale = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Locale => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    return resolveLocale(request.headers['accept-language'], request.user?.locale);
  },
);

/**
 * The language of an error answer: as above (the reader's stored locale is the signed-in caller's,
 * or, at sign-in, the account's), except that an anonymous request which names no language (a
 * script; every screen sends the language it shows) is answered in English.
 */
export function answerLocale(request: unknown, readerLocale?: Locale): Locale {
  const r = request as
    | { headers?: Record<string, string | string[] | undefined>; user?: { locale?: Locale } }
    | undefined;
  const header = r?.headers?.['accept-language'];
  const stored = r?.user?.locale ?? readerLocale;
  return resolveLocale(Array.isArray(header) ? header.join(',') : header, stored, 'en');
}
