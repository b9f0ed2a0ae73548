/** A meter level this high is speech (about -30 dBFS); a muted track reads 0. */
const SPEECH_LEVEL = 0.5;
/**
 * Over the last WINDOW readings (4 s at ten a second), at least SPEECH loud ones (60%) is talking, not clicks, typing
 * or a beep: steady talk is noticed after 2.4 s, talk with pauses between words after about 3 s.
 */
const WINDOW = 40;
const SPEECH = 24;

/**
 * Tells from a stream of microphone levels (0..1, ten a second) when someone has been talking for a while:
 * `push` returns true once most of the last few seconds were loud.
 */
export function createSpeechDetector(): { push(level: number): boolean } {
  const recent: boolean[] = [];
  return {
    push(level) {
      recent.push(level >= SPEECH_LEVEL);
      if (recent.length > WINDOW) recent.shift();
      return recent.filter(Boolean).length >= SPEECH;
    },
  };
}
