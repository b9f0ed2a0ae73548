import type { RequestHandler } from 'express';

/**
 * CORS for /api: origins on the allowlist (WAVA_CORS_ORIGINS; `*` allows any) get the CORS headers and
 * preflight answers; requests without an Origin header (the desktop main process, curl) and same-origin
 * requests from the served web client need none. The API uses bearer tokens, never cookies.
 */
export function corsForApi(allowlist: readonly string[]): RequestHandler {
  const anyOrigin = allowlist.includes('*');
  const allowed = new Set(allowlist);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && (anyOrigin || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
      res.setHeader('Access-Control-Expose-Headers', 'retry-after');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
