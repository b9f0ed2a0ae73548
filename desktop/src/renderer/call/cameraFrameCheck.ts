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
/**
 * How often the wait looks whether the camera's own track was stopped meanwhile (turned off while starting,
 * switched): the clone is then let go at once, so the camera's light goes off. (stop() fires no 'ended'.)
 */
const STOPPED_POLL_MS = 200;

interface FrameLike {
  readonly format: string | null;
  close(): void;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => {
  readable: ReadableStream<FrameLike>;
};

export async function checkFrame(track: MediaStreamTrack, timeoutMs = FIRST_FRAME_TIMEOUT_MS): Promise<FrameCheck> {
  if (track.readyState !== 'live') return 'no-frame';
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  const clone = track.clone();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  // Gives up when the time is up, or as soon as the camera itself was stopped.
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
    poll = setInterval(() => track.readyState === 'ended' && resolve(undefined), STOPPED_POLL_MS);
  });
  try {
    if (Processor) return await readFormat(new Processor({ track: clone }).readable, timeout);
    return (await playsAFrame(clone, timeout)) ? 'played' : 'no-frame';
  } catch {
    return 'no-frame';
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    clone.stop();
  }
}

async function readFormat(readable: ReadableStream<FrameLike>, timeout: Promise<undefined>): Promise<FrameCheck> {
  const reader = readable.getReader();
  const frame = await Promise.race([reader.read().then(({ value }) => value), timeout]);
  const check: FrameCheck = frame === undefined ? 'no-frame' : { format: frame.format };
  frame?.close();
  void reader.cancel().catch(() => undefined);
  return check;
}

/** Plays the track in a video element of its own (never shown) until it has a frame to show. */
async function playsAFrame(track: MediaStreamTrack, timeout: Promise<undefined>): Promise<boolean> {
  if (typeof HTMLMediaElement === 'undefined' || !('srcObject' in HTMLMediaElement.prototype)) return false;
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  try {
    const loaded = new Promise<boolean>((resolve) => video.addEventListener('loadeddata', () => resolve(true)));
    void video.play().catch(() => undefined);
    return (await Promise.race([loaded, timeout])) === true;
  } finally {
    video.srcObject = null;
  }
}
