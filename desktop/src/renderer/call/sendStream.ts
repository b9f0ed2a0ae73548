import { PlaceholderTracks, type FrameSize } from './placeholderTracks.js';

export type SendKind = 'audio' | 'video';

/**
 * The one stream calls send, with exactly one audio and one video track: a placeholder (placeholderTracks.ts) while
 * the camera is off or the microphone is missing, so calls never need renegotiation. Each change of track is handed
 * to `onTrack`, for the calls to replace it in their senders.
 */
export class SendStream {
  readonly stream = new MediaStream();
  private readonly placeholders = new PlaceholderTracks();

  constructor(private readonly onTrack: (kind: SendKind, track: MediaStreamTrack | null) => void) {}

  /** What goes out for this kind now (a device's track or a placeholder; null before anything was set). */
  current(kind: SendKind): MediaStreamTrack | null {
    return (kind === 'audio' ? this.stream.getAudioTracks() : this.stream.getVideoTracks())[0] ?? null;
  }

  /** Sends the microphone, or silence when null. */
  setAudio(track: MediaStreamTrack | null): void {
    this.swap('audio', track ?? this.placeholders.audioTrack());
  }

  /** Sends the camera, or when null the black placeholder at `size` (the same placeholder track, resized). */
  setVideo(track: MediaStreamTrack | null, size: FrameSize): void {
    this.swap('video', track ?? this.placeholders.videoTrack(size));
  }

  stop(): void {
    for (const track of this.stream.getTracks()) this.stream.removeTrack(track);
    this.placeholders.stop();
  }

  private swap(kind: SendKind, track: MediaStreamTrack | null): void {
    const old = kind === 'audio' ? this.stream.getAudioTracks() : this.stream.getVideoTracks();
    if (old.length === 1 && old[0] === track) return;
    for (const existing of old) this.stream.removeTrack(existing);
    if (track) this.stream.addTrack(track);
    this.onTrack(kind, track);
  }
}
