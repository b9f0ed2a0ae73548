import { afterEach, describe, expect, it, vi } from 'vitest';
import { loopbackEncoding } from '../../src/renderer/call/loopbackEncoding.js';
import { FakeMediaStream, FakeTrack } from './support/meetingDoubles.js';

/**
 * What the camera's loopback test may open, and that it closes it. jsdom has no RTCPeerConnection: this stand-in
 * records how it was built and fails the setup (the real one is exercised in e2e/browser/cameraUnsendable.spec.ts).
 */
class RecordingPeerConnection {
  static made: RecordingPeerConnection[] = [];
  closed = false;
  constructor(readonly config?: RTCConfiguration) {
    RecordingPeerConnection.made.push(this);
  }
  addEventListener() {}
  addTransceiver() {}
  async setLocalDescription(): Promise<void> {
    throw new Error('no codecs here');
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => {
  RecordingPeerConnection.made = [];
  vi.unstubAllGlobals();
});

describe('loopbackEncoding: a send to this same page only', () => {
  it('names no ICE server (not even a browser default one), and closes what it opened when the setup fails', async () => {
    vi.stubGlobal('RTCPeerConnection', RecordingPeerConnection);
    vi.stubGlobal('MediaStream', FakeMediaStream);
    const camera = new FakeTrack('video');
    const clones: FakeTrack[] = [];
    camera.clone = () => {
      const clone = new FakeTrack('video');
      clones.push(clone);
      return clone;
    };

    expect(await loopbackEncoding(camera as unknown as MediaStreamTrack, new AbortController().signal)).toBeNull();

    expect(RecordingPeerConnection.made).toHaveLength(2);
    for (const connection of RecordingPeerConnection.made) {
      // An explicit empty list: a browser's own default (Firefox's media.peerconnection.default_iceservers, set
      // by a distribution or an administrator) is used only when the page names none.
      expect(connection.config?.iceServers).toEqual([]);
      expect(connection.closed).toBe(true);
    }
    expect(clones.map((clone) => clone.readyState)).toEqual(['ended']);
    expect(camera.readyState).toBe('live'); // the camera in use is untouched
  });
});

/**
 * A stand-in that sets up, connects at once and reports the stats a browser would: each first of two made is the
 * sender (it encodes `encoded` frames with `codec`), the second the receiver (it decodes `decoded`).
 */
function connectingPair(sent: { encoded: number; decoded: number; codec: string }) {
  const made: { localSdp?: string; closed: boolean }[] = [];
  class Connecting {
    readonly index = made.length;
    readonly record = { closed: false } as { localSdp?: string; closed: boolean };
    connectionState: RTCPeerConnectionState = 'connected';
    signalingState: RTCSignalingState = 'stable';
    localDescription: RTCSessionDescriptionInit | null = null;
    constructor() {
      made.push(this.record);
    }
    addEventListener() {}
    addTransceiver() {}
    async createOffer() {
      return { type: 'offer', sdp: 'browser-offer' };
    }
    async setLocalDescription(description?: RTCSessionDescriptionInit) {
      this.localDescription = description ?? { type: 'answer', sdp: 'browser-answer' };
      this.record.localSdp = this.localDescription.sdp;
    }
    async setRemoteDescription() {}
    async getStats() {
      const reports =
        this.index % 2 === 0
          ? [
              { type: 'codec', id: 'C1', mimeType: sent.codec },
              { type: 'outbound-rtp', id: 'O1', kind: 'video', framesEncoded: sent.encoded, codecId: 'C1' },
            ]
          : [{ type: 'inbound-rtp', id: 'I1', kind: 'video', framesDecoded: sent.decoded }];
      return new Map(reports.map((report) => [report.id, report]));
    }
    close() {
      this.record.closed = true;
      this.connectionState = 'closed';
    }
  }
  return { Connecting, made };
}

describe('loopbackEncoding: the codec check’s send (an edited offer, until a frame is decoded)', () => {
  it('sends with the edited offer and reports the codec and the frames both sides counted, then closes all', async () => {
    const { Connecting, made } = connectingPair({ encoded: 4, decoded: 2, codec: 'video/H264' });
    vi.stubGlobal('RTCPeerConnection', Connecting);
    vi.stubGlobal('MediaStream', FakeMediaStream);
    const picture = new FakeTrack('video');

    const result = await loopbackEncoding(picture as unknown as MediaStreamTrack, new AbortController().signal, {
      sdpTransform: (sdp) => `${sdp}+edited`,
      until: 'decoded',
    });

    expect(result).toEqual({ connected: true, framesEncoded: 4, framesDecoded: 2, codec: 'video/H264' });
    expect(made.map((connection) => connection.localSdp)).toEqual(['browser-offer+edited', 'browser-answer']);
    expect(made.every((connection) => connection.closed)).toBe(true);
  });

  it('waits for a decoded frame when asked to: encoded frames alone run the window out', async () => {
    vi.useFakeTimers();
    try {
      const { Connecting } = connectingPair({ encoded: 4, decoded: 0, codec: 'video/H264' });
      vi.stubGlobal('RTCPeerConnection', Connecting);
      vi.stubGlobal('MediaStream', FakeMediaStream);
      const picture = new FakeTrack('video') as unknown as MediaStreamTrack;
      const signal = new AbortController().signal;
      let decodedWait: unknown = 'pending';
      let encodedWait: unknown = 'pending';
      void loopbackEncoding(picture, signal, { until: 'decoded', windowMs: 1_000 }).then((r) => (decodedWait = r));
      void loopbackEncoding(picture, signal).then((r) => (encodedWait = r));
      await vi.advanceTimersByTimeAsync(600);
      // The camera check (until a frame is encoded) answered at its first look.
      expect(encodedWait).toMatchObject({ framesEncoded: 4 });
      expect(decodedWait).toBe('pending');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(decodedWait).toEqual({ connected: true, framesEncoded: 4, framesDecoded: 0, codec: 'video/H264' });
    } finally {
      vi.useRealTimers();
    }
  });
});
