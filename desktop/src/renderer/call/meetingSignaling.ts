import {
  apiError,
  isErrorCode,
  type Ack,
  type ClientToServerEvents,
  type IceConfig,
  type JoinRequest,
  type JoinResult,
  type MediaUpdate,
  type Participant,
  type PeerCredentials,
  type ServerToClientEvents,
} from '@wava/protocol';
import { io, type Socket } from 'socket.io-client';
import type { AuthStore } from '../platform/Platform.js';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import type { RoomEventName, RoomPayload, RoomReply } from './roomLink.js';
import type { SignalingChannel, SignalingEvents } from './signalingChannel.js';

export type WavaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;
/** TOKEN_EXPIRED on the handshake is answered with a forced refresh; this many in a row, then give up. */
const MAX_TOKEN_RETRIES = 3;

/**
 * The meeting's Socket.io connection: authenticated with a fresh access token on every (re)connect,
 * refreshing and reconnecting when the server says the token expired, and requests that always
 * resolve to an Ack (a timeout is SERVER_UNREACHABLE), never throw.
 */
export class MeetingSignaling implements SignalingChannel {
  readonly socket: WavaSocket;
  private readonly emitter = new Emitter<SignalingEvents>();
  private forceRefresh = false;
  private tokenRetries = 0;
  /** After `close`: nothing connects again (a retry timer may still fire). */
  private closed = false;

  constructor(serverUrl: string, auth: AuthStore) {
    this.socket = io(serverUrl, {
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
          (result) => cb(result.ok ? { token: result.data } : {}),
          () => cb({}),
        );
      },
    });
    this.socket.on('connect', () => {
      this.tokenRetries = 0;
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

  onServer<K extends keyof ServerToClientEvents>(event: K, listener: (payload: unknown) => void): void {
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

  join(request: JoinRequest): Promise<Ack<JoinResult>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:join', request));
  }

  peerReady(): Promise<Ack<null>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('peer:ready', {}));
  }

  peerToken(): Promise<Ack<PeerCredentials>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('peer:token', {}));
  }

  mediaUpdate(update: MediaUpdate): Promise<Ack<Participant>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('media:update', update));
  }

  iceRefresh(): Promise<Ack<IceConfig>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('ice:refresh', {}));
  }

  /** Host only: ends the meeting for everyone; the server then sends `meeting:ended` to the room. */
  endMeeting(): Promise<Ack<null>> {
    return this.ask(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:end', {}));
  }

  request<E extends RoomEventName>(event: E, payload: RoomPayload<E>): Promise<Ack<RoomReply<E>>> {
    const emit = this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck as unknown as (
      event: E,
      payload: RoomPayload<E>,
    ) => Promise<Ack<RoomReply<E>>>;
    return this.ask(() => emit.call(this.socket.timeout(ACK_TIMEOUT_MS), event, payload));
  }

  leave(timeoutMs: number): Promise<Ack<null>> {
    return this.ask(() => this.socket.timeout(timeoutMs).emitWithAck('meeting:leave', {}));
  }

  close(): void {
    this.closed = true;
    this.emitter.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private async ask<T>(send: () => Promise<Ack<T>>): Promise<Ack<T>> {
    if (!this.socket.connected) return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    try {
      const reply = await send();
      if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
      return { ok: false, error: apiError('INTERNAL') };
    } catch {
      return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    }
  }
}
