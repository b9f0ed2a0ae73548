import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';
import { answerPingsWithinLimits } from './answerPingsWithinLimits.js';
import { createTokenBucket, type TokenBucket } from '../socket/createTokenBucket.js';

/** Pings a Socket.io websocket may send: none are needed (engine.io pings from the server side). */
const PING_BURST = 10;
const PINGS_PER_SECOND = 1;

/**
 * The websocket server class engine.io builds for Socket.io (`wsEngine`): `ws`'s own, without its unlimited
 * automatic pongs (see answerPingsWithinLimits), a few pings a second per connection at most, and no more than
 * `maxBufferedBytes` waiting for a connection that does not read.
 */
export function createGuardedWsEngine(
  maxBufferedBytes: number,
  now: () => number,
): new (options?: ServerOptions, callback?: () => void) => WebSocketServer {
  return class GuardedWebSocketServer extends WebSocketServer {
    constructor(options?: ServerOptions, callback?: () => void) {
      super({ ...options, autoPong: false }, callback);
    }

    override handleUpgrade(
      request: IncomingMessage,
      socket: Duplex,
      upgradeHead: Buffer,
      callback: (client: WebSocket, request: IncomingMessage) => void,
    ): void {
      super.handleUpgrade(request, socket, upgradeHead, (client, req) => {
        guardPings(client, maxBufferedBytes, now);
        callback(client, req);
      });
    }
  };
}

/**
 * Pings within limits for one connection. Its own function, so that what it keeps (for the connection's
 * lifetime) is its bucket, made at the first ping (none come from real clients), and not the upgrade's request,
 * head and callback.
 */
function guardPings(client: WebSocket, maxBufferedBytes: number, now: () => number): void {
  let pings: TokenBucket | undefined;
  const allowed = () => (pings ??= createTokenBucket(PING_BURST, PINGS_PER_SECOND, now)).take();
  answerPingsWithinLimits(client, allowed, maxBufferedBytes);
}
