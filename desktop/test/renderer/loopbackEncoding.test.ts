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
