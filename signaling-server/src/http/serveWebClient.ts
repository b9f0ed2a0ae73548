import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { API_ROUTES, PEER_PATH, SOCKET_IO_PATH } from '@wava/protocol';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { sendError } from './sendError.js';

/** Paths that belong to the server itself and never fall back to the web client. */
const SERVER_PREFIXES = ['/api', PEER_PATH, SOCKET_IO_PATH, API_ROUTES.metrics, API_ROUTES.health];
/** Vite names every file under /assets/ after its content hash: a new build means new names. */
const IMMUTABLE_ASSET = /^\/assets\/[^/]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The build writes these next to each text asset (desktop/vite/precompressAssets.ts); best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wava</title></head>
<body><p>The Wava web client has not been built yet. Run <code>npm run build</code> in the repository,
then reload this page.</p></body></html>`;

export interface WebClientOptions {
  /** Serve the build's `.map` files (WAVA_SERVE_SOURCE_MAPS); otherwise they answer 404. */
  serveSourceMaps: boolean;
}

/**
 * The built renderer (WAVA_WEB_ROOT): files under /assets/ cached for a year as immutable, everything else
 * revalidated; the build's brotli or gzip copy when the browser accepts one (`Vary: Accept-Encoding`); any
 * other GET that looks like a page (`/`, `/j/CODE`, ...) gets index.html so the client-side router takes over.
 * Without a build, pages answer a sentence saying how to build it.
 */
export function serveWebClient(webRoot: string, options: WebClientOptions): Router {
  const router = Router();
  const indexFile = join(webRoot, 'index.html');
  const cacheControl = (res: Response, path: string) =>
    res.setHeader('Cache-Control', IMMUTABLE_ASSET.test(path) ? IMMUTABLE : 'no-cache');
  if (!options.serveSourceMaps) {
    router.use((req, res, next) => (req.path.endsWith('.map') ? sendError(res, 'NOT_FOUND') : next()));
  }
  router.use(precompressed(webRoot, cacheControl));
  router.use(
    express.static(webRoot, {
      index: false,
      fallthrough: true,
      setHeaders(res) {
        cacheControl(res, res.req.path);
        res.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  router.use((req, res) => {
    const isServerPath = SERVER_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    const looksLikeFile = /\.[A-Za-z0-9]+$/.test(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath || looksLikeFile) {
      return sendError(res, 'NOT_FOUND');
    }
    if (!existsSync(indexFile)) {
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT_PAGE);
      return;
    }
    // The page itself is compressed too: it carries the prerendered sign-in screen.
    sendPrecompressed(req, res, '/index.html', webRoot, cacheControl, () => {
      res.setHeader('Cache-Control', 'no-cache');
      // Negotiated like its compressed copies: a shared cache keys this identity copy by Accept-Encoding too.
      res.setHeader('Vary', 'Accept-Encoding');
      res.sendFile(indexFile);
    });
  });
  return router;
}

/**
 * Answers with `FILE.br` or `FILE.gz` when it exists and the request accepts that encoding, typed as FILE.
 * A missing variant falls through to the plain file. `send` (under sendFile) rejects `..` and dotfiles.
 */
function precompressed(webRoot: string, cacheControl: (res: Response, path: string) => void): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !extname(req.path)) return next();
    sendPrecompressed(req, res, req.path, webRoot, cacheControl, next);
  };
}

/** Sends the best accepted compressed copy of `path` (under webRoot), or calls `missing` when there is none. */
function sendPrecompressed(
  req: Request,
  res: Response,
  path: string,
  webRoot: string,
  cacheControl: (res: Response, path: string) => void,
  missing: () => void,
): void {
  const accepted = ENCODINGS.filter(({ name }) => req.acceptsEncodings(name) === name);
  const tryVariant = (index: number): void => {
    const variant = accepted[index];
    if (!variant) return missing();
    res.type(extname(path));
    cacheControl(res, path);
    res.sendFile(
      `.${path}${variant.suffix}`,
      {
        root: webRoot,
        dotfiles: 'deny',
        headers: { 'Content-Encoding': variant.name, Vary: 'Accept-Encoding' },
      },
      (error?: Error) => {
        if (!error || res.headersSent) return;
        res.removeHeader('Content-Type');
        res.removeHeader('Cache-Control');
        tryVariant(index + 1);
      },
    );
  };
  tryVariant(0);
}
