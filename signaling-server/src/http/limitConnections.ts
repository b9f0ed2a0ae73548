import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open TCP connections of the whole process (HTTP, Socket.io and PeerJS together). */
  maxConnections: number;
  /** Open TCP connections from one peer address. */
  maxConnectionsPerIp: number;
  /** Time a connection has to send complete request headers (idle and half-open connections included). */
  headersTimeoutMs: number;
  /** Time a connection has to send one whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
}

/**
 * Bounds what connections can cost the process, so a few hundred idle or half-open connections from one address
 * cannot use up its file descriptors: a total cap, a cap per peer address (addresses of trusted reverse proxies are
 * exempt: every client arrives through them), and timeouts that close connections that never finish a request.
 * Node checks the header and request timeouts every `checkingIntervalMs(limits)`, given to `http.createServer`.
 */
export function limitConnections(
  server: HttpServer,
  limits: ConnectionLimits,
  isTrustedProxy: (address: string) => boolean,
): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return socket.destroy();
    if (isTrustedProxy(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= limits.maxConnectionsPerIp) return socket.destroy();
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** How often Node looks for connections past their header or request timeout: a tenth of the shorter one. */
export function checkingIntervalMs(limits: ConnectionLimits): number {
  return Math.max(100, Math.min(5_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10)));
}
