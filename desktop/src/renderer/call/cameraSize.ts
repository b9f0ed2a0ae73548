import type { Logger } from '../util/logger.js';
import { CAMERA_SIZE, cameraConstraints } from './acquireTrack.js';
import { frameSizeOf } from './frameSizeOf.js';
import type { FrameSize } from './placeholderTracks.js';
import type { SendStream } from './sendStream.js';

/**
 * The local camera's two sizes: the one it is captured at (CAMERA_SIZE on the mesh, larger in an SFU meeting), and
 * the camera-off placeholder's (what the camera last sent, or what it asks for before it ever ran).
 */
export class CameraSize {
  private wanted: FrameSize = CAMERA_SIZE;
  private lastSent: FrameSize = CAMERA_SIZE;

  constructor(
    private readonly send: SendStream,
    private readonly logger: Logger,
  ) {}

  /** What a camera turned on or switched now is asked for. */
  get capture(): FrameSize {
    return this.wanted;
  }

  /** The placeholder's size once the camera `previous` is no longer used: the size it last sent. */
  placeholderAfter(previous: MediaStreamTrack | null): FrameSize {
    this.lastSent = frameSizeOf(previous) ?? this.lastSent;
    return this.lastSent;
  }

  /**
   * Captures at `size` from now on: the running `camera` changes size in place (`fit`). With the camera off, the
   * placeholder takes that size (the one being sent is resized in place: the same track).
   */
  async set(size: FrameSize, camera: MediaStreamTrack | null): Promise<void> {
    const changed = !sameSize(size, this.wanted);
    this.wanted = size;
    if (camera) {
      await this.fit(camera);
    } else if (changed) {
      this.lastSent = size;
      if (this.send.current('video')) this.send.setVideo(null, size);
    }
  }

  /**
   * Asks `camera` for the size wanted unless it delivers it already: `applyConstraints` on the same track (no new
   * permission prompt, no new track for the calls, the picture goes on). Called again once a camera check let go of
   * its clones (LocalMedia.checkSendable): Chromium reopens a camera at another size only while one track uses it,
   * and with a clone alive it resolves yet keeps the size the camera was opened at (it can only scale down), so a
   * size asked for during the check would otherwise never come.
   */
  async fit(camera: MediaStreamTrack): Promise<void> {
    const delivered = frameSizeOf(camera);
    if (delivered && sameSize(delivered, this.wanted)) return;
    try {
      await camera.applyConstraints(cameraConstraints(this.wanted));
    } catch (error) {
      // The camera keeps the size it has: still a picture, with fewer simulcast layers.
      this.logger.warn('could not change the camera size', error);
    }
  }
}

function sameSize(a: FrameSize, b: FrameSize): boolean {
  return a.width === b.width && a.height === b.height;
}
