import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * public/ from this file: src/web -> <repo>/public when run from the sources (jest, start:dev),
 * dist/src/web -> <repo>/dist/public after `nest build` copied the assets (npm start).
 */
export function publicDirectory(): string {
  const beside = join(__dirname, '..', '..', 'public');
  if (existsSync(join(beside, 'index.html'))) return beside;
  return join(__dirname, '..', '..', '..', 'public');
}

/**
 * Links in notifications and e-mails name pages by path (PUBLIC_URL + /guidelines/:id, …); the
 * interface routes by hash, so those paths answer with a redirect to the matching page.
 */
const LINK_PATHS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^\/guidelines\/([0-9a-f-]{36})\/comments\/([0-9a-f-]{36})\/?$/i, (m) => `/#/c/${m[2]}`],
  [/^\/guidelines\/([0-9a-f-]{36})\/?$/i, (m) => `/#/g/${m[1]}`],
  [/^\/reviews\/([0-9a-f-]{36})\/?$/i, (m) => `/#/reviews/${m[1]}`],
  // The e-mail preferences (a digest's List-Unsubscribe).
  [/^\/account\/notifications\/?$/, () => '/#/account/notifications'],
  // An agency's answer link (e-mailed to its contact address): the page needs no sign-in.
  [/^\/answer\/([A-Za-z0-9_-]{16,128})\/?$/, (m) => `/#/answer/${m[1]}`],
];

export function pageForLink(path: string): string | null {
  for (const [pattern, target] of LINK_PATHS) {
    const match = path.match(pattern);
    if (match) return target(match);
  }
  return null;
}

/**
 * Serves the web interface at `/` with @fastify/static. The API routes are Fastify routes of their
 * own, so /api/* always wins; a path that is neither a route nor a file falls through to Nest's
 * not-found handler (the JSON 404). Pages route with the URL hash, so no HTML fallback is needed.
 */
@Injectable()
export class StaticAssets implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as FastifyAdapter | undefined;
    if (!adapter || adapter.getType() !== 'fastify') return;
    adapter.getInstance().addHook('onRequest', (request, reply, done) => {
      const page = request.method === 'GET' ? pageForLink(request.url.split('?')[0]) : null;
      if (page) return reply.redirect(page, 302);
      done();
    });
    adapter.useStaticAssets({
      root: publicDirectory(),
      prefix: '/',
      index: 'index.html',
      dotfiles: 'ignore',
      // No build step fingerprints file names: revalidate with ETags instead of caching blindly.
      maxAge: 0,
      // @fastify/static 10 passes the reply itself (Nest's option type still names its older shape).
      setHeaders: (reply, path) => {
        if (path.endsWith('.woff2')) {
          (reply as unknown as FastifyReply).header('Cache-Control', 'public, max-age=604800');
        }
      },
    });
  }
}
