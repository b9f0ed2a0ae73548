import type { Request } from 'express';
import { addressKey } from './addressKey.js';

/** The client's address as Express sees it (honouring WAVA_TRUST_PROXY), keyed for per-IP limits (IPv6 per /64). */
export function clientIp(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}
