/** Detectors read a level ten times a second. */
export const LEVEL_TICK_MS = 100;

/** How a detector tells speech from noise: over the last `window` readings, at least `needed` at or above `level`. */
export interface SpeechRule {
  /** A meter reading at least this loud counts (0..1 on the meter's decibel scale; a muted track reads 0). */
  level: number;
  /** How many readings (ten a second) are looked at. */
  window: number;
  /** How many of them must be loud. */
  needed: number;
}

/**
 * Someone has been talking for a while (a raised hand goes down by itself, as in Meet): over 4 s, at least 60% of
 * readings at speech level (about -30 dBFS), so not clicks, typing or a beep. Steady talk is noticed after 2.4 s,
 * talk with pauses between words after about 3 s.
 */
export const TALKING_FOR_A_WHILE: SpeechRule = { level: 0.5, window: 40, needed: 24 };

/**
 * Someone is speaking now (the indicator on their tile): two readings above about -45 dBFS within 1.5 s. It comes
 * on within a fifth of a second of speech and stays on through the pauses between words, going off about 1.5 s
 * after the last sound, so it does not flicker word by word.
 */
export const SPEAKING_NOW: SpeechRule = { level: 0.25, window: 15, needed: 2 };

export interface SpeechDetector {
  /** Adds a reading; true while the rule holds over the latest readings. */
  push(level: number): boolean;
  /** How many of the latest readings were loud: who speaks more, when several do. */
  readonly loud: number;
  /** Forgets the readings (a microphone muted, or a new track). */
  reset(): void;
}

/** Tells from a stream of microphone levels (0..1, ten a second) whether someone speaks, by `rule`. */
export function createSpeechDetector(rule: SpeechRule = TALKING_FOR_A_WHILE): SpeechDetector {
  const recent: boolean[] = [];
  let loud = 0;
  return {
    push(level) {
      const isLoud = level >= rule.level;
      recent.push(isLoud);
      if (isLoud) loud += 1;
      if (recent.length > rule.window && recent.shift()) loud -= 1;
      return loud >= rule.needed;
    },
    get loud() {
      return loud;
    },
    reset() {
      recent.length = 0;
      loud = 0;
    },
  };
}
