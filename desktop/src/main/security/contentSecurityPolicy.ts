import { rendererContentSecurityPolicy } from '@wava/protocol';
import { originOf } from '../urls/origins.js';

export interface CspOptions {
  /** The Wava server the renderer talks to (HTTP API, Socket.io and PeerJS websockets). */
  serverUrl: string;
  /** Vite's dev server origin during `electron-vite dev`; null in a built app. */
  devServerOrigin: string | null;
  /** The SFU public addresses (ws/wss origins) that server announced (sfuOrigins.ts); none by default. */
  sfuOrigins?: readonly string[];
}

/**
 * The Content-Security-Policy of every page Wava shows: the renderer's policy from protocol (the server sends the
 * same one with the web client), with network only to the chosen server (https + wss, or http + ws for a
 * plain-http server), and to the Janus public addresses that server announced when it has them (direct SFU mode).
 */
export function buildContentSecurityPolicy(options: CspOptions): string {
  const server = originOf(options.serverUrl);
  const connect = ["'self'"];
  if (server) connect.push(server, server.replace(/^http/, 'ws'));
  connect.push(...(options.sfuOrigins ?? []).filter((origin) => !connect.includes(origin)));
  const script = ["'self'"];
  if (options.devServerOrigin) {
    // Vite's dev client: the React refresh preamble is an inline script, and hot reload uses a websocket.
    script.push("'unsafe-inline'");
    connect.push(options.devServerOrigin, options.devServerOrigin.replace(/^http/, 'ws'));
  }
  return rendererContentSecurityPolicy({ connect, script });
}
