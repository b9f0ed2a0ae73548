import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { sendsCamera } from '../../src/renderer/call/localMediaState.js';
import { FakeMediaStream, fakeDevices, type FakeTrack } from './support/meetingDoubles.js';

/**
 * A camera just turned on or switched to is not sent before its check (cameraSendability.ts) clears it: until then
 * the calls go on with what they sent, the camera before or the camera-off placeholder, so the others never get
 * frames they cannot decode (Chromium's undecodable camera: e2e/browser/cameraUnsendable.spec.ts).
 */
describe('LocalMedia: what the calls send while a new camera is checked', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());
  const quiet = { warn: () => undefined };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** LocalMedia whose camera checks are answered by hand, in order (`answer`). */
  async function started(options: { video?: boolean } = {}) {
    const devices = fakeDevices();
    const pending: ((verdict: CameraSendability) => void)[] = [];
    const probe = (): Promise<CameraSendability> => new Promise((resolve) => pending.push(resolve));
    const media = new LocalMedia(devices, { cameraId: 'front', video: options.video ?? true }, quiet, probe);
    const answer = async (verdict: CameraSendability) => {
      pending.shift()?.(verdict);
      await settled();
    };
    await media.start();
    if (options.video ?? true) await answer('sendable');
    const sent = () => media.sendStream.getVideoTracks()[0] ?? null;
    const camera = () => media.cameraTrack as unknown as FakeTrack;
    return { media, devices, answer, sent, camera };
  }

  it('a switch: the camera before goes on until the new one is cleared, then the new one, and the one before stops', async () => {
    const { media, answer, sent, camera } = await started();
    const front = camera();
    await media.selectCamera('back');
    expect(media.cameraTrack).not.toBe(front);
    expect(sent()).toBe(front);
    expect(front.readyState).toBe('live');
    expect(media.state.cameraCheck).toBe('previous');
    expect(sendsCamera(media.state)).toBe(true);
    await answer('sendable');
    expect(sent()).toBe(media.cameraTrack);
    expect(front.readyState).toBe('ended');
    expect(media.state.cameraCheck).toBeNull();
  });

  it('a switch to a camera that cannot be sent: the camera before until the verdict, then the placeholder, never the new one', async () => {
    const { media, answer, sent, camera } = await started();
    const front = camera();
    await media.selectCamera('depth');
    const depth = media.cameraTrack;
    expect(sent()).toBe(front);
    await answer('unsendable');
    expect(sent()).not.toBe(depth);
    expect(sent()).not.toBe(front);
    expect(front.readyState).toBe('ended');
    expect(media.state.unsendableCamera).toEqual({ cameraId: 'depth', previousId: 'front' });
    expect(sendsCamera(media.state)).toBe(false);
  });

  it('leaving a camera that cannot be sent: the placeholder goes on (the camera announced off) until the next is cleared', async () => {
    const { media, answer, sent } = await started();
    await media.selectCamera('depth');
    await answer('unsendable');
    const placeholder = sent();
    await media.selectCamera('front');
    expect(sent()).toBe(placeholder);
    expect(media.state.cameraCheck).toBe('placeholder');
    expect(sendsCamera(media.state)).toBe(false);
    await answer('sendable');
    expect(sent()).toBe(media.cameraTrack);
    expect(sendsCamera(media.state)).toBe(true);
  });

  it('turning the camera on: announced and sent once cleared; a browser that cannot tell sends it too', async () => {
    const { media, answer, sent } = await started({ video: false });
    await media.setVideoEnabled(true);
    expect(media.cameraTrack).not.toBeNull();
    expect(sent()).not.toBe(media.cameraTrack);
    expect(sendsCamera(media.state)).toBe(false);
    await answer('unknown');
    expect(sent()).toBe(media.cameraTrack);
    expect(sendsCamera(media.state)).toBe(true);
  });

  it('switching again before the verdict: the camera first sent goes on, the one in between stops', async () => {
    const { media, answer, sent, camera } = await started();
    const front = camera();
    await media.selectCamera('depth');
    const between = camera();
    await media.selectCamera('back');
    expect(sent()).toBe(front);
    expect(between.readyState).toBe('ended');
    await answer('unsendable'); // the verdict on the camera in between: ignored
    expect(sent()).toBe(front);
    await answer('sendable');
    expect(sent()).toBe(media.cameraTrack);
    expect(front.readyState).toBe('ended');
  });

  it('the camera before goes away during the check: the placeholder, announced off', async () => {
    const { media, sent, camera } = await started();
    const front = camera();
    await media.selectCamera('back');
    front.end();
    expect(sent()).not.toBe(front);
    expect(sent()).not.toBe(media.cameraTrack);
    expect(media.state.cameraCheck).toBe('placeholder');
    expect(media.state.video).toBe(true);
    expect(sendsCamera(media.state)).toBe(false);
  });

  it('turning the camera off during the check stops both cameras', async () => {
    const { media, devices } = await started();
    await media.selectCamera('back');
    await media.setVideoEnabled(false);
    expect(devices.tracks.filter((t) => t.kind === 'video' && t.readyState === 'live')).toEqual([]);
    expect(media.state.cameraCheck).toBeNull();
  });
});

describe('LocalMedia: the camera asked on while the one selected cannot be sent', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  it('is not retried: no new camera, nothing new sent, and the notice is asked for instead', async () => {
    const devices = fakeDevices();
    const probe = async (): Promise<CameraSendability> => 'unsendable';
    const media = new LocalMedia(devices, { cameraId: 'depth' }, { warn: () => undefined }, probe);
    await media.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const asked: unknown[] = [];
    media.on('unsendableCameraAsked', (payload) => asked.push(payload));
    const sent = media.sendStream.getVideoTracks()[0] ?? null;
    const requests = devices.requests.length;
    await media.setVideoEnabled(true);
    expect(asked).toEqual([{ cameraId: 'depth' }]);
    expect(devices.requests.length).toBe(requests);
    expect(media.sendStream.getVideoTracks()[0] ?? null).toBe(sent);
    expect(media.state.unsendableCamera).toEqual({ cameraId: 'depth', previousId: null });
  });
});
