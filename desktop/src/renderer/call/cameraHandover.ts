import type { Logger } from '../util/logger.js';
import type { CameraSendability } from './cameraSendability.js';
import type { LocalMediaState } from './localMediaState.js';
import { CAMERA_SIZE } from './acquireTrack.js';
import { frameSizeOf } from './frameSizeOf.js';
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
  private placeholderSize: FrameSize = CAMERA_SIZE;
  /** The check running, for the camera it checks: aborted once that camera is no longer the one in use. */
  private checking: { track: MediaStreamTrack; controller: AbortController } | null = null;

  /** `onHeldLost`: the camera held went away meanwhile, and the placeholder goes out instead until the check ends. */
  constructor(
    private readonly send: SendStream,
    private readonly probe: (track: MediaStreamTrack, signal: AbortSignal) => Promise<CameraSendability>,
    private readonly logger: Logger,
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
    if (this.checking?.track !== track) this.cancelCheck();
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

  /**
   * Checks `track` once (cameraSendability.ts) and, if it is still the camera in use then (`stillInUse`), hands the
   * calls over to it, or to the placeholder (its size) when it cannot be sent; the camera held is stopped. Resolves
   * with the verdict, or null when the camera was no longer in use. The check is aborted as soon as another camera
   * (or none) is used, or everything stops: it lets go of what it holds at once.
   */
  async check(track: MediaStreamTrack, stillInUse: () => boolean): Promise<CameraSendability | null> {
    this.cancelCheck();
    const checking = (this.checking = { track, controller: new AbortController() });
    let verdict: CameraSendability;
    try {
      verdict = await this.probe(track, checking.controller.signal);
    } finally {
      if (this.checking === checking) this.checking = null;
    }
    if (checking.controller.signal.aborted || !stillInUse()) return null;
    this.release();
    if (verdict === 'unsendable') this.logger.warn('the camera delivers frames calls cannot send', track.label);
    this.send.setVideo(verdict === 'unsendable' ? null : track, frameSizeOf(track) ?? this.placeholderSize);
    return verdict;
  }

  /** Everything stops (the meeting ended, the pre-join screen left): the check is aborted, the camera held stopped. */
  stop(): void {
    this.cancelCheck();
    this.release();
  }

  /** Stops the camera held for the calls, if any (it is no longer needed, or everything stops). */
  release(): void {
    this.held?.removeEventListener('ended', this.heldEnded);
    this.held?.stop();
    this.held = null;
  }

  private cancelCheck(): void {
    this.checking?.controller.abort();
    this.checking = null;
  }

  private readonly heldEnded = (): void => {
    this.release();
    this.send.setVideo(null, this.placeholderSize);
    this.onHeldLost();
  };
}
