import { Injectable, NestMiddleware } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { Role } from '../court/roles';
import { crossSite, readCookie } from '../auth/session-cookie';
import { AppError, detail } from '../common/app-error';
import { QueueDashboardErrorCode, QueueDashboardException } from './queue-dashboard.exception';
import { Env } from '../config/env';

export const DASHBOARD_PATH = '/admin/queues';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The dashboard's own cookie: httpOnly, SameSite=Strict, sent only under /admin/queues. */
export const DASHBOARD_COOKIE = 'cg_queues';

/**
 * ADMIN only. A browser cannot add a bearer header to the dashboard's pages, so the web interface
 * calls `POST /api/queue-dashboard/session` first (bearer token or web session), which sets an
 * httpOnly cookie scoped to /admin/queues. A token in the address (`?token=`) is not accepted:
 * addresses end up in request logs, proxies and browser history. SameSite=Strict keeps other
 * sites from using the cookie for the dashboard's own actions (retry, clean).
 */
@Injectable()
export class QueueDashboardAuth implements NestMiddleware {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Env,
  ) {}

  /** Nest middleware on Fastify gets the raw Node request; a refusal is thrown to the one error filter. */
  async use(req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void) {
    const token = bearerToken(req) ?? readCookie(req, DASHBOARD_COOKIE);
    if (!token) throw new QueueDashboardException(QueueDashboardErrorCode.NO_DASHBOARD_TOKEN);
    let role: Role;
    try {
      role = (await this.auth.authenticate(token)).user.role;
    } catch (error) {
      const expired = error instanceof AppError && error.code === 'TOKEN_EXPIRED';
      throw new QueueDashboardException(
        expired ? QueueDashboardErrorCode.TOKEN_EXPIRED : QueueDashboardErrorCode.TOKEN_INVALID,
      );
    }
    if (role !== Role.ADMIN) {
      throw new QueueDashboardException(QueueDashboardErrorCode.DASHBOARD_ADMIN_ONLY, { role });
    }
    // Its actions (add, retry, promote, clean, pause...) only from its own pages: the cookie is
    // SameSite=Strict, and a request a browser marks as coming from another site is refused too.
    if (
      !SAFE_METHODS.has((req.method ?? '').toUpperCase()) &&
      crossSite(req, this.env.PUBLIC_URL)
    ) {
      throw new QueueDashboardException(QueueDashboardErrorCode.CROSS_SITE_DASHBOARD, {}, [
        detail('CROSS_SITE_DASHBOARD', {}, { code: 'CROSS_SITE_REQUEST' }),
      ]);
    }
    next();
  }
}

export function setDashboardCookie(
  req: FastifyRequest,
  res: FastifyReply,
  token: string,
  env: Env,
): void {
  res.setCookie(DASHBOARD_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https' || env.PUBLIC_URL.startsWith('https://'),
    path: DASHBOARD_PATH,
    // Seconds, as the token's own lifetime.
    maxAge: env.JWT_TTL_SECONDS,
  });
}
