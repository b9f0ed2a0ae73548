/** A video frame's size in pixels. */
export interface FrameSize {
  width: number;
  height: number;
}

/**
 * Tracks that stand in for a camera that is off or a microphone that is missing, so every call
 * always has an audio and a video sender: turning the camera on later is a `replaceTrack`, which
 * needs no renegotiation (PeerJS cannot renegotiate). Null where the browser cannot make one.
 */
export class PlaceholderTracks {
  private video: MediaStreamTrack | null = null;
  private audio: MediaStreamTrack | null = null;
  private audioContext: AudioContext | null = null;
  private paint: ReturnType<typeof setInterval> | null = null;
  private canvas: HTMLCanvasElement | null = null;

  /**
   * A black picture of the camera's size. Smaller, the sender's bandwidth estimate settles on what the
   * small picture needs, and when the camera comes on the others get a downscaled picture for seconds
   * (measured in Chromium: 320x180 for over 3 s after turning on a 640x360 camera).
   */
  videoTrack(size: FrameSize): MediaStreamTrack | null {
    if (this.video && this.video.readyState === 'live' && this.canvas) {
      this.resize(this.canvas, size);
      return this.video;
    }
    const canvas = document.createElement('canvas');
    if (typeof canvas.captureStream !== 'function') return null;
    const context = canvas.getContext('2d');
    if (!context) return null;
    if (this.paint !== null) clearInterval(this.paint);
    this.canvas = canvas;
    this.resize(canvas, size);
    // A frame now and then keeps the receiver's decoder fed; the tile shows an avatar anyway.
    this.paint = setInterval(() => paintBlack(canvas), 1000);
    this.video = canvas.captureStream(1).getVideoTracks()[0] ?? null;
    return this.video;
  }

  audioTrack(): MediaStreamTrack | null {
    if (this.audio && this.audio.readyState === 'live') return this.audio;
    if (typeof AudioContext === 'undefined') return null;
    this.audioContext ??= new AudioContext();
    this.audio = this.audioContext.createMediaStreamDestination().stream.getAudioTracks()[0] ?? null;
    return this.audio;
  }

  stop(): void {
    if (this.paint !== null) clearInterval(this.paint);
    this.paint = null;
    this.canvas = null;
    this.video?.stop();
    this.audio?.stop();
    this.video = null;
    this.audio = null;
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
  }

  private resize(canvas: HTMLCanvasElement, size: FrameSize): void {
    if (canvas.width !== size.width || canvas.height !== size.height) {
      canvas.width = size.width;
      canvas.height = size.height;
    }
    paintBlack(canvas);
  }
}

function paintBlack(canvas: HTMLCanvasElement): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
}
