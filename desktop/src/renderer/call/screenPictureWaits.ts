/**
 * How long the stage waits for a shared screen's first picture before showing the screen anyway (a slow link, or a
 * still screen whose first frame was decoded before the server's news came and which sends no other).
 */
export const SCREEN_PICTURE_WAIT_MS = 1_000;
/** How often a waiting receiver is asked whether it delivered a frame (a synchronous, cheap read). */
const POLL_MS = 20;
/**
 * A frame delivered this long before the wait began counts as the share's: the first frames can reach us before
 * the server's news of the share does, and a frame is only delivered while the other side sends a screen.
 */
const RECENT_MS = 300;

/** What a wait reads: an RTCRtpReceiver's `getSynchronizationSources` (frames delivered to its track). */
export interface FrameSource {
  getSynchronizationSources(): readonly { timestamp: number }[];
}

/** The clock of `RTCRtpSynchronizationSource.timestamp`: `performance.timeOrigin + performance.now()`. */
const frameClock = (): number => performance.timeOrigin + performance.now();

/**
 * Someone started sharing on a call's screen slot: their screen goes on our stage once its first frame has been
 * decoded, not at the server's news, which on a fast network comes first. The person sees the screen when there is
 * something to see (no empty stage), and re-laying out the stage (tens of milliseconds of rendering and
 * compositing) does not compete with the first frame's decoding for the computer. At most
 * `SCREEN_PICTURE_WAIT_MS`: then the screen is shown, picture or not.
 */
export class ScreenPictureWaits {
  private readonly waits = new Map<
    string,
    { receiver: FrameSource; poll: ReturnType<typeof setInterval>; cap: ReturnType<typeof setTimeout> }
  >();

  constructor(
    private readonly maxMs = SCREEN_PICTURE_WAIT_MS,
    private readonly now: () => number = frameClock,
  ) {}

  /** Whether this participant's screen is waiting for its picture. */
  waiting(peerId: string): boolean {
    return this.waits.has(peerId);
  }

  /**
   * Runs `show` once `receiver` delivered a frame of the share (at once when it already has), or after the longest
   * wait. A wait already running for this participant on the same receiver is left as it is; one on another
   * receiver (a call replaced meanwhile: its slot is gone) gives way to this one.
   */
  wait(peerId: string, receiver: FrameSource, show: () => void): void {
    if (this.waits.get(peerId)?.receiver === receiver) return;
    this.cancel(peerId);
    const since = this.now() - RECENT_MS;
    const delivered = () => receiver.getSynchronizationSources().some((source) => source.timestamp >= since);
    if (delivered()) {
      show();
      return;
    }
    const done = () => {
      this.cancel(peerId);
      show();
    };
    const poll = setInterval(() => {
      if (delivered()) done();
    }, POLL_MS);
    const cap = setTimeout(done, this.maxMs);
    this.waits.set(peerId, { receiver, poll, cap });
  }

  /** The share stopped, or the call went: nothing is shown for this wait. */
  cancel(peerId: string): void {
    const wait = this.waits.get(peerId);
    if (!wait) return;
    clearInterval(wait.poll);
    clearTimeout(wait.cap);
    this.waits.delete(peerId);
  }

  cancelAll(): void {
    for (const peerId of [...this.waits.keys()]) this.cancel(peerId);
  }
}
