import type { MediaCall } from './mediaCall.js';

export interface PeerConnectOptions {
  host: string;
  port: number;
  secure: boolean;
  path: string;
  key: string;
  token: string;
  config: RTCConfiguration;
}

/** The part of a PeerJS `Peer` the call core uses; `createPeerJsPeer` is the real one. */
export interface PeerLike {
  readonly open: boolean;
  readonly disconnected: boolean;
  readonly destroyed: boolean;
  on(event: 'open', listener: (id: string) => void): unknown;
  on(event: 'call', listener: (call: MediaCall) => void): unknown;
  on(event: 'disconnected', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error & { type: string }) => void): unknown;
  call(
    peerId: string,
    stream: MediaStream,
    options?: { metadata?: unknown; sdpTransform?: (sdp: string) => string },
  ): MediaCall | undefined;
  destroy(): void;
}

export type PeerFactory = (id: string, options: PeerConnectOptions) => PeerLike;
