import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../urls/origins.js';
import { contentTypeFor, resolveAppFile } from './resolveAppFile.js';

/**
 * `app://wava` is a standard, secure scheme: the renderer gets a real origin (not file://, where every local file
 * shares one), a secure context for getUserMedia, and fetch. Must run before `app` is ready.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Serves the bundled renderer from `rootDir`, with the CSP on every response. Unknown paths without an extension get index.html (client routes). */
export function serveAppProtocol(session: Session, rootDir: string, contentSecurityPolicy: () => string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const candidates = extname(file) === '' ? [file, join(rootDir, 'index.html')] : [file];
    for (const candidate of candidates) {
      try {
        const body = await readFile(candidate);
        return new Response(body, {
          headers: {
            'content-type': contentTypeFor(candidate),
            'content-security-policy': contentSecurityPolicy(),
            'x-content-type-options': 'nosniff',
            'cross-origin-opener-policy': 'same-origin',
          },
        });
      } catch {
        // try the next candidate
      }
    }
    return new Response('Not found', { status: 404 });
  });
}
