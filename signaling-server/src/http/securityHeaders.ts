import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * helmet's security headers with a Content Security Policy for the web client: scripts only from this server,
 * inline styles (styled-components injects them), images from data:/blob:, media from blob: (camera streams),
 * and connections to this server over http(s) and ws(s) (Socket.io and PeerJS).
 */
export function securityHeaders(options: { https: boolean }): RequestHandler[] {
  const socketSources = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return HOST_PATTERN.test(host) ? `ws://${host} wss://${host}` : "'self'";
  };
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:', 'mediastream:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", socketSources],
          workerSrc: ["'self'", 'blob:'],
          manifestSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: options.https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
      crossOriginEmbedderPolicy: false,
    }),
    (_req, res, next) => {
      res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self), geolocation=()');
      next();
    },
  ];
}
