/** Why sharing did not start, other than the person cancelling the picker (the sentence is written at render). */
export type ScreenShareProblem = 'failed' | 'nothing-chosen';

export interface ScreenShareResult {
  stream: MediaStream | null;
  error: ScreenShareProblem | null;
}

/**
 * The local screen share: `getDisplayMedia` (in the desktop app the shell's own picker answers it)
 * and the end of the share by the browser or OS ("Stop sharing"), reported through `onEnded`.
 */
export class ScreenShare {
  private current: MediaStream | null = null;

  constructor(
    private readonly onEnded: () => void,
    private readonly getDisplayMedia: (options: DisplayMediaStreamOptions) => Promise<MediaStream> = (options) =>
      navigator.mediaDevices.getDisplayMedia(options),
  ) {}

  get stream(): MediaStream | null {
    return this.current;
  }

  async start(): Promise<ScreenShareResult> {
    if (this.current) return { stream: this.current, error: null };
    let stream: MediaStream;
    try {
      stream = await this.getDisplayMedia({ video: true, audio: true });
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'NotAllowedError' || name === 'AbortError') return { stream: null, error: null };
      return { stream: null, error: 'failed' };
    }
    const video = stream.getVideoTracks()[0];
    if (!video) {
      for (const track of stream.getTracks()) track.stop();
      return { stream: null, error: 'nothing-chosen' };
    }
    // Text on slides and code stays sharp rather than smooth.
    if ('contentHint' in video) video.contentHint = 'detail';
    video.addEventListener('ended', () => {
      if (this.current === stream) this.onEnded();
    });
    this.current = stream;
    return { stream, error: null };
  }

  stop(): void {
    const stream = this.current;
    this.current = null;
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
}
