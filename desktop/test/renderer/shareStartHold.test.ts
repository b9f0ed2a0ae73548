import { describe, expect, it, vi } from 'vitest';
import { VideoConnectingPeer } from './support/ConnectingPeer.js';
import { participant } from './support/meetingDoubles.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * Issue 10: when someone starts sharing on their call with us, our view changes once, when their screen goes on the
 * stage with its first picture (meshScreens.ts, screenPictureWaits.ts), not at the server's news, which comes while
 * that picture is being captured, encoded, sent and decoded on the same computers; at most a second later.
 */

/** Ada joins Bob's meeting (the pair rule has her call him). */
async function joining() {
  const t = await createTestMeetingClient({ Peer: VideoConnectingPeer });
  t.client.join();
  await vi.advanceTimersByTimeAsync(0);
  const peer = t.peers[0] as VideoConnectingPeer;
  peer.openNow();
  await vi.advanceTimersByTimeAsync(0);
  const call = peer.placed[0]!;
  expect(call.peer).toBe('b-peer');
  return { ...t, call };
}

describe('someone starting to share on a call with us', () => {
  useFakeCallEnvironment();

  /** Ada in the meeting with Bob, their call connected and its picture there; `told` counts the view's renders. */
  async function inMeeting() {
    const t = await joining();
    t.call.picture();
    t.call.connect();
    await vi.advanceTimersByTimeAsync(500);
    const told = vi.fn();
    t.client.subscribe(told);
    const bob = participant('b-peer', 'Bob');
    const sharing = (screen: boolean) =>
      t.server.send('participant:updated', { ...bob, media: { ...bob.media, screen } });
    return { ...t, told, sharing };
  }

  it('the view changes once, when their screen is on the stage, not at the news (at most a second later)', async () => {
    const t = await inMeeting();
    t.sharing(true);
    await vi.advanceTimersByTimeAsync(900);
    expect(t.told).not.toHaveBeenCalled();
    // The news is in the snapshot, for whoever reads it; the view hears of it with the picture, or after a second.
    expect(t.client.getSnapshot().remotes[0]?.media.screen).toBe(true);
    await vi.advanceTimersByTimeAsync(101);
    expect(t.told).toHaveBeenCalled();
  });

  it('a share that stops before its picture came is told at once', async () => {
    const t = await inMeeting();
    t.sharing(true);
    await vi.advanceTimersByTimeAsync(100);
    t.sharing(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.told).toHaveBeenCalled();
  });
});
