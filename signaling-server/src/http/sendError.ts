import { apiError, ERROR_STATUS, type ErrorCode } from '@wava/protocol';
import type { Response } from 'express';

/**
 * Every HTTP error the server sends: `{ error: { code, message } }` with the status the protocol assigns. A waiting
 * time goes out twice: the `Retry-After` header, and `retryAfterSeconds` in the body (whose sentence says it).
 */
export function sendError(res: Response, code: ErrorCode, retryAfterMs: number | null = null): void {
  const retryAfterSeconds = retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (retryAfterSeconds !== null) res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(ERROR_STATUS[code]).json({ error: apiError(code, retryAfterSeconds) });
}
