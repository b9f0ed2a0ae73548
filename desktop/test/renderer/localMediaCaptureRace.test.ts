import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAMERA_SIZE, SFU_CAMERA_SIZE } from '../../src/renderer/call/acquireTrack.js';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { FrameSize } from '../../src/renderer/call/placeholderTracks.js';
import { FakeMediaStream } from './support/meetingDoubles.js';
import { sharedSourceDevices } from './support/sharedSourceCamera.js';

/**
 * Camera checks held until the test lets them end, each holding a clone of the camera meanwhile, as the real one
 * does (cameraFrameCheck.ts, loopbackEncoding.ts).
 */
function heldChecks() {
  const waiting: (() => void)[] = [];
  return {
    probe: async (track: MediaStreamTrack): Promise<CameraSendability> => {
      const clone = track.clone();
      await new Promise<void>((resolve) => waiting.push(resolve));
      clone.stop();
      return 'sendable';
    },
    get running() {
      return waiting.length;
    },
    endAll() {
      for (const end of waiting.splice(0)) end();
    },
  };
}

/** What the calls send for the camera ends up captured at `size`, and is the camera in use (not a placeholder). */
async function sendsCameraAt(media: LocalMedia, size: FrameSize): Promise<void> {
  await vi.waitFor(() => {
    const sent = media.sendStream.getVideoTracks()[0];
    expect(sent).toBe(media.cameraTrack);
    expect(sent?.getSettings()).toMatchObject(size);
  });
}

/**
 * Someone joining a meeting already on the SFU must capture at SFU_CAMERA_SIZE (three simulcast layers), whatever
 * the order in which the meeting's mode and their camera come. Chromium keeps a camera at the size it was opened at
 * when the size is asked while a check holds a clone of it (sharedSourceCamera.ts): 3 runs in 40 of
 * e2e/browser/sfuTopLayer.spec.ts sent no top layer that way.
 */
describe('LocalMedia: the capture size the mode wants, whatever the order at join', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  it('mode known before the camera is opened: it opens at the SFU size', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await media.start();
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
  });

  it('mode known while the camera is being checked (the race): the SFU size once the check ends', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.start();
    expect(checks.running).toBe(1);
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
    expect(devices.cameras).toHaveLength(1); // the same camera: no new prompt, no new track for the calls
  });

  it('mode known while the camera is being opened: the SFU size once its check ends', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    const started = media.start();
    const sized = media.setCaptureSize(SFU_CAMERA_SIZE);
    await Promise.all([started, sized]);
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
  });

  it('mode known after the check: the running camera changes size in place', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.start();
    checks.endAll();
    await sendsCameraAt(media, CAMERA_SIZE);
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
  });

  it('camera switched while the mode comes: the new camera ends at the SFU size', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.start();
    checks.endAll();
    await media.selectCamera('other-camera');
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
    expect(media.cameraTrack).toBe(devices.cameras[1]);
  });

  it('camera turned off and on again during join, each time checked: the SFU size at the end', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.start();
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await media.setVideoEnabled(false);
    await media.setVideoEnabled(true);
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
    expect(media.cameraTrack).toBe(devices.cameras[1]);
  });

  it('the mode changing back and forth during the check: the size of the last one', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.start();
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await media.setCaptureSize(CAMERA_SIZE);
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    checks.endAll();
    await sendsCameraAt(media, SFU_CAMERA_SIZE);
  });

  it('back to the mesh during the check of a camera opened at the SFU size: the mesh size', async () => {
    const devices = sharedSourceDevices();
    const checks = heldChecks();
    const media = new LocalMedia(devices, {}, undefined, checks.probe);
    await media.setCaptureSize(SFU_CAMERA_SIZE);
    await media.start();
    await media.setCaptureSize(CAMERA_SIZE);
    checks.endAll();
    await sendsCameraAt(media, CAMERA_SIZE);
  });
});
