import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { loopbackEncoding } from '../../src/renderer/call/loopbackEncoding.js';
import { FakeMediaStream, FakeTrack, fakeDevices } from './support/meetingDoubles.js';

/**
 * A camera check cancelled (the camera turned off or switched while starting, the meeting ended) lets go of all it
 * holds at once, not at its next look 200 ms later: the clone that keeps the camera's light on, the loopback's two
 * peer connections, its timers. Time is frozen here: whatever is still held after the cancel stays held.
 */

/** Chromium's MediaStreamTrackProcessor for a camera whose frames have no format (a depth camera): the loopback runs. */
class FormatlessProcessor {
  readonly readable = new ReadableStream({
    start: (controller) => controller.enqueue({ format: null, close: () => undefined }),
  });
  constructor(_init: { track: MediaStreamTrack }) {}
}

/** jsdom has no RTCPeerConnection: this one sets up and never connects (the connect wait runs until cancelled). */
class NeverConnecting {
  static made: NeverConnecting[] = [];
  closed = false;
  connectionState: RTCPeerConnectionState = 'connecting';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  constructor() {
    NeverConnecting.made.push(this);
  }
  addEventListener() {}
  addTransceiver() {}
  async setLocalDescription() {
    this.localDescription = { type: 'offer', sdp: '' };
  }
  async setRemoteDescription() {}
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
}

/** Like a closed real one: a step still pending when it is closed never settles. */
class HangingSetup extends NeverConnecting {
  override setLocalDescription() {
    return new Promise<void>(() => undefined);
  }
}

let clones: FakeTrack[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  vi.stubGlobal('MediaStreamTrackProcessor', FormatlessProcessor);
  vi.stubGlobal('RTCPeerConnection', NeverConnecting);
  clones = [];
  const clone = FakeTrack.prototype.clone;
  vi.spyOn(FakeTrack.prototype, 'clone').mockImplementation(function (this: FakeTrack) {
    const copy = clone.call(this);
    clones.push(copy);
    return copy;
  });
});
afterEach(() => {
  NeverConnecting.made = [];
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Lets promises run without any time passing. */
const settled = () => vi.advanceTimersByTimeAsync(0);
const live = () => clones.filter((clone) => clone.readyState === 'live');
const open = () => NeverConnecting.made.filter((connection) => !connection.closed);

/** LocalMedia with the real check, its camera's loopback send set up and waiting to connect. */
async function checkingInLoopback() {
  const devices = fakeDevices();
  const media = new LocalMedia(devices, { cameraId: 'depth' }, { warn: () => undefined });
  await media.start();
  await settled();
  expect(media.state.cameraCheck).toBe('placeholder');
  expect(open()).toHaveLength(2);
  expect(live()).toHaveLength(1);
  return { media, devices };
}

describe('LocalMedia: a camera check cancelled in its loopback send', () => {
  it('the camera turned off: the clone stops and both peer connections close at once, no timer is left', async () => {
    const { media } = await checkingInLoopback();
    await media.setVideoEnabled(false);
    await settled();
    expect(live()).toEqual([]);
    expect(open()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(media.state.cameraCheck).toBeNull();
  });

  it('the camera switched: the first camera’s loopback is let go at once, the new camera’s check runs', async () => {
    const { media, devices } = await checkingInLoopback();
    const [first, second] = NeverConnecting.made;
    await media.selectCamera('front');
    await settled();
    expect(first?.closed && second?.closed).toBe(true);
    expect(live()).toEqual([clones.at(-1)]); // the new camera's own check
    expect(devices.tracks.filter((track) => track.kind === 'video').map((track) => track.readyState)).toEqual([
      'ended',
      'live',
    ]);
    media.stop();
  });

  it('the meeting ended (everything stopped): nothing of the check is left', async () => {
    const { media } = await checkingInLoopback();
    media.stop();
    await settled();
    expect(live()).toEqual([]);
    expect(open()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('loopbackEncoding: cancelled', () => {
  it('while a setup step never settles (a closed connection leaves it pending): null at once, all closed', async () => {
    vi.stubGlobal('RTCPeerConnection', HangingSetup);
    const camera = new FakeTrack('video');
    const cancel = new AbortController();
    let result: unknown = 'pending';
    void loopbackEncoding(camera as unknown as MediaStreamTrack, cancel.signal).then((r) => (result = r));
    await settled();
    expect(result).toBe('pending');
    cancel.abort();
    await settled();
    expect(result).toBeNull();
    expect(open()).toEqual([]);
    expect(live()).toEqual([]);
    expect(camera.readyState).toBe('live'); // the camera in use is untouched
  });

  it('before it starts: opens nothing', async () => {
    const cancel = new AbortController();
    cancel.abort();
    expect(await loopbackEncoding(new FakeTrack('video') as unknown as MediaStreamTrack, cancel.signal)).toBeNull();
    expect(NeverConnecting.made).toEqual([]);
    expect(clones).toEqual([]);
  });
});
