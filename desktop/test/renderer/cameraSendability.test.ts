import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fallbackCamera,
  needsLoopback,
  sendabilityVerdict,
  type CameraSendability,
} from '../../src/renderer/call/cameraSendability.js';
import type { FrameCheck } from '../../src/renderer/call/cameraFrameCheck.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { sendsCamera } from '../../src/renderer/call/localMediaState.js';
import type { LoopbackResult } from '../../src/renderer/call/loopbackEncoding.js';
import type { Logger } from '../../src/renderer/util/logger.js';
import { FakeMediaStream, fakeDevices } from './support/meetingDoubles.js';

/**
 * A camera whose frames calls cannot send (a depth or infrared camera; Chromium's second fake camera, whose Y16
 * frames are proved unsendable in e2e/browser/cameraUnsendable.spec.ts) is named, with the camera to go back to.
 */
const named: FrameCheck = { format: 'NV12' };
const nullFormat: FrameCheck = { format: null };
const sent = { framesDecoded: 0, codec: 'video/VP8' };
const encoded: LoopbackResult = { ...sent, connected: true, framesEncoded: 4 };
const neverEncoded: LoopbackResult = { ...sent, connected: true, framesEncoded: 0 };
const notConnected: LoopbackResult = { ...sent, connected: false, framesEncoded: 0, codec: null };

describe('needsLoopback: the cheap frame check clears a named format; anything it cannot clear is sent to test', () => {
  it.each([
    ['a named format (fast path)', named, false],
    ['a null format (depth, infrared, or a GPU frame that encodes well)', nullFormat, true],
    ['a frame played where formats cannot be read (Firefox, Safari)', 'played', true],
    ['no frame came: the loopback would see none either', 'no-frame', false],
  ] as const)('%s', (_, frame, needed) => {
    expect(needsLoopback(frame)).toBe(needed);
  });
});

describe('sendabilityVerdict: unsendable only when a frame came and a connected sender encoded none', () => {
  it.each([
    ['named format: sendable, no loopback', named, null, 'sendable'],
    ['null format, the loopback encoded (a GPU-backed camera): sendable', nullFormat, encoded, 'sendable'],
    ['null format, connected, never encoded: unsendable', nullFormat, neverEncoded, 'unsendable'],
    ['null format, the loopback did not connect: unknown', nullFormat, notConnected, 'unknown'],
    ['null format, the loopback could not be set up: unknown', nullFormat, null, 'unknown'],
    ['played, encoded: sendable', 'played', encoded, 'sendable'],
    ['played, connected, never encoded: unsendable', 'played', neverEncoded, 'unsendable'],
    ['played, not connected: unknown', 'played', notConnected, 'unknown'],
    ['played, no loopback: unknown', 'played', null, 'unknown'],
    ['no frame came: unknown', 'no-frame', null, 'unknown'],
    ['no frame came, whatever a loopback said: unknown', 'no-frame', neverEncoded, 'unknown'],
  ] as const)('%s', (_, frame, loopback, verdict) => {
    expect(sendabilityVerdict(frame, loopback)).toBe(verdict);
  });
});

describe('sendsCamera: what the others are told and shown', () => {
  it.each([
    [true, null, null, true],
    [true, { cameraId: 'depth', previousId: null }, null, false],
    [false, null, null, false],
    [true, null, 'previous', true],
    [true, null, 'placeholder', false],
  ] as const)('camera on %s, unsendable %o, checking %s -> %s', (video, unsendableCamera, cameraCheck, sent) => {
    expect(sendsCamera({ video, unsendableCamera, cameraCheck })).toBe(sent);
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

  it('while it is selected the calls do not send it (the camera-off placeholder goes instead); a camera that can be sent goes out again', async () => {
    const media = mediaWith('front');
    await media.start();
    await settled();
    const sent = () => media.sendStream.getVideoTracks()[0] ?? null;
    expect(sent()).toBe(media.cameraTrack);
    await media.selectCamera('depth');
    await settled();
    expect(media.cameraTrack).not.toBeNull();
    expect(sent()).not.toBe(media.cameraTrack);
    expect(sendsCamera(media.state)).toBe(false);
    await media.selectCamera('front');
    await settled();
    expect(sent()).toBe(media.cameraTrack);
    expect(sendsCamera(media.state)).toBe(true);
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
