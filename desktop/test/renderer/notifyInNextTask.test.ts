import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notifyInNextTask } from '../../src/renderer/util/notifyInNextTask.js';

/** A store as small as it gets: `change()` tells every listener at once. */
function store() {
  const listeners = new Set<() => void>();
  return {
    listeners,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change: () => listeners.forEach((listener) => listener()),
  };
}

describe('notifyInNextTask', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells the listener in the next task, once for every change made in this one', async () => {
    const source = store();
    const heard = vi.fn();
    notifyInNextTask(source.subscribe)(heard);
    source.change();
    source.change();
    source.change();
    expect(heard).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toHaveBeenCalledTimes(1);
    source.change();
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('tells nothing after unsubscribing, not even a change already waiting', async () => {
    const source = store();
    const heard = vi.fn();
    const unsubscribe = notifyInNextTask(source.subscribe)(heard);
    source.change();
    unsubscribe();
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).not.toHaveBeenCalled();
    expect(source.listeners.size).toBe(0);
  });
});
