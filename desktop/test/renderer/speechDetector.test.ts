import { describe, expect, it } from 'vitest';
import { createSpeechDetector } from '../../src/renderer/features/room/speechDetector.js';

/** Feeds `levels` (ten a second) and returns the reading index at which speech was detected, or null. */
function detectedAt(levels: number[]): number | null {
  const detector = createSpeechDetector();
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
