import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstFrameSent, FIRST_FRAME_SENT_WAIT_MS } from '../../src/renderer/call/afterFirstFrameSent.js';

/** A video sender whose outbound-rtp entry counts `framesSent` (set by the test); `fails` makes getStats reject. */
class FakeSender {
  framesSent = 0;
  fails = false;
  asked = 0;
  getStats(): Promise<RTCStatsReport> {
    this.asked += 1;
    if (this.fails) return Promise.reject(new Error('closed'));
    const entries = new Map([
      ['OT1', { type: 'outbound-rtp', kind: 'video', framesSent: this.framesSent }],
      ['T1', { type: 'transport' }],
    ]);
    return Promise.resolve(entries as unknown as RTCStatsReport);
  }
}

describe('our own view of a share waits for its first frame to leave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows once a sender sent a frame more than when the share started, not before', async () => {
    const sender = new FakeSender();
    sender.framesSent = 120; // an earlier share's frames on the same slot
    const then = vi.fn();
    afterFirstFrameSent([sender], then);
    await vi.advanceTimersByTimeAsync(200);
    expect(then).not.toHaveBeenCalled();
    sender.framesSent = 121;
    await vi.advanceTimersByTimeAsync(50);
    expect(then).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_SENT_WAIT_MS);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('any one of several calls sending its first frame is enough', async () => {
    const [slow, fast] = [new FakeSender(), new FakeSender()];
    const then = vi.fn();
    afterFirstFrameSent([slow, fast], then);
    await vi.advanceTimersByTimeAsync(40);
    fast.framesSent = 1;
    await vi.advanceTimersByTimeAsync(50);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('shows anyway after the longest wait when no frame leaves (a still window, a slow computer)', async () => {
    const sender = new FakeSender();
    const then = vi.fn();
    afterFirstFrameSent([sender], then);
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_SENT_WAIT_MS - 1);
    expect(then).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(then).toHaveBeenCalledTimes(1);
    const asked = sender.asked;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sender.asked).toBe(asked); // no more polling once shown
  });

  it('shows at once when nobody else is in the call (no sender carries the screen)', () => {
    const then = vi.fn();
    afterFirstFrameSent([], then);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('a sender whose statistics fail (its call closed) does not break the wait', async () => {
    const sender = new FakeSender();
    sender.fails = true;
    const then = vi.fn();
    afterFirstFrameSent([sender], then);
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_SENT_WAIT_MS);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('cancelled (the share stopped meanwhile), it never shows', async () => {
    const sender = new FakeSender();
    const then = vi.fn();
    const cancel = afterFirstFrameSent([sender], then);
    await vi.advanceTimersByTimeAsync(40);
    cancel();
    sender.framesSent = 5;
    await vi.advanceTimersByTimeAsync(FIRST_FRAME_SENT_WAIT_MS * 2);
    expect(then).not.toHaveBeenCalled();
  });
});
