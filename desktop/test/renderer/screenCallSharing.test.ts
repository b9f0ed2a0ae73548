import type { Participant } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { FakeCall, FakeMediaStream, participant } from './support/meetingDoubles.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * A screen call of its own (`kind: 'screen'`, kept for clients without the screen slot) puts a screen on the stage
 * only while the server says its sender shares: a participant the host keeps from sharing cannot show one anyway.
 * Real calls of this kind are in Chromium (e2e/browser/screenShareFallback.spec.ts).
 */

const bob = participant('b-peer', 'Bob');
const sharing = (screen: boolean): Participant => ({ ...bob, media: { ...bob.media, screen } });

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
  call.emit('stream', screen);
  await vi.advanceTimersByTimeAsync(1_000); // whatever the store held while Bob's call was set up is told
  const shown = () => ({
    stream: t.client.stream('b-peer', 'screen'),
    tile: t.client.getSnapshot().remotes.find((tile) => tile.peerId === 'b-peer')?.screenStreamId ?? null,
  });
  return { ...t, call, screen, shown };
}

describe('a screen call of its own', () => {
  useFakeCallEnvironment();

  it('from someone the server does not say shares (only hosts may share) is not on the stage', async () => {
    const t = await screenCallFromBob();
    expect(t.call.answered).toBe(true);
    expect(t.shown()).toEqual({ stream: null, tile: null });
  });

  it('that came before the update saying they share shows once it arrives, and goes when they stop', async () => {
    const t = await screenCallFromBob();
    t.server.send('participant:updated', sharing(true));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.shown().stream).toBe(t.screen);
    expect(t.shown().tile).not.toBeNull();

    t.server.send('participant:updated', sharing(false)); // the host stopped Bob's share
    await vi.advanceTimersByTimeAsync(0);
    expect(t.shown()).toEqual({ stream: null, tile: null });
    expect(t.call.closed).toBe(true);
  });

  it('from someone the server already says shares is on the stage as soon as its stream arrives', async () => {
    const t = await createTestMeetingClient();
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    t.server.send('participant:updated', sharing(true));
    await vi.advanceTimersByTimeAsync(0);
    const call = new FakeCall('b-peer', { kind: 'screen' });
    t.peers[0]?.emit('call', call);
    const screen = new FakeMediaStream();
    call.emit('stream', screen);
    expect(t.client.stream('b-peer', 'screen')).toBe(screen);
  });
});
