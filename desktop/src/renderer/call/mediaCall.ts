/**
 * The part of a PeerJS MediaConnection the call core uses. PeerJS's class satisfies it; keeping the
 * core on this interface keeps PeerJS in one adapter (peerMesh.ts).
 */
export interface MediaCall {
  readonly peer: string;
  readonly metadata: unknown;
  /** Set once the call is placed or answered; PeerJS clears it when the call closes. */
  readonly peerConnection: RTCPeerConnection | null | undefined;
  on(event: 'stream', listener: (stream: MediaStream) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  answer(stream?: MediaStream): void;
  close(): void;
}
