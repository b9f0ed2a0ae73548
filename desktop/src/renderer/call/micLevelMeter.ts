/** Below this the meter reads 0; at 0 dBFS it reads 1. Speech lands around the middle. */
const FLOOR_DB = -60;

/** Maps an RMS amplitude (0..1) to a meter level (0..1) on a decibel scale. */
export function levelFromRms(rms: number): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** Anything that reads a live level (0..1): a `MicLevelMeter`, or a stand-in in tests. */
export interface LevelMeter {
  level(): number;
  close(): void;
}

/**
 * The live level of an audio track (our microphone or someone's received voice), read from an AnalyserNode. A
 * disabled track reads as silence, so the meter follows the mute toggle. Several meters may share one
 * AudioContext (`shared`), which then stays open when they close.
 */
export class MicLevelMeter implements LevelMeter {
  private readonly context: AudioContext;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(
    track: MediaStreamTrack,
    private readonly shared?: AudioContext,
  ) {
    this.context = shared ?? new AudioContext();
    // A context made before the first click starts suspended; the pre-join screen follows a click.
    void this.context.resume().catch(() => undefined);
    this.source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.analyser.smoothingTimeConstant = 0.3;
    this.source.connect(this.analyser);
    this.samples = new Float32Array(this.analyser.fftSize);
  }

  /** The level now, 0..1. */
  level(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    // Ten times a second for each voice in a meeting: an indexed loop, no iterator.
    for (let index = 0; index < this.samples.length; index += 1) {
      const sample = this.samples[index] ?? 0;
      sum += sample * sample;
    }
    return levelFromRms(Math.sqrt(sum / this.samples.length));
  }

  close(): void {
    this.source.disconnect();
    if (!this.shared) void this.context.close().catch(() => undefined);
  }
}
