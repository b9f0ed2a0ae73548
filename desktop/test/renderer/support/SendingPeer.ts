import { FakeCall, FakePeer } from './meetingDoubles.js';

/** A video sender that has sent no frame (yet): its statistics list nothing. */
const idleSender = {
  track: null,
  getStats: () => Promise.resolve(new Map()),
  getParameters: () => ({ encodings: [{}] }),
  setParameters: () => Promise.resolve(),
  replaceTrack: () => Promise.resolve(),
};

/** An open call with one video sender that never sends a frame, as a call carrying our camera or our screen has. */
export class SendingCall extends FakeCall {
  private readonly connection = Object.assign(new EventTarget(), {
    connectionState: 'connected',
    iceConnectionState: 'connected',
    signalingState: 'stable',
    getTransceivers: () => [
      { receiver: { track: { kind: 'video' } }, currentDirection: 'sendonly', sender: idleSender },
    ],
    getSenders: () => [idleSender],
    getReceivers: () => [],
    getConfiguration: () => ({}),
    setConfiguration: () => undefined,
  });
  override get peerConnection(): RTCPeerConnection | null {
    return this.closed ? null : (this.connection as unknown as RTCPeerConnection);
  }
}

/** A Peer whose calls are SendingCalls: our own view of a share we start waits its longest for a first frame. */
export class SendingPeer extends FakePeer {
  override call(peerId: string, _stream: MediaStream, options?: { metadata?: unknown }) {
    const call = new SendingCall(peerId, options?.metadata);
    this.calls.push(call);
    return call as never;
  }
}
