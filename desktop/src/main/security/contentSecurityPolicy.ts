import { originOf } from '../urls/origins.js';

export interface CspOptions {
  /** The Wava server the renderer talks to (HTTP API, Socket.io and PeerJS websockets). */
  serverUrl: string;
  /** Vite's dev server origin during `electron-vite dev`; null in a built app. */
  devServerOrigin: string | null;
}

/**
 * The Content-Security-Policy of every page Wava shows. Scripts only from the app itself; network only to the
 * chosen server (https + wss, or http + ws for a plain-http server); media from blobs and live streams.
 * `style-src 'unsafe-inline'` is needed because styled-components injects <style> elements at run time;
 * it does not allow inline scripts.
 */
export function buildContentSecurityPolicy(options: CspOptions): string {
  const server = originOf(options.serverUrl);
  const connect = ["'self'"];
  if (server) connect.push(server, server.replace(/^http/, 'ws'));
  const scripts = ["'self'"];
  if (options.devServerOrigin) {
    // Vite's dev client: the React refresh preamble is an inline script, and hot reload uses a websocket.
    scripts.push("'unsafe-inline'");
    connect.push(options.devServerOrigin, options.devServerOrigin.replace(/^http/, 'ws'));
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', scripts],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
