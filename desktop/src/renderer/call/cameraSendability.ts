import type { DeviceOption } from './deviceOption.js';
import { loopbackEncoding, type LoopbackResult } from './loopbackEncoding.js';

/**
 * Whether a camera's picture can go out in a call. Some cameras deliver frames in a pixel format WebRTC's encoders
 * do not take: depth cameras (Intel RealSense), some infrared ones (Windows Hello), and Chromium's second fake
 * camera (Y16). The self-view plays them, but not one frame is encoded, so the others see a frozen picture.
 * 'unknown': the browser cannot tell (no frame came, the test connection did not connect): no notice.
 */
export type CameraSendability = 'sendable' | 'unsendable' | 'unknown';

/**
 * One frame read from the camera with MediaStreamTrackProcessor: its `VideoFrame.format` (null: a format the web
 * cannot name), 'no-frame' (none came in time) or 'no-reader' (the browser has no MediaStreamTrackProcessor:
 * Firefox, Safari).
 */
export type FrameCheck = { format: string | null } | 'no-frame' | 'no-reader';

/**
 * Whether the frame check needs the ground truth of a loopback send. A named format (I420, NV12, ...) is sent: the
 * fast path. A null format is only a suspicion: depth and infrared frames have none, but so may frames that live in
 * GPU memory (Windows zero-copy capture, some macOS paths) which encode well. Without a reader, only the loopback
 * can tell, once per camera start or switch. A reader that got no frame: the loopback would see none either.
 */
export function needsLoopback(frame: FrameCheck): boolean {
  if (frame === 'no-frame') return false;
  if (frame === 'no-reader') return true;
  return frame.format === null;
}

/**
 * The verdict. 'unsendable' only when it is certain: the camera's frames reached the sender (a frame was read, or the
 * sender's media-source counted some) and a connected sender encoded not one of them in its window. Anything
 * encoded is 'sendable'; anything else is 'unknown', which shows nothing.
 */
export function sendabilityVerdict(frame: FrameCheck, loopback: LoopbackResult | null): CameraSendability {
  if (typeof frame === 'object' && frame.format !== null) return 'sendable';
  if (!loopback) return 'unknown';
  if (loopback.framesEncoded > 0) return 'sendable';
  const framesCame = typeof frame === 'object' || (loopback.framesIn ?? 0) > 0;
  return loopback.connected && framesCame ? 'unsendable' : 'unknown';
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

/** Reads one frame of the camera (from a clone, so the track in use is untouched) and gives its format. */
export async function readFrameFormat(track: MediaStreamTrack, timeoutMs = FIRST_FRAME_TIMEOUT_MS): Promise<FrameCheck> {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  if (!Processor) return 'no-reader';
  if (track.readyState !== 'live') return 'no-frame';
  const clone = track.clone();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const reader = new Processor({ track: clone }).readable.getReader();
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const frame = await Promise.race([reader.read().then(({ value }) => value), timeout]);
    const check: FrameCheck = frame === undefined ? 'no-frame' : { format: frame.format };
    frame?.close();
    void reader.cancel().catch(() => undefined);
    return check;
  } catch {
    return 'no-frame';
  } finally {
    clearTimeout(timer);
    clone.stop();
  }
}

/**
 * Run once when a camera starts or is switched to: the cheap frame check, confirmed by a loopback send
 * (loopbackEncoding.ts) whenever it cannot clear the camera by itself.
 */
export async function probeCameraSendability(track: MediaStreamTrack): Promise<CameraSendability> {
  const frame = await readFrameFormat(track);
  if (!needsLoopback(frame)) return sendabilityVerdict(frame, null);
  return sendabilityVerdict(frame, await loopbackEncoding(track));
}
