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
  /** `sdpTransform` edits our answer before it is applied and sent (PeerJS's AnswerOption). */
  answer(stream?: MediaStream, options?: { sdpTransform?: (sdp: string) => string }): void;
  close(): void;
}
