/**
 * Follows the one track in use for a device and reports when it ends from outside: the device went away (unplugged,
 * permission withdrawn, driver reset). A track we stop ourselves fires nothing.
 */
export class TrackEndWatch {
  private track: MediaStreamTrack | null = null;

  constructor(private readonly onEnded: (track: MediaStreamTrack) => void) {}

  /** Follows `track` from now on, instead of the one before (null: none). */
  follow(track: MediaStreamTrack | null): void {
    if (track === this.track) return;
    this.track?.removeEventListener('ended', this.ended);
    track?.addEventListener('ended', this.ended);
    this.track = track;
  }

  private readonly ended = (event: Event): void => this.onEnded(event.target as MediaStreamTrack);
}
