import { untilAborted } from '../util/untilAborted.js';

/**
 * What the camera's first frame says, from a clone of its track (the track in use is untouched):
 * - `{ format }`: read with MediaStreamTrackProcessor (Chromium, so Electron): its `VideoFrame.format`, null for a
 *   format the web cannot name;
 * - 'played': the browser has no MediaStreamTrackProcessor (Firefox, Safari), but a frame played in a video element,
 *   format unknown;
 * - 'no-frame': none came in time, or the browser can show neither.
 */
export type FrameCheck = { format: string | null } | 'played' | 'no-frame';

/** How long to wait for the camera's first frame (a camera takes a moment to start). */
export const FIRST_FRAME_TIMEOUT_MS = 5_000;

interface FrameLike {
  readonly format: string | null;
  close(): void;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => {
  readable: ReadableStream<FrameLike>;
};

/**
 * Gives up when the time is up, or at once when `signal` aborts (the camera turned off or switched while starting,
 * the meeting ended): the clone is then let go, so the camera's light goes off.
 */
export async function checkFrame(
  track: MediaStreamTrack,
  signal: AbortSignal,
  timeoutMs = FIRST_FRAME_TIMEOUT_MS,
): Promise<FrameCheck> {
  if (track.readyState !== 'live' || signal.aborted) return 'no-frame';
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  const clone = track.clone();
  const wait = new AbortController();
  const timer = setTimeout(() => wait.abort(), timeoutMs);
  const cancel = () => wait.abort();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    if (Processor) return await readFormat(new Processor({ track: clone }).readable, wait.signal);
    return (await playsAFrame(clone, wait.signal)) ? 'played' : 'no-frame';
  } catch {
    return 'no-frame';
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
    clone.stop();
  }
}

async function readFormat(readable: ReadableStream<FrameLike>, wait: AbortSignal): Promise<FrameCheck> {
  const reader = readable.getReader();
  try {
    const frame = (await untilAborted(reader.read(), wait))?.value;
    const check: FrameCheck = frame === undefined ? 'no-frame' : { format: frame.format };
    frame?.close();
    return check;
  } finally {
    // A read still pending ends empty (no frame is left unclosed).
    void reader.cancel().catch(() => undefined);
  }
}

/** Plays the track in a video element of its own (never shown) until it has a frame to show. */
async function playsAFrame(track: MediaStreamTrack, wait: AbortSignal): Promise<boolean> {
  if (typeof HTMLMediaElement === 'undefined' || !('srcObject' in HTMLMediaElement.prototype)) return false;
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  try {
    const loaded = new Promise<boolean>((resolve) => video.addEventListener('loadeddata', () => resolve(true)));
    void video.play().catch(() => undefined);
    return (await untilAborted(loaded, wait)) === true;
  } finally {
    video.srcObject = null;
  }
}
