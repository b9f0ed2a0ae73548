import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCREEN_PICTURE_WAIT_MS, ScreenPictureWaits } from '../../src/renderer/call/screenPictureWaits.js';

/** A receiver whose track was delivered frames at the given times (the same clock as the waits' `now`). */
class Receiver {
  readonly delivered: number[] = [];
  getSynchronizationSources() {
    const last = this.delivered.at(-1);
    return last === undefined ? [] : [{ timestamp: last }];
  }
}

describe('ScreenPictureWaits: a shared screen goes on the stage with its first picture', () => {
  let clock = 0;
  let waits: ScreenPictureWaits;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 10_000;
    waits = new ScreenPictureWaits(SCREEN_PICTURE_WAIT_MS, () => clock);
  });
  afterEach(() => vi.useRealTimers());
  /** Time passes for the timers and for the frame clock alike. */
  const pass = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('shows the screen once its first frame is delivered, not before', () => {
    const receiver = new Receiver();
    const show = vi.fn();
    waits.wait('bob', receiver, show);
    pass(100);
    expect(show).not.toHaveBeenCalled();
    expect(waits.waiting('bob')).toBe(true);
    receiver.delivered.push(clock);
    pass(20);
    expect(show).toHaveBeenCalledTimes(1);
    expect(waits.waiting('bob')).toBe(false);
    pass(2_000);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('shows it at once when its frames came before the news of the share', () => {
    const receiver = new Receiver();
    receiver.delivered.push(clock - 50);
    const show = vi.fn();
    waits.wait('bob', receiver, show);
    expect(show).toHaveBeenCalledTimes(1);
    expect(waits.waiting('bob')).toBe(false);
  });

  it('does not take the last frame of a share that ended long ago for a picture of this one', () => {
    const receiver = new Receiver();
    receiver.delivered.push(clock - 60_000);
    const show = vi.fn();
    waits.wait('bob', receiver, show);
    pass(200);
    expect(show).not.toHaveBeenCalled();
  });

  it('shows the screen anyway after the longest wait (a slow link, a still screen)', () => {
    const show = vi.fn();
    waits.wait('bob', new Receiver(), show);
    pass(SCREEN_PICTURE_WAIT_MS - 20);
    expect(show).not.toHaveBeenCalled();
    pass(20);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('shows nothing for a wait cancelled because the share stopped or the call went', () => {
    const receiver = new Receiver();
    const show = vi.fn();
    waits.wait('bob', receiver, show);
    waits.wait('carol', new Receiver(), show);
    waits.cancel('bob');
    receiver.delivered.push(clock);
    pass(SCREEN_PICTURE_WAIT_MS);
    expect(show).toHaveBeenCalledTimes(1);
    waits.wait('dave', new Receiver(), show);
    waits.cancelAll();
    pass(SCREEN_PICTURE_WAIT_MS);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('keeps the wait already running for someone rather than starting a second', () => {
    const receiver = new Receiver();
    const first = vi.fn();
    const second = vi.fn();
    waits.wait('bob', receiver, first);
    waits.wait('bob', receiver, second);
    receiver.delivered.push(clock);
    pass(20);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
  });

  it('waits on the new call when the call is replaced while waiting (its old slot delivers nothing)', () => {
    const dying = new Receiver();
    const replacement = new Receiver();
    const onDying = vi.fn();
    const onReplacement = vi.fn();
    waits.wait('bob', dying, onDying);
    pass(200);
    waits.wait('bob', replacement, onReplacement);
    replacement.delivered.push(clock);
    pass(20);
    expect(onReplacement).toHaveBeenCalledTimes(1);
    pass(SCREEN_PICTURE_WAIT_MS);
    expect(onDying).not.toHaveBeenCalled();
    expect(waits.waiting('bob')).toBe(false);
  });
});
