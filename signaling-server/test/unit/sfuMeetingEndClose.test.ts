import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSfuMeetingEnd } from '../../src/sfu/createSfuMeetingEnd.js';
import { GRACE_END_RETRY_MS } from '../../src/sfu/createSfuTokens.js';
import { createSfuMeetingState } from '../../src/sfu/SfuMeetingState.js';
import { recordedLog } from '../cluster/recordedLog.js';

/**
 * The end of a meeting's SFU state, retried while Janus or Redis fail, stops once the server closes it: no attempt
 * and no error line against connections that are gone, even for a retry that was already queued or under way.
 * Janus and Redis are what this server has once it has stopped: every call fails.
 */
describe('the SFU end of an ended meeting, closed while it is retried', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function endingMeeting() {
    const { logger, logged } = recordedLog('warn');
    const attempts: string[] = [];
    /** While set, every call hangs until it settles (a call under way), then fails. */
    const slow: { until: Promise<void> | null } = { until: null };
    const gone = async (what: string) => {
      attempts.push(what);
      if (slow.until) await slow.until;
      throw new Error('connection closed');
    };
    const end = createSfuMeetingEnd({
      moves: { toMesh: () => gone('toMesh') },
      tokens: { revoke: () => gone('revoke'), endRetiring: () => gone('endRetiring') },
      store: { removeTokens: () => gone('removeTokens') },
      logger,
    });
    const state = createSfuMeetingState(() => undefined);
    const failures = () => logged.filter((line) => line.msg.startsWith('could not end')).length;
    return { end, state, attempts, failures, logged, slow };
  }

  it('a retry queued behind another change when the server closes is not tried', async () => {
    const { end, state, attempts, failures, logged } = endingMeeting();
    end.end('meeting', state, () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(failures()).toBe(1);

    // Another change of the meeting holds its queue when the retry's time comes: the retry waits behind it.
    let release = () => undefined as void;
    state.queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    await vi.advanceTimersByTimeAsync(GRACE_END_RETRY_MS[0]!);
    const before = attempts.length;

    end.close();
    release();
    await vi.advanceTimersByTimeAsync(GRACE_END_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    expect(attempts.length).toBe(before);
    expect(failures()).toBe(1);
    expect(logged.some((line) => line.msg.includes('left to the grace sweep'))).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a retry under way when the server closes schedules no other', async () => {
    const { end, state, attempts, failures, slow } = endingMeeting();
    end.end('meeting', state, () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(failures()).toBe(1);
    // The retry is tried; the server closes while its first step waits for an answer.
    let answer = () => undefined as void;
    slow.until = new Promise<void>((resolve) => (answer = resolve));
    const before = attempts.length;
    await vi.advanceTimersByTimeAsync(GRACE_END_RETRY_MS[0]!);
    expect(attempts.length).toBe(before + 1);
    end.close();
    answer();
    // That retry goes on to its end (it was under way), and nothing comes after it.
    await vi.advanceTimersByTimeAsync(0);
    const afterClose = attempts.length;
    expect(failures()).toBe(2);
    await vi.advanceTimersByTimeAsync(GRACE_END_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    expect(attempts.length).toBe(afterClose);
    expect(failures()).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
