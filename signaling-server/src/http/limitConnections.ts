import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from './addressKey.js';

export interface ConnectionLimits {
  /** Open TCP connections of the whole process (HTTP, Socket.io and PeerJS together). */
  maxConnections: number;
  /** Open TCP connections from one peer address (IPv6: one /64). */
  maxConnectionsPerIp: number;
  /** Of those, connections not (yet) upgraded to a websocket: plain HTTP, keep-alive ones included. */
  maxHttpConnectionsPerIp: number;
  /** Time a connection has to send complete request headers (idle and half-open connections included). */
  headersTimeoutMs: number;
  /** Time a connection has to send one whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
}

/** From this share of `maxConnections` on, keep-alive connections waiting for their next request are closed. */
const NEAR_FULL = 0.9;

/**
 * Bounds what connections can cost the process, so a few hundred idle or half-open connections from one address
 * cannot use up its file descriptors: a total cap, a cap per peer address and a tighter one for connections that
 * are not websockets (addresses of trusted reverse proxies are exempt: every client arrives through them), timeouts
 * that close connections that never finish a request, and, near the total cap, idle keep-alive connections are
 * closed to make room. Node checks the header and request timeouts every `checkingIntervalMs(limits)`, given to
 * `http.createServer`.
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
  const open = new Map<string, { all: number; http: number }>();
  /** Connections upgraded to a websocket are told here, so they stop counting as plain HTTP. */
  const upgraded = new WeakMap<Socket, () => void>();
  /** Keep-alive connections between requests: what can go when the server is near full. */
  const idle = new Set<Socket>();
  let total = 0;

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return socket.destroy();
    total += 1;
    if (total >= limits.maxConnections * NEAR_FULL) closeIdle();
    if (isTrustedProxy(address)) {
      socket.on('close', () => {
        total -= 1;
        idle.delete(socket);
      });
      return;
    }
    const key = addressKey(address);
    const counts = open.get(key) ?? { all: 0, http: 0 };
    if (counts.all >= limits.maxConnectionsPerIp || counts.http >= limits.maxHttpConnectionsPerIp) {
      total -= 1;
      return socket.destroy();
    }
    counts.all += 1;
    counts.http += 1;
    open.set(key, counts);
    let isHttp = true;
    upgraded.set(socket, () => {
      if (isHttp) counts.http -= 1;
      isHttp = false;
    });
    // One listener (not `once`, whose wrapper is kept per connection too): 'close' comes once.
    socket.on('close', () => {
      total -= 1;
      idle.delete(socket);
      counts.all -= 1;
      if (isHttp) counts.http -= 1;
      if (counts.all <= 0) open.delete(key);
    });
  });
  server.on('upgrade', (_req, socket: Socket) => {
    idle.delete(socket);
    upgraded.get(socket)?.();
    upgraded.delete(socket);
  });
  server.on('request', (req, res) => {
    idle.delete(req.socket);
    res.once('finish', () => {
      if (!req.socket.destroyed) idle.add(req.socket);
    });
  });

  function closeIdle(): void {
    for (const socket of idle) socket.destroy();
    idle.clear();
  }
}

/** How often Node looks for connections past their header or request timeout: a tenth of the shorter one. */
export function checkingIntervalMs(limits: ConnectionLimits): number {
  return Math.max(100, Math.min(5_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10)));
}
