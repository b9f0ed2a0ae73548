import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuditLoop } from '../../src/sfu/createAuditLoop.js';

/** The guard's audit loop: however many requests, one run at a time, at most one per interval. */
describe('createAuditLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A job whose runs end only when the test says so. */
  function job() {
    const ends: (() => void)[] = [];
    const run = vi.fn(() => new Promise<void>((resolve) => ends.push(resolve)));
    return { run, endRun: () => ends.shift()?.() };
  }

  it('runs at once when idle, and serves every request made during a run with one next run', async () => {
    const { run, endRun } = job();
    const loop = createAuditLoop(run, { minIntervalMs: 1_000, onError: () => undefined });
    const first = loop.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);

    const served = vi.fn();
    const during = Array.from({ length: 50 }, () => loop.request().then(served));
    endRun();
    await first;
    expect(served).not.toHaveBeenCalled(); // they came after the first run started: the next one serves them
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1); // not before the interval is over
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    endRun();
    await Promise.all(during);
    expect(served).toHaveBeenCalledTimes(50);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2); // nothing asked since
    await loop.close();
  });

  it('keeps going after a failed run, and close() resolves what is still waiting', async () => {
    const errors: unknown[] = [];
    const run = vi.fn().mockRejectedValueOnce(new Error('Janus went away')).mockResolvedValue(undefined);
    const loop = createAuditLoop(run, { minIntervalMs: 1_000, onError: (error) => errors.push(error) });
    const failed = loop.request();
    await vi.advanceTimersByTimeAsync(0);
    await failed;
    expect(errors).toHaveLength(1);

    const pending = loop.request();
    await loop.close();
    await pending;
    expect(run).toHaveBeenCalledTimes(1);
    await expect(loop.request()).resolves.toBeUndefined();
  });
});
