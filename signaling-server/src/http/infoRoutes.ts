import { timingSafeEqual } from 'node:crypto';
import { API_ROUTES, type Health, type ServerConfig } from '@wava/protocol';
import { Router } from 'express';
import type { AuthService } from '../auth/createAuthService.js';
import type { IceConfigProvider } from '../ice/createIceConfigProvider.js';
import type { Metrics } from '../observability/createMetrics.js';
import { bearerToken } from './bearerToken.js';
import { isLocalRequest } from './isLocalRequest.js';
import { currentUser, requireUser } from './requireUser.js';
import { sendError } from './sendError.js';

export interface InfoRoutesDeps {
  auth: AuthService;
  iceConfig: IceConfigProvider;
  metrics: Metrics;
  metricsToken: string | null;
  serverConfig: ServerConfig;
  version: string;
  startedAt: number;
  now: () => number;
  isStopping: () => boolean;
  /** Whether a load balancer should send new connections here (/readyz). */
  isReady: () => boolean;
}

/** Readiness for load balancers: 503 while draining (SIGTERM) or while Redis is unreachable. */
export const READINESS_PATH = '/readyz';

/** /healthz (liveness), /readyz (readiness), /api/config (public), /api/ice (signed in) and /metrics (Prometheus: loopback or token only). */
export function infoRoutes(deps: InfoRoutesDeps): Router {
  const router = Router();
  router.get(API_ROUTES.health, (_req, res) => {
    if (deps.isStopping()) return sendError(res, 'SERVER_SHUTTING_DOWN');
    const health: Health = {
      status: 'ok',
      version: deps.version,
      uptimeSeconds: Math.floor((deps.now() - deps.startedAt) / 1000),
    };
    res.setHeader('Cache-Control', 'no-store').json(health);
  });
  router.get(READINESS_PATH, (_req, res) => {
    if (!deps.isReady()) return sendError(res, deps.isStopping() ? 'SERVER_SHUTTING_DOWN' : 'INTERNAL');
    res.setHeader('Cache-Control', 'no-store').json({ status: 'ready' });
  });
  router.get(API_ROUTES.config, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store').json(deps.serverConfig);
  });
  router.get(API_ROUTES.ice, requireUser(deps.auth), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store').json(deps.iceConfig(currentUser(res).id));
  });
  // With a token, scrapers anywhere present it; without one, only this machine may read the metrics.
  router.get(API_ROUTES.metrics, async (req, res) => {
    if (deps.metricsToken !== null) {
      if (!bearerMatches(req.headers.authorization, deps.metricsToken)) return sendError(res, 'UNAUTHENTICATED');
    } else if (!isLocalRequest(req)) {
      return sendError(res, 'NOT_FOUND');
    }
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}

function bearerMatches(header: string | undefined, expected: string): boolean {
  const given = Buffer.from(bearerToken(header) ?? '', 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
