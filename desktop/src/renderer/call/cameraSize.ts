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
  private captured: FrameSize = CAMERA_SIZE;
  private lastSent: FrameSize = CAMERA_SIZE;

  constructor(
    private readonly send: SendStream,
    private readonly logger: Logger,
  ) {}

  /** What a camera turned on or switched now is asked for. */
  get capture(): FrameSize {
    return this.captured;
  }

  /** The placeholder's size once the camera `previous` is no longer used: the size it last sent. */
  placeholderAfter(previous: MediaStreamTrack | null): FrameSize {
    this.lastSent = frameSizeOf(previous) ?? this.lastSent;
    return this.lastSent;
  }

  /**
   * Captures at `size` from now on: the running `camera` changes size in place (`applyConstraints` on the same
   * track: no new permission prompt, no new track for the calls, the picture goes on). With the camera off, the
   * placeholder takes that size (the one being sent is resized in place: the same track).
   */
  async set(size: FrameSize, camera: MediaStreamTrack | null): Promise<void> {
    if (size.width === this.captured.width && size.height === this.captured.height) return;
    this.captured = size;
    if (!camera) {
      this.lastSent = size;
      if (this.send.current('video')) this.send.setVideo(null, size);
      return;
    }
    try {
      await camera.applyConstraints(cameraConstraints(size));
    } catch (error) {
      // The camera keeps the size it has: still a picture, with fewer simulcast layers.
      this.logger.warn('could not change the camera size', error);
    }
  }
}
