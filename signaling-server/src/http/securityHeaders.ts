import type { IncomingMessage } from 'node:http';
import { rendererContentSecurityPolicy } from '@wava/protocol';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** `connect-src` of the web client: this server over http(s) (`'self'`) and ws(s) (Socket.io and PeerJS). */
function connectSources(req: IncomingMessage): string[] {
  const host = req.headers.host ?? '';
  return HOST_PATTERN.test(host) ? ["'self'", `ws://${host}`, `wss://${host}`] : ["'self'"];
}

/**
 * helmet's security headers, and the renderer's Content Security Policy (the one the desktop app sends too, from
 * protocol) with connections to this server.
 */
export function securityHeaders(options: { https: boolean; extraConnect?: readonly string[] }): RequestHandler[] {
  const extra = options.extraConnect ?? [];
  return [
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: options.https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
      crossOriginEmbedderPolicy: false,
    }),
    (req, res, next) => {
      res.setHeader(
        'Content-Security-Policy',
        rendererContentSecurityPolicy({ connect: [...connectSources(req), ...extra] }),
      );
      res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self), geolocation=()');
      next();
    },
  ];
}
