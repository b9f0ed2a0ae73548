import { FakeCall, FakePeer } from './meetingDoubles.js';

/** A camera call's video receiver whose delivered frames the test sets (`getSynchronizationSources`). */
export class PictureReceiver {
  readonly track = { kind: 'video' };
  sources: { timestamp: number }[] = [];
  getSynchronizationSources() {
    return this.sources;
  }
}

/**
 * The RTCPeerConnection members the call core uses, with ICE that connects when the test says so; given a
 * receiver, one video transceiver that receives on it (none otherwise).
 */
export class ConnectingPeerConnection extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  readonly connectionState = 'new';
  /** The ICE servers this call was given after it was created (the Peer gives it those it was created with). */
  readonly configured: RTCConfiguration[] = [];
  private readonly sender = {
    track: null,
    getParameters: () => ({ encodings: [{}] }),
    setParameters: () => Promise.resolve(),
  };
  constructor(readonly receiver: PictureReceiver | null = null) {
    super();
  }
  getTransceivers() {
    const receiver = this.receiver;
    return receiver ? [{ receiver, sender: this.sender, currentDirection: 'sendrecv', mid: '1' }] : [];
  }
  getSenders() {
    return this.receiver ? [this.sender] : [];
  }
  getConfiguration(): RTCConfiguration {
    return {};
  }
  setConfiguration(configuration: RTCConfiguration) {
    this.configured.push(configuration);
  }
}

/** A call whose ICE the test can connect, so the call core sees media flowing to this participant. */
export class ConnectingCall extends FakeCall {
  private readonly connection: ConnectingPeerConnection;
  /** `video`: the call has a camera's video receiver, whose frames `picture()` delivers. */
  constructor(peer: string, metadata: unknown, video = false) {
    super(peer, metadata);
    this.connection = new ConnectingPeerConnection(video ? new PictureReceiver() : null);
  }
  override get peerConnection(): RTCPeerConnection | null {
    return this.closed ? null : (this.connection as unknown as RTCPeerConnection);
  }
  get configured(): RTCConfiguration[] {
    return this.connection.configured;
  }
  connect() {
    this.connection.iceConnectionState = 'connected';
    this.connection.dispatchEvent(new Event('iceconnectionstatechange'));
  }
  /** Its camera's receiver delivered a frame now. */
  picture() {
    const receiver = this.connection.receiver;
    if (!receiver) throw new Error('picture(): this call has no video receiver (place it from a VideoConnectingPeer)');
    receiver.sources = [{ timestamp: performance.timeOrigin + performance.now() }];
  }
}

/** A FakePeer whose calls are ConnectingCalls (in `placed`), without video. */
export class ConnectingPeer extends FakePeer {
  /** Whether the calls it places have a video receiver. */
  protected readonly video: boolean = false;
  readonly placed: ConnectingCall[] = [];
  override call(peerId: string, _stream: MediaStream, options?: { metadata?: unknown }) {
    const call = new ConnectingCall(peerId, options?.metadata, this.video);
    this.placed.push(call);
    return call as never;
  }
}

/** A ConnectingPeer whose calls have a camera's video receiver, whose frames the test delivers (`picture()`). */
export class VideoConnectingPeer extends ConnectingPeer {
  protected override readonly video = true;
}
