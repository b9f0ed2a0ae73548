import { describe, expect, it } from 'vitest';
import {
  nextActiveSpeaker,
  NO_ACTIVE_SPEAKER,
  TAKE_OVER_READINGS,
  type ActiveSpeakerState,
} from '../../src/renderer/features/stage/activeSpeaker.js';

const everyone = new Set(['ann', 'bo', 'cy']);

/** Runs readings (each: who speaks, with how loud they were lately) and returns the active speaker after each. */
function run(
  readings: Array<Record<string, number>>,
  present = everyone,
  start = NO_ACTIVE_SPEAKER,
): (string | null)[] {
  let state: ActiveSpeakerState = start;
  return readings.map((reading) => {
    const speaking = Object.entries(reading).map(([peerId, loud]) => ({ peerId, loud }));
    state = nextActiveSpeaker(state, speaking, present);
    return state.active;
  });
}

const times = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);

describe('active speaker, with hysteresis', () => {
  it('nobody has spoken yet: none', () => {
    expect(run(times({}, 5))).toEqual(times(null, 5));
  });

  it('the first person who speaks becomes it at once', () => {
    expect(run([{}, { bo: 2 }])).toEqual([null, 'bo']);
  });

  it('the loudest of several takes it when there was none', () => {
    expect(run([{ ann: 2, bo: 5, cy: 3 }])).toEqual(['bo']);
  });

  it('keeps it while they speak, even if someone louder talks over them', () => {
    expect(run([{ ann: 2 }, ...times({ ann: 2, bo: 9 }, 30)]).every((active) => active === 'ann')).toBe(true);
  });

  it('keeps it in silence: the last speaker stays large', () => {
    expect(run([{ ann: 2 }, ...times({}, 50)]).at(-1)).toBe('ann');
  });

  it('a short interjection from someone else (under a second) takes nothing', () => {
    const trace = run([{ ann: 3 }, ...times({ bo: 2 }, TAKE_OVER_READINGS - 1), {}, ...times({ bo: 2 }, 5)]);
    expect(trace.every((active) => active === 'ann')).toBe(true);
  });

  it('someone else speaking for a second while the active speaker is silent takes over', () => {
    const trace = run([{ ann: 3 }, ...times({ bo: 2 }, TAKE_OVER_READINGS)]);
    expect(trace.at(-2)).toBe('ann');
    expect(trace.at(-1)).toBe('bo');
  });

  it('two people alternating quickly do not make it flicker', () => {
    const trace = run([{ ann: 3 }, ...times([...times({ bo: 2 }, 4), ...times({ ann: 2 }, 4)], 10).flat()]);
    expect(new Set(trace)).toEqual(new Set(['ann']));
  });

  it('someone who left loses it; the next speaker takes it at once', () => {
    const cyWasActive: ActiveSpeakerState = { active: 'cy', challenger: null, readings: 0 };
    const withoutCy = new Set(['ann', 'bo']);
    expect(run([{}], withoutCy, cyWasActive)).toEqual([null]);
    expect(run([{ bo: 2 }], withoutCy, cyWasActive)).toEqual(['bo']);
  });
});
