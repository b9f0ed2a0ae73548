import type { LocalMediaState } from './localMediaState.js';
import type { FrameSize } from './placeholderTracks.js';
import type { SendStream } from './sendStream.js';

/**
 * What the calls send for a camera just turned on or switched to, until it is cleared (cameraSendability.ts): what
 * they sent before, so the others never get frames they cannot decode for the seconds the check takes. That is the
 * camera before, while it still runs (it is kept running until then, and stopped after), else the camera-off
 * placeholder. The self-view shows the new camera at once; only the calls wait.
 */
export class CameraHandover {
  /** The camera before, still sent while the new one is checked. */
  private held: MediaStreamTrack | null = null;
  private placeholderSize: FrameSize | null = null;

  /** `onHeldLost`: the camera held went away meanwhile, and the placeholder goes out instead until the check ends. */
  constructor(
    private readonly send: SendStream,
    private readonly onHeldLost: () => void,
  ) {}

  /**
   * The camera now in use (null: off) replaces `previous` (stopped, unless kept for the calls until the new one is
   * cleared). Returns what the calls send meanwhile. The placeholder has `size`.
   */
  use(
    track: MediaStreamTrack | null,
    previous: MediaStreamTrack | null,
    size: FrameSize,
  ): LocalMediaState['cameraCheck'] {
    const sent = this.send.current('video');
    const keep = track && sent?.readyState === 'live' && (sent === previous || sent === this.held) ? sent : null;
    if (this.held !== keep) this.release();
    if (keep && keep !== this.held) keep.addEventListener('ended', this.heldEnded);
    this.held = keep;
    this.placeholderSize = size;
    if (!keep) this.send.setVideo(null, size);
    if (previous && previous !== track && previous !== keep) previous.stop();
    if (!track) return null;
    return keep ? 'previous' : 'placeholder';
  }

  /** The check is over: the calls get `track`, or with null the placeholder at `size`; the camera held is stopped. */
  settle(track: MediaStreamTrack | null, size: FrameSize): void {
    this.release();
    this.send.setVideo(track, size);
  }

  /** Stops the camera held for the calls, if any (it is no longer needed, or everything stops). */
  release(): void {
    this.held?.removeEventListener('ended', this.heldEnded);
    this.held?.stop();
    this.held = null;
  }

  private readonly heldEnded = (): void => {
    this.release();
    if (this.placeholderSize) this.send.setVideo(null, this.placeholderSize);
    this.onHeldLost();
  };
}
