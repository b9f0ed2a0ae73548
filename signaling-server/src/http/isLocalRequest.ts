import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * True when the request comes straight from this machine: a loopback peer address and no forwarding header.
 * A reverse proxy on the same host connects from loopback too, so anything it forwarded does not count as local.
 * Reads the socket, never `req.ip`, which `trust proxy` lets headers decide.
 */
export function isLocalRequest(req: Request): boolean {
  const { headers } = req;
  if (
    headers['x-forwarded-for'] !== undefined ||
    headers.forwarded !== undefined ||
    headers['x-real-ip'] !== undefined
  ) {
    return false;
  }
  return isLoopbackAddress(req.socket.remoteAddress);
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
