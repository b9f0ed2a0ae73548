import { randomBytes } from 'node:crypto';
import { JANUS_WS_PROTOCOL } from '@wava/protocol';
import WebSocket, { type ClientOptions } from 'ws';
import { z } from 'zod';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';

/** The websocket subprotocols of Janus's API (the one the web client and the `/sfu` proxy use) and of its admin API. */
export const JANUS_PROTOCOL = JANUS_WS_PROTOCOL;
export const JANUS_ADMIN_PROTOCOL = 'janus-admin-protocol';

/** A message Janus sends: an answer to a request (by `transaction`) or an event of a session or handle. */
export const janusMessageSchema = z
  .object({
    janus: z.string(),
    transaction: z.string().optional(),
    session_id: z.number().optional(),
    sender: z.number().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    error: z.object({ code: z.number(), reason: z.string() }).optional(),
    plugindata: z.object({ plugin: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
  })
  .loose();
export type JanusMessage = z.infer<typeof janusMessageSchema>;

/** Janus answered a request with `{janus: "error"}` (or its plugin with an `error_code`). */
export class JanusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`Janus error ${code}: ${reason}`);
    this.name = 'JanusError';
  }
}

export interface JanusRequestOptions {
  /**
   * A plugin request Janus answers with `ack` first and the outcome later as an `event` (VideoRoom's `join`,
   * `configure`...); without it the first answer other than `ack` is the outcome (`keepalive`: the `ack`).
   */
  awaitEvent?: boolean;
  timeoutMs?: number;
}

/** One websocket to Janus: requests matched to their answers by transaction, everything else as events. */
export interface JanusSocket {
  request(message: Record<string, unknown>, options?: JanusRequestOptions): Promise<JanusMessage>;
  /** Messages that answer no request of ours: session and handle events. */
  onEvent(listener: (message: JanusMessage) => void): Unsubscribe;
  /** The websocket closed (Janus stopped or the network failed); every pending request has been rejected. */
  onClose(listener: () => void): Unsubscribe;
  readonly closed: boolean;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Janus's largest answers are SDPs and participant lists; anything larger is not Janus. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface Pending {
  resolve(message: JanusMessage): void;
  reject(error: Error): void;
  awaitEvent: boolean;
  keepalive: boolean;
  timer: NodeJS.Timeout;
}

/** How to reach a Janus at a `wss://` address: the certificate authority to trust, the local address to use. */
export type JanusConnectOptions = Pick<ClientOptions, 'ca' | 'localAddress'>;

/**
 * Connects to `url` with `protocol`; resolves once open, rejects if it cannot connect within `timeoutMs` (or if
 * the upgrade is refused: "Unexpected server response: 403").
 */
export function openJanusSocket(
  url: string,
  protocol: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  connect: JanusConnectOptions = {},
): Promise<JanusSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocol, { ...connect, handshakeTimeout: timeoutMs, maxPayload: MAX_MESSAGE_BYTES });
    const pending = new Map<string, Pending>();
    const events = createListeners<[JanusMessage]>();
    const closes = createListeners<[]>();
    let opened = false;

    ws.on('error', (error) => {
      if (!opened) reject(error);
    });
    ws.on('close', () => {
      for (const [transaction, request] of pending) {
        clearTimeout(request.timer);
        request.reject(new Error('the connection to Janus closed'));
        pending.delete(transaction);
      }
      if (opened) closes.emit();
    });
    ws.on('message', (raw) => {
      let parsed: ReturnType<typeof janusMessageSchema.safeParse>;
      try {
        parsed = janusMessageSchema.safeParse(JSON.parse(String(raw)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      const request = message.transaction !== undefined ? pending.get(message.transaction) : undefined;
      if (!request) return events.emit(message);
      // `ack` only says Janus got the request, except for a keepalive (whose answer it is).
      if (message.janus === 'ack' && !request.keepalive) return;
      if (request.awaitEvent && message.janus !== 'event' && janusFailure(message) === null) return;
      pending.delete(message.transaction!);
      clearTimeout(request.timer);
      const failure = janusFailure(message);
      if (failure) request.reject(failure);
      else request.resolve(message);
    });
    ws.once('open', () => {
      opened = true;
      resolve({
        request(message, options = {}) {
          if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('the connection to Janus is closed'));
          const transaction = randomBytes(9).toString('base64url');
          return new Promise((resolveRequest, rejectRequest) => {
            const timer = setTimeout(() => {
              pending.delete(transaction);
              rejectRequest(new Error(`Janus did not answer ${String(message.janus)} in time`));
            }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
            pending.set(transaction, {
              resolve: resolveRequest,
              reject: rejectRequest,
              awaitEvent: options.awaitEvent ?? false,
              keepalive: message.janus === 'keepalive',
              timer,
            });
            ws.send(JSON.stringify({ ...message, transaction }));
          });
        },
        onEvent: events.add,
        onClose: closes.add,
        get closed() {
          return ws.readyState !== WebSocket.OPEN;
        },
        close() {
          ws.close();
        },
      });
    });
  });
}

/** The error a Janus answer carries: core errors, and plugin errors inside a successful answer. */
function janusFailure(message: JanusMessage): JanusError | null {
  if (message.janus === 'error') return new JanusError(message.error?.code ?? 0, message.error?.reason ?? 'unknown');
  const data = message.plugindata?.data;
  if (data && typeof data.error_code === 'number') {
    return new JanusError(data.error_code, typeof data.error === 'string' ? data.error : 'plugin error');
  }
  return null;
}
