import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { JANUS_WS_PROTOCOL, SFU_PATH, type ErrorCode } from '@wava/protocol';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { rejectUpgrade } from '../peer/rejectUpgrade.js';
import { createTokenBucket } from '../socket/createTokenBucket.js';
import { rewriteClientRequest } from './rewriteClientMessage.js';

/** What a token admits to, when it admits to anything. */
export type SfuAdmission =
  | { ok: true; upstreamUrl: string; publisherId: string; room: string }
  | { ok: false; code: Extract<ErrorCode, 'SFU_TOKEN_INVALID' | 'SFU_UNAVAILABLE'> };

/** The `/sfu` websocket: Janus's API on the Wava server's own port, for holders of a live SFU token only. */
export interface SfuProxy {
  /** Takes `/sfu` upgrades (true), leaves every other path alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every proxied websocket of this token (revoked), telling the client why in the close reason. */
  closeToken(token: string, code: ErrorCode): void;
  connections(): number;
  close(): void;
}

/** Janus's messages are JSON of a few KiB (an SDP with simulcast is the largest). */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** What may wait for a slow reader on either side before the pair is closed. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Messages a client may send before Janus's side is open. */
const MAX_EARLY_MESSAGES = 32;
/** `/sfu` websockets one token may hold at once (a client needs one; a reconnect may overlap the old one). */
export const MAX_SOCKETS_PER_TOKEN = 3;
/**
 * Per websocket: Janus sessions (`create`) and handles (`attach`) a client may make in its life (the client makes
 * one session with a publisher and a subscriber handle; a new mode is a new websocket), and its message rate
 * (trickled candidates come in bursts). Beyond them the connection is closed (RATE_LIMITED): each session and
 * handle is memory in Janus until its session times out.
 */
export const SFU_CLIENT_LIMITS = Object.freeze({ sessions: 4, handles: 16, messageBurst: 100, messagesPerSecond: 25 });
const CLOSE_REVOKED = 4403;
const CLOSE_UNAVAILABLE = 4503;

/**
 * Pipes each admitted client websocket to its own websocket to the meeting's Janus instance. The token is
 * checked at the upgrade (`admit`); every client message is rewritten (`rewriteClientMessage`: the seat's token
 * on every request, its own publisher id on a publisher join, no secrets); Janus's messages pass unchanged.
 */
