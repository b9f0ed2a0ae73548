import type { MediaDevicesLike } from '../../../src/renderer/call/localMediaState.js';
import type { FrameSize } from '../../../src/renderer/call/placeholderTracks.js';
import { FakeMediaStream, FakeTrack } from './meetingDoubles.js';

/** The size a request or a constraint asks for: its ideals, else `fallback`. */
function askedSize(constraints: MediaTrackConstraints, fallback: FrameSize): FrameSize {
  const ideal = (value: MediaTrackConstraints['width'], otherwise: number) =>
    typeof value === 'object' && typeof value.ideal === 'number' ? value.ideal : otherwise;
  return { width: ideal(constraints.width, fallback.width), height: ideal(constraints.height, fallback.height) };
}

/** One opened camera, shared by its track and the track's clones: the size it captures at. */
class CameraSource {
  readonly tracks = new Set<SharedSourceTrack>();
  constructor(public size: FrameSize) {}
}

/**
 * A camera track as Chromium's behaves about its size (apply_constraints_processor.cc): the camera is opened at the
 * size getUserMedia asked for; `applyConstraints` reopens it at another size only while this is the one live track
 * on it, and otherwise resolves all the same while the camera keeps its size, the track only scaled down to what it
 * asked (never up). Clones share the camera, as a camera check's do.
 */
export class SharedSourceTrack extends FakeTrack {
  private asked: FrameSize;

  constructor(private readonly source: CameraSource) {
    super('video');
    this.asked = source.size;
    source.tracks.add(this);
  }

  override stop(): void {
    super.stop();
    this.source.tracks.delete(this);
  }

  override async applyConstraints(constraints: MediaTrackConstraints): Promise<void> {
    await super.applyConstraints(constraints);
    this.asked = askedSize(constraints, this.asked);
    if (this.source.tracks.size === 1) this.source.size = this.asked;
  }

  override clone(): SharedSourceTrack {
    const copy = new SharedSourceTrack(this.source);
    copy.asked = this.asked;
    return copy;
  }

  override getSettings(): MediaTrackSettings {
    const { size } = this.source;
    return {
      deviceId: 'video-device',
      width: Math.min(size.width, this.asked.width),
      height: Math.min(size.height, this.asked.height),
    };
  }
}

/** Devices whose cameras are SharedSourceTracks (every one handed out is kept) and whose microphones always answer. */
export function sharedSourceDevices(): MediaDevicesLike & { cameras: SharedSourceTrack[] } {
  const cameras: SharedSourceTrack[] = [];
  return {
    cameras,
    getUserMedia: async (constraints) => {
      const video = constraints?.video;
      if (!video) return new FakeMediaStream([new FakeTrack('audio')]) as unknown as MediaStream;
      const asked = askedSize(video === true ? {} : video, { width: 640, height: 480 });
      const camera = new SharedSourceTrack(new CameraSource(asked));
      cameras.push(camera);
      return new FakeMediaStream([camera]) as unknown as MediaStream;
    },
    enumerateDevices: async () => [],
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
}
