import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors/AppError.js';
import { sendError } from './sendError.js';

/** Turns anything thrown by a route into the protocol's error body. Never a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (error instanceof AppError) return sendError(res, error.code, error.retryAfterMs);
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') return sendError(res, 'PAYLOAD_TOO_LARGE');
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, 'BAD_REQUEST');
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendError(res, 'INTERNAL');
  };
}
