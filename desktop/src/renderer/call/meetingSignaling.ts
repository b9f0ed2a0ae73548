import {
  apiError,
  apiErrorSchema,
  clientEvents,
  endsSession,
  isErrorCode,
  SOCKET_IO_PATH,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type ClientToServerEvents,
  type Result,
  type ServerEventName,
  type ServerToClientEvents,
} from '@wava/protocol';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import type { AuthStore } from '../platform/Platform.js';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import type { RequestOptions, SignalingChannel, SignalingEvents } from './signalingChannel.js';

export type WavaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;
/** TOKEN_EXPIRED on the handshake is answered with a forced refresh; this many in a row, then give up. */
const MAX_TOKEN_RETRIES = 3;
/** A handshake made without a token that could not be had for a passing reason is tried again after this, doubling. */
const TOKEN_MISSED_RETRY_MS = 500;
const TOKEN_MISSED_RETRY_MAX_MS = 5_000;

/**
 * The meeting's Socket.io connection: authenticated with a fresh access token on every (re)connect,
 * refreshing and reconnecting when the server says the token expired, and requests that always
 * resolve to a Result checked against protocol's schema (a timeout is SERVER_UNREACHABLE, an answer that
 * does not fit is INTERNAL), never throw.
 */
export class MeetingSignaling implements SignalingChannel {
  readonly socket: WavaSocket;
  private readonly emitter = new Emitter<SignalingEvents>();
  private forceRefresh = false;
  private tokenRetries = 0;
  /**
   * The token of the handshake in progress could not be had for a passing reason (its refresh got no answer, the
   * server was busy): the handshake went without one, and its UNAUTHENTICATED is no sign-out.
   */
  private tokenMissed = false;
  private tokenMisses = 0;
  /** After `close`: nothing connects again (a retry timer may still fire). */
  private closed = false;

  constructor(serverUrl: string, auth: AuthStore) {
    this.socket = io(serverUrl, {
      path: SOCKET_IO_PATH,
      autoConnect: false,
      // Straight to a websocket: long-polling first costs about three round trips before the upgrade. Only a
      // websocket that cannot open (a proxy that refuses upgrades) falls back to long-polling.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.3,
      timeout: 10_000,
      auth: (cb) => {
        const force = this.forceRefresh;
        this.forceRefresh = false;
        auth.accessToken(force).then(
          (result) => {
            // Not a sign-out, nor a page that must be reloaded first (RELOAD_NEEDED): trying again would not help.
            this.tokenMissed = !result.ok && !endsSession(result.error.code) && result.error.code !== 'RELOAD_NEEDED';
            cb(result.ok ? { token: result.data } : {});
          },
          () => {
            this.tokenMissed = true;
            cb({});
          },
        );
      },
    });
    this.socket.on('connect', () => {
      this.tokenRetries = 0;
      this.tokenMisses = 0;
      this.emitter.emit('connected', undefined);
    });
    this.socket.on('disconnect', (reason) => {
      this.emitter.emit('disconnected', { reason, willReconnect: this.socket.active });
    });
    this.socket.on('connect_error', (error) => {
      const code = (error as Error & { data?: { code?: unknown } }).data?.code;
      if (!isErrorCode(code)) return; // network trouble: Socket.io keeps retrying by itself
      if (code === 'TOKEN_EXPIRED' && this.tokenRetries < MAX_TOKEN_RETRIES) {
        this.tokenRetries += 1;
        this.forceRefresh = true;
        if (!this.socket.active) this.socket.connect();
        return;
      }
      if (code === 'UNAUTHENTICATED' && this.tokenMissed) {
        // As with network trouble, tried again until it works (a sign-out on the way is reported as such).
        const delay = Math.min(TOKEN_MISSED_RETRY_MAX_MS, TOKEN_MISSED_RETRY_MS * 2 ** this.tokenMisses);
        this.tokenMisses += 1;
        if (!this.socket.active) setTimeout(() => this.reconnect(), delay);
        return;
      }
      if (code === 'SERVER_SHUTTING_DOWN' || code === 'RATE_LIMITED') {
        if (!this.socket.active) setTimeout(() => this.reconnect(), 1_000);
        return;
      }
      this.emitter.emit('refused', apiError(code));
    });
  }

  on<K extends keyof SignalingEvents>(event: K, listener: (payload: SignalingEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  onServer(event: ServerEventName, listener: (payload: unknown) => void): void {
    (this.socket as unknown as { on(event: string, listener: (payload: unknown) => void): void }).on(event, listener);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  connect(): void {
    this.socket.connect();
  }

  /** Connect again after the server closed the connection itself (e.g. while restarting). */
  reconnect(): void {
    if (!this.closed && !this.socket.connected && !this.socket.active) this.socket.connect();
  }

  async request<K extends ClientEventName>(
    event: K,
    payload: ClientPayload<K>,
    options: RequestOptions = {},
  ): Promise<Result<ClientReply<K>>> {
    if (!this.socket.connected) return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    let reply: unknown;
    try {
      const timed = this.socket.timeout(options.timeoutMs ?? ACK_TIMEOUT_MS) as unknown as {
        emitWithAck(event: K, payload: ClientPayload<K>): Promise<unknown>;
      };
      reply = await timed.emitWithAck(event, payload);
    } catch {
      return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    }
    const parsed = replySchema(event).safeParse(reply);
    if (!parsed.success) return { ok: false, error: apiError('INTERNAL') };
    return parsed.data as Result<ClientReply<K>>;
  }

  close(): void {
    this.closed = true;
    this.emitter.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

/** The shape of every answer to `event`: its data as protocol describes it, or an error from the closed set. */
function replySchema(event: ClientEventName) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: clientEvents[event].reply }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}
