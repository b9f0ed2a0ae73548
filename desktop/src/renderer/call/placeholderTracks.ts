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

  videoTrack(): MediaStreamTrack | null {
    if (this.video && this.video.readyState === 'live') return this.video;
    const canvas = document.createElement('canvas');
    if (typeof canvas.captureStream !== 'function') return null;
    // The camera's size, so the encoder does not settle on a smaller picture before the camera comes on.
    canvas.width = 640;
    canvas.height = 360;
    const context = canvas.getContext('2d');
    if (!context) return null;
    const draw = () => {
      context.fillStyle = '#000';
      context.fillRect(0, 0, canvas.width, canvas.height);
    };
    draw();
    // A frame now and then keeps the receiver's decoder fed; the tile shows an avatar anyway.
    this.paint = setInterval(draw, 1000);
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
    this.video?.stop();
    this.audio?.stop();
    this.video = null;
    this.audio = null;
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
  }
}
