import { describe, expect, it } from 'vitest';
import {
  createSpeechDetector,
  SPEAKING_NOW,
  TALKING_FOR_A_WHILE,
  type SpeechRule,
} from '../../src/renderer/features/room/speechDetector.js';

/** Feeds `levels` (ten a second) and returns the reading index at which speech was detected, or null. */
function detectedAt(levels: number[], rule: SpeechRule = TALKING_FOR_A_WHILE): number | null {
  const detector = createSpeechDetector(rule);
  const index = levels.findIndex((level) => detector.push(level));
  return index < 0 ? null : index;
}

const repeat = (pattern: number[], times: number) => Array.from({ length: times }, () => pattern).flat();

describe('speech detector (a raised hand goes down when its owner talks)', () => {
  it.each([
    ['silence', repeat([0], 100), null],
    ['a short remark (one second)', [...repeat([0.7], 10), ...repeat([0.1], 90)], null],
    ['a beep every half second', repeat([0.9, 0, 0, 0, 0], 40), null],
    ['typing: loud one reading in three', repeat([0.8, 0.2, 0.2], 40), null],
    ['two seconds of steady talk', repeat([0.7], 20), null],
    ['steady talk, noticed after 2.4 s', repeat([0.7], 50), 23],
    ['talk with short pauses between words, after about 3 s', repeat([0.7, 0.7, 0.7, 0.2], 20), 30],
    ['a beep every half second, for a minute', repeat([0.9, 0, 0, 0, 0], 120), null],
  ])('%s', (_name, levels, expected) => {
    expect(detectedAt(levels)).toBe(expected);
  });
});

/** For each reading, whether the speaking indicator is on. */
function speakingTrace(levels: number[]): boolean[] {
  const detector = createSpeechDetector(SPEAKING_NOW);
  return levels.map((level) => detector.push(level));
}

describe('speech detector (the speaking indicator on a tile)', () => {
  it.each([
    ['silence', repeat([0], 50), null],
    ['background hum below -45 dBFS', repeat([0.2], 50), null],
    ['one click', [0.8, ...repeat([0], 49)], null],
    ['speech, noticed at its second loud reading', [0, 0, 0.5, 0.6, 0.6], 3],
    ['a quiet voice at -42 dBFS', repeat([0.3, 0.1], 10), 2],
  ])('%s', (_name, levels, expected) => {
    expect(detectedAt(levels, SPEAKING_NOW)).toBe(expected);
  });

  it('stays on through the pauses between words and goes off once the last 1.5 s hold fewer than two sounds', () => {
    const words = repeat([0.6, 0.6, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1], 3);
    const trace = speakingTrace([...words, ...repeat([0], 20)]);
    expect(trace.slice(1, 30).every(Boolean)).toBe(true);
    // The last two loud readings are 21 and 25: off when 21 leaves the 15-reading window.
    expect(trace.indexOf(false, 25)).toBe(21 + 15);
  });

  it('a reset (microphone muted) forgets the speech at once', () => {
    const detector = createSpeechDetector(SPEAKING_NOW);
    detector.push(0.7);
    expect(detector.push(0.7)).toBe(true);
    detector.reset();
    expect(detector.push(0.7)).toBe(false);
    expect(detector.loud).toBe(1);
  });
});
