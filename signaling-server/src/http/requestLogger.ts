import { API_ROUTES } from '@wava/protocol';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const QUIET_PATHS = new Set<string>([API_ROUTES.health, API_ROUTES.metrics]);

/** One log line per request: method, path without the query string, status, duration. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      const entry = { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (QUIET_PATHS.has(path ?? '') || !path?.startsWith('/api')) logger.debug(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}
