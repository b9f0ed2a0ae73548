import { apiError, ERROR_STATUS, type ErrorCode } from '@wava/protocol';
import type { Response } from 'express';

/** Every HTTP error the server sends: `{ error: { code, message } }` with the status the protocol assigns. */
export function sendError(res: Response, code: ErrorCode, retryAfterMs: number | null = null): void {
  if (retryAfterMs !== null) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  res.status(ERROR_STATUS[code]).json({ error: apiError(code) });
}
