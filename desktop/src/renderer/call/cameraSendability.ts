import type { DeviceOption } from './deviceOption.js';
import { checkFrame, type FrameCheck } from './cameraFrameCheck.js';
import { loopbackEncoding, type LoopbackResult } from './loopbackEncoding.js';

/**
 * Whether a camera's picture can go out in a call. Some cameras deliver frames in a pixel format WebRTC's encoders
 * do not take: depth cameras (Intel RealSense), some infrared ones (Windows Hello), and Chromium's second fake
 * camera (Y16). The self-view plays them, but not one frame is encoded, so the others see a frozen picture.
 * 'unknown': the browser cannot tell (no frame came, the test connection did not connect): no notice.
 */
export type CameraSendability = 'sendable' | 'unsendable' | 'unknown';

/**
 * Whether the frame check needs the ground truth of a loopback send. A named format (I420, NV12, ...) is sent: the
 * fast path. A null format is only a suspicion: depth and infrared frames have none, but so may frames that live in
 * GPU memory (Windows zero-copy capture, some macOS paths) which encode well. A frame played where the browser
 * cannot read formats (Firefox, Safari): only the loopback can tell. No frame at all: the loopback would see none
 * either.
 */
export function needsLoopback(frame: FrameCheck): boolean {
  if (frame === 'no-frame') return false;
  if (frame === 'played') return true;
  return frame.format === null;
}

/**
 * The verdict. 'unsendable' only when it is certain: the camera gave a frame, and a connected sender encoded not one
 * in its window. Anything encoded is 'sendable'; anything else is 'unknown', which shows nothing.
 */
export function sendabilityVerdict(frame: FrameCheck, loopback: LoopbackResult | null): CameraSendability {
  if (frame === 'no-frame') return 'unknown';
  if (typeof frame === 'object' && frame.format !== null) return 'sendable';
  if (!loopback) return 'unknown';
  if (loopback.framesEncoded > 0) return 'sendable';
  return loopback.connected ? 'unsendable' : 'unknown';
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

/** How long a camera judged unsendable is given to show it still delivers frames. */
const FRAME_AFTER_TIMEOUT_MS = 2_000;

/**
 * Run once when a camera starts or is switched to: the cheap frame check, confirmed by a loopback send
 * (loopbackEncoding.ts) whenever it cannot clear the camera by itself. A camera found never encoded must still be
 * giving frames afterwards: one that stalled meanwhile encodes nothing either, and proves nothing. `signal` aborts
 * the check when its answer is no longer wanted (the camera turned off or switched, the meeting ended): every part
 * stops at once and lets go of what it holds, and the answer is 'unknown'.
 */
export async function probeCameraSendability(track: MediaStreamTrack, signal: AbortSignal): Promise<CameraSendability> {
  const frame = await checkFrame(track, signal);
  if (signal.aborted) return 'unknown';
  if (!needsLoopback(frame)) return sendabilityVerdict(frame, null);
  const verdict = sendabilityVerdict(frame, await loopbackEncoding(track, signal));
  if (verdict !== 'unsendable') return verdict;
  return (await checkFrame(track, signal, FRAME_AFTER_TIMEOUT_MS)) === 'no-frame' ? 'unknown' : verdict;
}
