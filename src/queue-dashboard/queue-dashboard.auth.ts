import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { Role } from '../court/roles';
import { readCookie } from '../auth/session-cookie';
import { AppError } from '../common/app-error';
import { Env } from '../config/env';

export const DASHBOARD_PATH = '/admin/queues';
/** The dashboard's own cookie: httpOnly, SameSite=Strict, sent only under /admin/queues. */
export const DASHBOARD_COOKIE = 'cg_queues';

function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ statusCode: status, error, message, details: [] });
}

/**
 * ADMIN only. A browser cannot add a bearer header to the dashboard's pages, so the web interface
 * calls `POST /api/queue-dashboard/session` first (bearer token or web session), which sets an
 * httpOnly cookie scoped to /admin/queues. A token in the address (`?token=`) is not accepted:
 * addresses end up in request logs, proxies and browser history. SameSite=Strict keeps other
 * sites from using the cookie for the dashboard's own actions (retry, clean).
 */
@Injectable()
export class QueueDashboardAuth implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const token = bearerToken(req) ?? readCookie(req, DASHBOARD_COOKIE);
    if (!token) return sendError(res, 401, 'Unauthorized', 'Sign in first: no token was sent');
    let role: Role;
    try {
      role = (await this.auth.authenticate(token)).role;
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Invalid token';
      return sendError(res, 401, 'Unauthorized', message);
    }
    if (role !== Role.ADMIN) {
      return sendError(
        res,
        403,
        'Forbidden',
        `The queue dashboard needs the role ADMIN; you are ${role}`,
      );
    }
    next();
  }
}

export function setDashboardCookie(req: Request, res: Response, token: string, env: Env): void {
  res.cookie(DASHBOARD_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure || env.PUBLIC_URL.startsWith('https://'),
    path: DASHBOARD_PATH,
    maxAge: env.JWT_TTL_SECONDS * 1000,
  });
}
