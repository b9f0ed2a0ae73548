import type { Participant } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { FakeCall, FakeMediaStream, participant } from './support/meetingDoubles.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * A screen call of its own (`kind: 'screen'`, kept for clients without the screen slot) is answered, and its screen
 * put on the stage, only while the server says its sender shares: a participant the host keeps from sharing, or
 * who shares while someone else presents, cannot make others receive a screen (hidden, but paid for in bandwidth).
 * One that comes before the server's word is held unanswered for the grace (MeetingClient: 10 s), then refused.
 * Real calls of this kind are in Chromium (e2e/browser/screenShareFallback.spec.ts).
 */

const bob = participant('b-peer', 'Bob');
const sharing = (screen: boolean): Participant => ({ ...bob, media: { ...bob.media, screen } });
const GRACE_MS = 10_000;

/** Ada in Bob's meeting, her Peer open; Bob's client (without the slot) places a screen call to her. */
async function screenCallFromBob() {
  const t = await createTestMeetingClient();
  t.client.join();
  await vi.advanceTimersByTimeAsync(0);
  t.peers[0]?.openNow();
  await vi.advanceTimersByTimeAsync(0);
  const call = new FakeCall('b-peer', { kind: 'screen' });
  t.peers[0]?.emit('call', call);
  const screen = new FakeMediaStream();
  await vi.advanceTimersByTimeAsync(1_000); // whatever the store held while Bob's call was set up is told
  const shown = () => ({
    stream: t.client.remote.stream('b-peer', 'screen'),
    tile: t.client.getSnapshot().remotes.find((tile) => tile.peerId === 'b-peer')?.screenStreamId ?? null,
  });
  return { ...t, call, screen, shown };
}

describe('a screen call of its own', () => {
  useFakeCallEnvironment();

  it('from someone the server does not say shares is not answered, and refused when the word does not come', async () => {
    const t = await screenCallFromBob();
    expect(t.call.answered).toBe(false);
    expect(t.call.closed).toBe(false);
    expect(t.shown()).toEqual({ stream: null, tile: null });

    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(t.call.closed).toBe(true);
    expect(t.call.answered).toBe(false);
    // The word coming after the grace answers nothing: Bob's client calls again.
    t.server.send('participant:updated', sharing(true));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.call.answered).toBe(false);
  });

  it('that came before the update saying they share is answered once it arrives, and goes when they stop', async () => {
    const t = await screenCallFromBob();
    t.server.send('participant:updated', sharing(true));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.call.answered).toBe(true);
    t.call.emit('stream', t.screen);
    expect(t.shown().stream).toBe(t.screen);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.shown().tile).not.toBeNull();
    await vi.advanceTimersByTimeAsync(GRACE_MS); // answered: the grace no longer applies
    expect(t.call.closed).toBe(false);

    t.server.send('participant:updated', sharing(false)); // the host stopped Bob's share
    await vi.advanceTimersByTimeAsync(0);
    expect(t.shown()).toEqual({ stream: null, tile: null });
    expect(t.call.closed).toBe(true);
  });

  it('holds one call per caller: a client placing many while not sharing keeps only its latest open', async () => {
    const t = await screenCallFromBob();
    const more = Array.from({ length: 20 }, () => new FakeCall('b-peer', { kind: 'screen' }));
    for (const call of more) t.peers[0]?.emit('call', call);
    await vi.advanceTimersByTimeAsync(0);
    expect([t.call, ...more].filter((call) => !call.closed)).toEqual([more.at(-1)]);
    expect([t.call, ...more].some((call) => call.answered)).toBe(false);

    t.server.send('participant:updated', sharing(true)); // the latest one only is answered
    await vi.advanceTimersByTimeAsync(0);
    expect([t.call, ...more].filter((call) => call.answered)).toEqual([more.at(-1)]);
  });

  it('held from someone who leaves is refused with their other calls', async () => {
    const t = await screenCallFromBob();
    t.server.send('participant:left', { peerId: 'b-peer', reason: 'left' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.call.closed).toBe(true);
    expect(t.call.answered).toBe(false);
  });

  it('from someone the server already says shares is answered and on the stage as soon as its stream arrives', async () => {
    const t = await createTestMeetingClient();
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    t.server.send('participant:updated', sharing(true));
    await vi.advanceTimersByTimeAsync(0);
    const call = new FakeCall('b-peer', { kind: 'screen' });
    t.peers[0]?.emit('call', call);
    expect(call.answered).toBe(true);
    const screen = new FakeMediaStream();
    call.emit('stream', screen);
    expect(t.client.remote.stream('b-peer', 'screen')).toBe(screen);
  });
});
