import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '@wava/protocol';
import express, { Router } from 'express';
import { PEER_PATH } from '../peer/createPeerGateway.js';
import { SOCKET_IO_PATH } from '../socket/socketTypes.js';
import { sendError } from './sendError.js';

/** Paths that belong to the server itself and never fall back to the web client. */
const SERVER_PREFIXES = ['/api', PEER_PATH, SOCKET_IO_PATH, API_ROUTES.metrics, API_ROUTES.health];
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wava</title></head>
<body><p>The Wava web client has not been built yet. Run <code>npm run build</code> in the repository,
then reload this page.</p></body></html>`;

/**
 * The built renderer (WAVA_WEB_ROOT): hashed assets cached for a year, everything else revalidated; any other
 * GET that looks like a page (`/`, `/j/CODE`, ...) gets index.html so the client-side router takes over.
 * Without a build, pages answer a sentence saying how to build it.
 */
export function serveWebClient(webRoot: string): Router {
  const router = Router();
  const indexFile = join(webRoot, 'index.html');
  router.use(
    express.static(webRoot, {
      index: false,
      fallthrough: true,
      setHeaders(res, path) {
        res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
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
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
