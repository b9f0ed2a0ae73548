import { whenIdle, type WhenIdle } from '../../util/whenIdle.js';
import type { Chime } from './meetingNotice.js';

/** Each chime's notes (Hz), played one after another: rising for an arrival, falling for a departure. */
const NOTES: Record<Chime, readonly number[]> = {
  arrive: [660, 880],
  leave: [660, 495],
  attention: [880],
};
const NOTE_SECONDS = 0.16;
/** Soft: well under the voices of the call. */
const PEAK_GAIN = 0.06;
/** A chime waits for a quiet moment on the page, at most this long. */
const CHIME_WAIT_MS = 300;

/**
 * Soft notice sounds made with WebAudio (sine notes with a quick fade), no sound file needed. The AudioContext is
 * made on the first chime; nothing plays where WebAudio is missing. A chime plays in the page's next quiet moment
 * (at most `CHIME_WAIT_MS` later): someone's arrival is told while their call is being set up, and making an
 * AudioContext and its notes took tens of milliseconds of the main thread the answer was waiting for.
 */
export class NoticeChime {
  private context: AudioContext | null = null;
  /** Counts `close` calls: a chime asked for before the last one does not play. */
  private closes = 0;

  constructor(private readonly later: WhenIdle = whenIdle) {}

  play(chime: Chime): void {
    if (typeof AudioContext === 'undefined') return;
    const asked = this.closes;
    this.later(() => {
      if (asked === this.closes) this.playNow(chime);
    }, CHIME_WAIT_MS);
  }

  private playNow(chime: Chime): void {
    try {
      this.context ??= new AudioContext();
      const context = this.context;
      void context.resume().catch(() => undefined);
      NOTES[chime].forEach((frequency, index) => {
        const start = context.currentTime + index * NOTE_SECONDS;
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, start + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + NOTE_SECONDS * 1.8);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start);
        oscillator.stop(start + NOTE_SECONDS * 2);
      });
    } catch (error) {
      console.warn('[wava] notice sound unavailable', error);
    }
  }

  close(): void {
    this.closes += 1;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
