import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
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
];

export function pageForLink(path: string): string | null {
  for (const [pattern, target] of LINK_PATHS) {
    const match = path.match(pattern);
    if (match) return target(match);
  }
  return null;
}

/**
 * Serves the web interface at `/`. Registered from onModuleInit, which Nest runs after the API
 * routes and before its not-found handler, so /api/* always wins and unknown paths still get the
 * JSON 404. Pages route with the URL hash, so no HTML fallback is needed.
 */
@Injectable()
export class StaticAssets implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (!adapter || adapter.getType() !== 'express') return;
    adapter.use((req: Request, res: Response, next: NextFunction) => {
      const page = req.method === 'GET' ? pageForLink(req.path) : null;
      if (page) res.redirect(302, page);
      else next();
    });
    adapter.useStaticAssets(publicDirectory(), {
      index: 'index.html',
      dotfiles: 'ignore',
      // No build step fingerprints file names: revalidate with ETags instead of caching blindly.
      maxAge: 0,
      setHeaders: (res, path) => {
        if (path.endsWith('.woff2')) res.setHeader('Cache-Control', 'public, max-age=604800');
      },
    });
  }
}
