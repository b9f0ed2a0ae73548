import type { Request } from 'express';

/** The client's address as Express sees it (honouring WAVA_TRUST_PROXY), for per-IP limits. */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
