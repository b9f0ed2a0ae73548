import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAMERA_SIZE, SFU_CAMERA_SIZE } from '../../src/renderer/call/acquireTrack.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { Logger } from '../../src/renderer/util/logger.js';
import { FakeMediaStream, fakeDevices, type FakeTrack } from './support/meetingDoubles.js';

/** The camera's size in a request or a constraint: the ideals asked for. */
function asked(constraints: MediaTrackConstraints | boolean | undefined | null) {
  const video = constraints as MediaTrackConstraints;
  const ideal = (value: MediaTrackConstraints['width']) =>
    typeof value === 'object' && value !== null ? value.ideal : undefined;
  return { width: ideal(video?.width), height: ideal(video?.height) };
}

/**
 * The camera is captured larger while the meeting is on the SFU (three simulcast layers need 960x540) and back at
 * 640x360 on the mesh, on the same track: no new permission prompt, no new track for the calls. Chromium's own
 * behaviour (the fake camera really changes size on the same track, and sends three layers) is proved in
 * e2e/browser/sfuMeeting.spec.ts.
 */
describe('LocalMedia: the capture size follows where media flows', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  it('the running camera changes size in place, and back', async () => {
    const devices = fakeDevices();
    const media = new LocalMedia(devices);
    await media.start();
    const camera = media.sendStream.getVideoTracks()[0] as unknown as FakeTrack;
    expect(asked(devices.requests.find((r) => r.video)?.video)).toEqual(CAMERA_SIZE);
    const swapped: unknown[] = [];
    media.on('track', (change) => swapped.push(change));

    await media.setCaptureSize(SFU_CAMERA_SIZE);
    expect(asked(camera.constraints)).toEqual(SFU_CAMERA_SIZE);
    expect(camera.getSettings()).toMatchObject(SFU_CAMERA_SIZE);
    await media.setCaptureSize(CAMERA_SIZE);
    expect(asked(camera.constraints)).toEqual(CAMERA_SIZE);

    // One camera track all along: nothing for the calls to replace, nobody asked again.
    expect(media.sendStream.getVideoTracks()).toEqual([camera]);
    expect(camera.readyState).toBe('live');
    expect(swapped).toEqual([]);
    expect(devices.requests.filter((r) => r.video)).toHaveLength(1);
  });

  it('a camera turned on or switched in an SFU meeting starts at the SFU size', async () => {
    const devices = fakeDevices();
    const media = new LocalMedia(devices, { video: false });
    await media.start();
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await media.setVideoEnabled(true);
    expect(asked(devices.requests.at(-1)?.video)).toEqual(SFU_CAMERA_SIZE);
    await media.selectCamera('other-camera');
    expect(asked(devices.requests.at(-1)?.video)).toEqual(SFU_CAMERA_SIZE);
    await media.setCaptureSize(CAMERA_SIZE);
    await media.selectCamera('first-camera');
    expect(asked(devices.requests.at(-1)?.video)).toEqual(CAMERA_SIZE);
  });

  it('a camera that cannot change size keeps its picture at the size it has', async () => {
    const warnings: unknown[][] = [];
    const logger: Logger = { warn: (...args: unknown[]) => warnings.push(args) };
    const devices = fakeDevices();
    const media = new LocalMedia(devices, {}, logger);
    await media.start();
    const camera = media.sendStream.getVideoTracks()[0] as unknown as FakeTrack;
    camera.failApplyConstraints = 'OverconstrainedError';

    await media.setCaptureSize(SFU_CAMERA_SIZE);
    expect(media.sendStream.getVideoTracks()).toEqual([camera]);
    expect(camera.readyState).toBe('live');
    expect(media.state).toMatchObject({ video: true, error: null });
    expect(warnings.map(([message]) => message)).toEqual(['could not change the camera size']);
  });
});
