import type { MediaDevicesLike } from './localMediaState.js';
import type { FrameSize } from './placeholderTracks.js';

/**
 * Mesh calls send one stream to every participant, so video is kept modest; the fake devices and
 * real cameras both honour these as ideals. What each call sends is then limited by the sender budget
 * (senderBudget.ts). A 720p capture was tried: on a loaded 2-core machine Chromium's CPU adaptation kept
 * it at 640 wide anyway, and the first seconds after the camera came on were blurrier.
 */
export const CAMERA_SIZE: FrameSize = { width: 640, height: 360 };

/**
 * In an SFU meeting the camera is sent once, in three simulcast layers (sfuPublisher.ts): full, half and quarter
 * size. Chromium encodes as many layers as the captured size allows (three from 960x540 up, two below), so the
 * camera is captured larger there, and back at CAMERA_SIZE on the mesh (LocalMedia.setCaptureSize).
 */
export const SFU_CAMERA_SIZE: FrameSize = { width: 960, height: 540 };

/** The camera constraints for a capture of `size` (ideals: a camera that cannot do it gives its nearest). */
export function cameraConstraints(size: FrameSize): MediaTrackConstraints {
  return { width: { ideal: size.width }, height: { ideal: size.height }, frameRate: { ideal: 24, max: 30 } };
}
const MICROPHONE = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * One camera (captured at `size`) or microphone track from `deviceId` (falling back to the system default when
 * that device is gone), or the getUserMedia error (a missing track is a NotFoundError).
 */
export async function acquireTrack(
  devices: MediaDevicesLike,
  kind: 'audio' | 'video',
  deviceId: string | null,
  size: FrameSize = CAMERA_SIZE,
): Promise<MediaStreamTrack> {
  const base = kind === 'audio' ? MICROPHONE : cameraConstraints(size);
  const request = (id: string | null) =>
    devices.getUserMedia({ [kind]: id ? { ...base, deviceId: { exact: id } } : base });
  let stream: MediaStream;
  try {
    stream = await request(deviceId);
  } catch (error) {
    // The remembered device is gone: fall back to the system default.
    if (!deviceId || (error as { name?: string }).name !== 'OverconstrainedError') throw error;
    stream = await request(null);
  }
  const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
  if (!track) throw Object.assign(new Error(`No ${kind} track`), { name: 'NotFoundError' });
  return track;
}
