import type { DeviceOption } from './deviceOption.js';

/**
 * Whether a camera's picture can go out in a call. Some cameras deliver frames in a pixel format WebRTC's encoders
 * do not take: depth cameras (Intel RealSense), some infrared ones (Windows Hello), and Chromium's second fake
 * camera (Y16). The self-view plays them, but not one frame is encoded, so the others see a frozen picture.
 * 'unknown': the browser cannot tell (no MediaStreamTrackProcessor, or no frame came in time).
 */
export type CameraSendability = 'sendable' | 'unsendable' | 'unknown';

/**
 * From a captured frame's `VideoFrame.format`: null is a pixel format the web platform cannot name (Y16 and the
 * other depth / infrared formats), which is exactly what the encoders refuse; a named one (I420, NV12, ...) is sent.
 * No frame at all (undefined) proves nothing.
 */
export function sendabilityOfFrame(format: string | null | undefined): CameraSendability {
  if (format === undefined) return 'unknown';
  return format === null ? 'unsendable' : 'sendable';
}

/**
 * The camera to offer instead of one that cannot be sent: the one used before if it is still there, else the first
 * other camera in the list, else none.
 */
export function fallbackCamera(
  cameras: readonly DeviceOption[],
  unsendableId: string,
  previousId: string | null,
): DeviceOption | null {
  const others = cameras.filter((camera) => camera.deviceId !== unsendableId);
  return others.find((camera) => camera.deviceId === previousId) ?? others[0] ?? null;
}

interface FrameLike {
  readonly format: string | null;
  close(): void;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => {
  readable: ReadableStream<FrameLike>;
};

/** How long to wait for the camera's first frame before saying 'unknown' (a camera takes a moment to start). */
export const FIRST_FRAME_TIMEOUT_MS = 5_000;

/**
 * Reads one frame of the camera (from a clone, so the track in use is untouched) and judges its pixel format.
 * Chromium (and so Electron) has MediaStreamTrackProcessor on the page; elsewhere the answer is 'unknown'.
 */
export async function probeCameraSendability(
  track: MediaStreamTrack,
  timeoutMs = FIRST_FRAME_TIMEOUT_MS,
): Promise<CameraSendability> {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  if (!Processor || track.readyState !== 'live') return 'unknown';
  const clone = track.clone();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const reader = new Processor({ track: clone }).readable.getReader();
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const frame = await Promise.race([reader.read().then(({ value }) => value), timeout]);
    const verdict = sendabilityOfFrame(frame === undefined ? undefined : frame.format);
    frame?.close();
    void reader.cancel().catch(() => undefined);
    return verdict;
  } catch {
    return 'unknown';
  } finally {
    clearTimeout(timer);
    clone.stop();
  }
}
