import type {
  Ack,
  ApiError,
  IceConfig,
  JoinRequest,
  JoinResult,
  MediaUpdate,
  Participant,
  PeerCredentials,
  ServerToClientEvents,
} from '@wava/protocol';
import type { RoomEventName, RoomPayload, RoomReply } from './roomLink.js';
import type { Unsubscribe } from '../util/emitter.js';

export interface SignalingEvents {
  connected: undefined;
  disconnected: { reason: string; willReconnect: boolean };
  /** The server refused the handshake for a reason a token refresh cannot fix. */
  refused: ApiError;
}

/**
 * The meeting's link to our server, as the call core uses it. `MeetingSignaling` is the real one
 * (Socket.io); requests always resolve to an Ack, never throw.
 */
export interface SignalingChannel {
  readonly connected: boolean;
  on<K extends keyof SignalingEvents>(event: K, listener: (payload: SignalingEvents[K]) => void): Unsubscribe;
  /** A server event; its payload is unchecked here (listenToServer checks it). */
  onServer<K extends keyof ServerToClientEvents>(event: K, listener: (payload: unknown) => void): void;
  connect(): void;
  /** Connect again after the server closed the connection itself (e.g. while restarting). */
  reconnect(): void;
  join(request: JoinRequest): Promise<Ack<JoinResult>>;
  peerReady(): Promise<Ack<null>>;
  peerToken(): Promise<Ack<PeerCredentials>>;
  mediaUpdate(update: MediaUpdate): Promise<Ack<Participant>>;
  iceRefresh(): Promise<Ack<IceConfig>>;
  /** Host only: ends the meeting for everyone; the server then sends `meeting:ended` to the room. */
  endMeeting(): Promise<Ack<null>>;
  leave(timeoutMs: number): Promise<Ack<null>>;
  /** A room request (chat, hands, reactions); see roomLink.ts. */
  request<E extends RoomEventName>(event: E, payload: RoomPayload<E>): Promise<Ack<RoomReply<E>>>;
  /** Disconnects for good; no event is delivered afterwards. */
  close(): void;
}
