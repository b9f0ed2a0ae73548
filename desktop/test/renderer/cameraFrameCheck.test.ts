import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFrame, FIRST_FRAME_TIMEOUT_MS, type FrameCheck } from '../../src/renderer/call/cameraFrameCheck.js';
import { FakeTrack } from './support/meetingDoubles.js';

/** A camera track whose clones are kept, to tell whether the check let go of them. */
class CloningTrack extends FakeTrack {
  readonly clones: FakeTrack[] = [];
  override clone(): FakeTrack {
    const copy = super.clone();
    this.clones.push(copy);
    return copy;
  }
}

/** Chromium's MediaStreamTrackProcessor for a camera that has given no frame yet: its stream never yields one. */
class FramelessProcessor {
  readonly readable = new ReadableStream<never>({});
  constructor(_init: { track: MediaStreamTrack }) {}
}

describe('checkFrame: a camera turned off while its first frame is awaited', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaStreamTrackProcessor', FramelessProcessor);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('lets go of its clone as soon as the check is cancelled, not at the end of the wait (the camera light goes off)', async () => {
    const camera = new CloningTrack('video');
    const cancel = new AbortController();
    let result: FrameCheck | null = null;
    void checkFrame(camera as unknown as MediaStreamTrack, cancel.signal).then((check) => (result = check));
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_TIMEOUT_MS / 5);
    expect(result).toBeNull();
    expect(camera.clones.map((clone) => clone.readyState)).toEqual(['live']);

    camera.stop();
    cancel.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBe('no-frame');
    expect(camera.clones.map((clone) => clone.readyState)).toEqual(['ended']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a camera left on that gives no frame is waited for until the time is up', async () => {
    const camera = new CloningTrack('video');
    let result: FrameCheck | null = null;
    void checkFrame(camera as unknown as MediaStreamTrack, new AbortController().signal).then(
      (check) => (result = check),
    );
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_TIMEOUT_MS - 1);
    expect(result).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBe('no-frame');
    expect(camera.clones.map((clone) => clone.readyState)).toEqual(['ended']);
  });
});
