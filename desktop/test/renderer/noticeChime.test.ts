import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoticeChime } from '../../src/renderer/features/notices/noticeChime.js';

/** The part of WebAudio the chime uses; counts what it made (jsdom has no WebAudio). */
class FakeAudioContext {
  static made = 0;
  static notes: number[] = [];
  currentTime = 0;
  destination = {};
  constructor() {
    FakeAudioContext.made += 1;
  }
  resume = () => Promise.resolve();
  close = () => Promise.resolve();
  createOscillator() {
    const oscillator = {
      type: '',
      frequency: { value: 0 },
      connect: (gain: unknown) => gain,
      start: () => FakeAudioContext.notes.push(oscillator.frequency.value),
      stop: () => undefined,
    };
    return oscillator;
  }
  createGain() {
    const gain = {
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: (destination: unknown) => destination,
    };
    return gain;
  }
}

/** A page's quiet moments, run when the test says. */
function quietMoments() {
  const waiting: { run: () => void; timeout: number }[] = [];
  return {
    later: (run: () => void, timeout: number) => void waiting.push({ run, timeout }),
    waiting,
    come: () => waiting.splice(0).forEach(({ run }) => run()),
  };
}

describe('NoticeChime', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeAudioContext.made = 0;
    FakeAudioContext.notes = [];
  });

  it('plays in the page’s next quiet moment, not inside the task that told of the arrival (at most 300 ms later)', () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const quiet = quietMoments();
    const chime = new NoticeChime(quiet.later);
    chime.play('arrive');
    expect(FakeAudioContext.made).toBe(0);
    expect(quiet.waiting.map((w) => w.timeout)).toEqual([300]);
    quiet.come();
    expect(FakeAudioContext.made).toBe(1);
    expect(FakeAudioContext.notes).toEqual([660, 880]);
    chime.play('leave');
    quiet.come();
    expect(FakeAudioContext.made).toBe(1);
    expect(FakeAudioContext.notes).toEqual([660, 880, 660, 495]);
  });

  it('a chime asked for before the meeting view closed does not play; one asked for after does', () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const quiet = quietMoments();
    const chime = new NoticeChime(quiet.later);
    chime.play('arrive');
    chime.close();
    quiet.come();
    expect(FakeAudioContext.notes).toEqual([]);
    chime.play('attention');
    quiet.come();
    expect(FakeAudioContext.notes).toEqual([880]);
  });

  it('plays nothing where WebAudio is missing', () => {
    vi.stubGlobal('AudioContext', undefined);
    const quiet = quietMoments();
    new NoticeChime(quiet.later).play('arrive');
    expect(quiet.waiting).toEqual([]);
  });
});