export function createSfuProxy(deps: {
  admit(token: string): Promise<SfuAdmission>;
  logger: Logger;
  now?: () => number;
}): SfuProxy {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(JANUS_WS_PROTOCOL) ? JANUS_WS_PROTOCOL : false),
  });
  const byToken = new Map<string, Set<WebSocket>>();
  /**
   * Upgrades waiting for their token's admission, by token. closeToken meanwhile has no websocket to close yet: it
   * marks them instead, and they are refused (their admission was read before the token was revoked or dropped).
   */
  const admitting = new Map<string, Set<{ closed: ErrorCode | null }>>();
  let closing = false;

  function pipe(client: WebSocket, token: string, admission: Extract<SfuAdmission, { ok: true }>): void {
    let set = byToken.get(token);
    if (!set) byToken.set(token, (set = new Set()));
    set.add(client);
    const upstream = new WebSocket(admission.upstreamUrl, JANUS_WS_PROTOCOL, { maxPayload: 4 * MAX_MESSAGE_BYTES });
    const early: string[] = [];
    const messages = createTokenBucket(SFU_CLIENT_LIMITS.messageBurst, SFU_CLIENT_LIMITS.messagesPerSecond, now);
    const made = { create: 0, attach: 0 };
    const end = (code: number, reason: string) => {
      if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING)
        client.close(code, reason);
      if (upstream.readyState === WebSocket.OPEN) upstream.close();
      else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
    };
    client.on('message', (raw: RawData, isBinary) => {
      if (isBinary) return end(1003, 'BAD_REQUEST');
      if (!messages.take()) return end(1008, 'RATE_LIMITED');
      const request = rewriteClientRequest(String(raw), {
        token,
        publisherId: admission.publisherId,
        room: admission.room,
      });
      if (request === null) return end(1008, 'BAD_REQUEST');
      if (request.janus === 'create' && ++made.create > SFU_CLIENT_LIMITS.sessions) return end(1008, 'RATE_LIMITED');
      if (request.janus === 'attach' && ++made.attach > SFU_CLIENT_LIMITS.handles) return end(1008, 'RATE_LIMITED');
      const rewritten = request.text;
      if (upstream.readyState === WebSocket.OPEN) {
        if (upstream.bufferedAmount > MAX_BUFFERED_BYTES) return end(1008, 'RATE_LIMITED');
        upstream.send(rewritten);
      } else if (early.length < MAX_EARLY_MESSAGES) early.push(rewritten);
      else end(1008, 'RATE_LIMITED');
    });
    upstream.on('open', () => {
      for (const message of early.splice(0)) upstream.send(message);
    });
    upstream.on('message', (raw: RawData) => {
      if (client.readyState !== WebSocket.OPEN) return;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) return end(1008, 'RATE_LIMITED');
      client.send(String(raw));
    });
    upstream.on('error', (error) => logger.debug({ err: error }, 'SFU upstream error'));
    client.on('error', () => undefined);
    upstream.on('close', () => end(CLOSE_UNAVAILABLE, 'SFU_UNAVAILABLE'));
    client.on('close', () => {
      set.delete(client);
      if (set.size === 0 && byToken.get(token) === set) byToken.delete(token);
      // Janus ends the sessions of a transport that closed: the publisher leaves the room at once.
      end(1000, '');
    });
  }

  return {
    handleUpgrade(req, socket, head) {
      const raw = req.url ?? '/';
      const url = URL.canParse(raw, 'http://localhost') ? new URL(raw, 'http://localhost') : null;
      if (url?.pathname !== SFU_PATH) return false;
      if (closing) {
        rejectUpgrade(socket, 503);
        return true;
      }
      const token = url.searchParams.get('token') ?? '';
      if (token.length === 0 || token.length > 256) {
        rejectUpgrade(socket, 403);
        return true;
      }
      const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim());
      // The token may be another server's (several servers): it is checked where they all keep them.
      const dropped = () => undefined;
      socket.on('error', dropped);
      const pending: { closed: ErrorCode | null } = { closed: null };
      const waiting = admitting.get(token) ?? new Set();
      admitting.set(token, waiting.add(pending));
      const settled = () => {
        waiting.delete(pending);
        if (waiting.size === 0 && admitting.get(token) === waiting) admitting.delete(token);
      };
      deps.admit(token).then(
        (admission) => {
          settled();
          socket.off('error', dropped);
          if (socket.destroyed) return;
          if (closing) return rejectUpgrade(socket, 503);
          if (!admission.ok) return rejectUpgrade(socket, admission.code === 'SFU_UNAVAILABLE' ? 503 : 403);
          if (pending.closed) return rejectUpgrade(socket, pending.closed === 'SFU_UNAVAILABLE' ? 503 : 403);
          if ((byToken.get(token)?.size ?? 0) >= MAX_SOCKETS_PER_TOKEN) return rejectUpgrade(socket, 429);
          if (!protocols.includes(JANUS_WS_PROTOCOL)) return rejectUpgrade(socket, 400);
          wss.handleUpgrade(req, socket, head, (client) => pipe(client, token, admission));
        },
        (error: unknown) => {
          settled();
          socket.off('error', dropped);
          logger.warn({ err: error }, 'could not check an SFU token');
          if (!socket.destroyed) rejectUpgrade(socket, 503);
        },
      );
      return true;
    },
    closeToken(token, code) {
      for (const pending of admitting.get(token) ?? []) pending.closed = code;
      const set = byToken.get(token);
      if (!set) return;
      byToken.delete(token);
      const closeCode = code === 'SFU_UNAVAILABLE' ? CLOSE_UNAVAILABLE : CLOSE_REVOKED;
      for (const client of set) client.close(closeCode, code);
    },
    connections: () => wss.clients.size,
    close() {
      closing = true;
      for (const client of wss.clients) client.terminate();
      byToken.clear();
      wss.close();
    },
  };
}
