import type { ApiError, ClientEventName, ClientPayload, ClientReply, Result, ServerEventName } from '@wava/protocol';
import type { Unsubscribe } from '../util/emitter.js';

export interface SignalingEvents {
  connected: undefined;
  disconnected: { reason: string; willReconnect: boolean };
  /** The server refused the handshake for a reason a token refresh cannot fix. */
  refused: ApiError;
}

export interface RequestOptions {
  /** How long to wait for the answer before it counts as SERVER_UNREACHABLE (default 10 s). */
  timeoutMs?: number;
}

/**
 * The meeting's link to our server, as the call core uses it. `MeetingSignaling` is the real one
 * (Socket.io); requests always resolve to a Result, never throw.
 */
export interface SignalingChannel {
  readonly connected: boolean;
  on<K extends keyof SignalingEvents>(event: K, listener: (payload: SignalingEvents[K]) => void): Unsubscribe;
  /** A server event; its payload is unchecked here (listenToServer checks it with protocol's `serverEventSchemas`). */
  onServer(event: ServerEventName, listener: (payload: unknown) => void): void;
  connect(): void;
  /** Connect again after the server closed the connection itself (e.g. while restarting). */
  reconnect(): void;
  /** Sends one client event of protocol's `clientEvents` and resolves to its checked answer. */
  request<K extends ClientEventName>(
    event: K,
    payload: ClientPayload<K>,
    options?: RequestOptions,
  ): Promise<Result<ClientReply<K>>>;
  /** Disconnects for good; no event is delivered afterwards. */
  close(): void;
}
