import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fallbackCamera,
  sendabilityOfFrame,
  type CameraSendability,
} from '../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import type { Logger } from '../../src/renderer/util/logger.js';
import { FakeMediaStream, fakeDevices } from './support/meetingDoubles.js';

/**
 * A camera whose frames calls cannot send (a depth or infrared camera; Chromium's second fake camera, whose Y16
 * frames are proved unsendable in e2e/browser/cameraUnsendable.spec.ts) is named, with the camera to go back to.
 */
describe('sendabilityOfFrame: a frame format the web cannot name is one the encoders refuse', () => {
  it.each([
    ['I420', 'sendable'],
    ['NV12', 'sendable'],
    ['RGBX', 'sendable'],
    [null, 'unsendable'],
    [undefined, 'unknown'],
  ] as const)('%s -> %s', (format, verdict) => {
    expect(sendabilityOfFrame(format)).toBe(verdict);
  });
});

describe('fallbackCamera: the camera offered instead', () => {
  const cameras = [
    { deviceId: 'front', label: 'Front' },
    { deviceId: 'depth', label: 'Depth' },
    { deviceId: 'usb', label: 'USB' },
  ];
  it.each([
    ['the one used before', 'usb', 'usb'],
    ['the first other one when none was used before', null, 'front'],
    ['the first other one when the one before is gone', 'unplugged', 'front'],
  ] as const)('%s', (_, previousId, offered) => {
    expect(fallbackCamera(cameras, 'depth', previousId)?.deviceId).toBe(offered);
  });
  it('none when it is the only camera', () => {
    expect(fallbackCamera([{ deviceId: 'depth', label: 'Depth' }], 'depth', null)).toBeNull();
  });
});

const quiet: Logger = { warn: () => undefined };

describe('LocalMedia: a camera that cannot be sent', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  /** The probe's verdict per camera: 'depth' cannot be sent. */
  function mediaWith(initialCamera: string) {
    const probe = async (): Promise<CameraSendability> =>
      media.state.cameraId === 'depth' ? 'unsendable' : 'sendable';
    const media: LocalMedia = new LocalMedia(fakeDevices(), { cameraId: initialCamera }, quiet, probe);
    return media;
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('on pre-join: the camera it starts with is named, with no camera before it', async () => {
    const media = mediaWith('depth');
    await media.start();
    await settled();
    expect(media.state.unsendableCamera).toEqual({ cameraId: 'depth', previousId: null });
  });

  it('switching to it names it with the camera before; switching back clears it', async () => {
    const media = mediaWith('front');
    await media.start();
    await settled();
    expect(media.state.unsendableCamera).toBeNull();
    await media.selectCamera('depth');
    await settled();
    expect(media.state.unsendableCamera).toEqual({ cameraId: 'depth', previousId: 'front' });
    await media.selectCamera('front');
    await settled();
    expect(media.state.unsendableCamera).toBeNull();
  });

  it('turning the camera off clears it', async () => {
    const media = mediaWith('depth');
    await media.start();
    await settled();
    await media.setVideoEnabled(false);
    expect(media.state.unsendableCamera).toBeNull();
  });

  it('a verdict that comes after the camera was switched again is ignored', async () => {
    let answer: (verdict: CameraSendability) => void = () => undefined;
    const probe = (): Promise<CameraSendability> => new Promise((resolve) => (answer = resolve));
    const media = new LocalMedia(fakeDevices(), { cameraId: 'front' }, quiet, probe);
    await media.start();
    await media.selectCamera('depth');
    const late = answer;
    await media.selectCamera('front');
    late('unsendable');
    await settled();
    expect(media.state.unsendableCamera).toBeNull();
  });
});
