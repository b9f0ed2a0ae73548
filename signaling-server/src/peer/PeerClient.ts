import WebSocket from 'ws';
import type { TokenBucket } from '../socket/createTokenBucket.js';
import type { ServerPeerMessage } from './peerMessageTypes.js';

/** How a PeerJS websocket is closed by the server, and why (the close frame's code and reason). */
export const PEER_CLOSE = {
  seatFreed: { code: 1008, reason: 'seat freed' },
  replaced: { code: 1008, reason: 'replaced by a newer connection' },
  rateLimited: { code: 1008, reason: 'over the message or byte rate' },
  idle: { code: 1008, reason: 'no heartbeat' },
  stopping: { code: 1001, reason: 'server stopping' },
} as const;
export type PeerCloseKind = keyof typeof PEER_CLOSE;

/** One open PeerJS websocket: whose seat it serves, and its own limits. */
export class PeerClient {
  /** Monotonic time (ms) of the last message received. */
  lastSeenAt = performance.now();
  private closed = false;
  /**
   * False while this websocket serves a pre-seat (`meeting:prepare`): it may only send heartbeats and nothing
   * reaches it. It becomes true, once, when the pre-seat becomes its connection's seat.
   */
  seated = true;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly meetingId: string,
    /** The seat nonce the token was issued for. */
    readonly seat: string,
    /** The meeting tag of `id`: messages may only go to ids with the same tag. */
    readonly tag: string,
    private readonly ws: WebSocket,
    private readonly limits: { messages: TokenBucket; bytes: TokenBucket; maxBufferedBytes: number },
  ) {}

  get isClosed(): boolean {
    return this.closed || this.ws.readyState !== WebSocket.OPEN;
  }

  /** Whether one more message of `bytes` fits the rate and the byte budget. */
  allows(bytes: number): boolean {
    return this.limits.messages.take() && this.limits.bytes.take(bytes);
  }

  /**
   * Sends one message. A receiver that stops reading is not buffered for: once what waits for it exceeds
   * the bound, its socket is dropped. Returns false when nothing was sent.
   */
  send(message: ServerPeerMessage): boolean {
    if (this.isClosed) return false;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch {
      // A payload nested deeper than the stack (64 KiB of `[[[[...`) parses but does not serialise.
      return false;
    }
    if (this.ws.bufferedAmount + Buffer.byteLength(text) > this.limits.maxBufferedBytes) {
      this.terminate();
      return false;
    }
    this.ws.send(text);
    return true;
  }

  close(kind: PeerCloseKind): void {
    if (this.closed) return;
    this.closed = true;
    const { code, reason } = PEER_CLOSE[kind];
    this.ws.close(code, reason);
  }

  /** Drops the connection without a close handshake (a reader that does not read would not get one). */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }
}
