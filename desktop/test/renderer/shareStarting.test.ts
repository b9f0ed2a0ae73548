import { DEFAULT_MEETING_SETTINGS } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { MeetingPresence } from '../../src/renderer/platform/Platform.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { bobsMeetingControls, FakeMediaStream, FakeTrack, fakePlatform } from './support/meetingDoubles.js';
import { SendingPeer } from './support/SendingPeer.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * Our own view of a share we start waits for its first frame to leave (afterFirstFrameSent.ts), up to half a second.
 * Meanwhile we share all the same: the share button, the shell and the host's rules know it from the start
 * (sharePhase.ts), and pressing the button then stops the share like any other time.
 */

/** Ada in Bob's meeting, her call to Bob sending nothing yet (so her view's wait lasts its longest); a screen picked. */
async function sharing() {
  const presences: MeetingPresence[] = [];
  const platform = { ...fakePlatform(), presenceChanged: (presence: MeetingPresence) => presences.push(presence) };
  const t = await createTestMeetingClient({ Peer: SendingPeer, platform });
  t.client.join();
  await vi.advanceTimersByTimeAsync(0);
  t.peers[0]?.openNow();
  t.server.send('moderation:state', bobsMeetingControls());
  await vi.advanceTimersByTimeAsync(0);
  const screen = new FakeMediaStream([new FakeTrack('video')]);
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia: () => Promise.resolve(screen) } });
  const phases: string[] = [];
  t.client.share.onSharePhase(() => phases.push(t.client.share.sharePhase));
  const request = vi.spyOn(t.server, 'request');
  t.client.toggleScreenShare();
  await vi.advanceTimersByTimeAsync(0);
  const sharedNow = () => presences.at(-1)?.sharingScreen;
  return { ...t, screen, phases, request, sharedNow };
}

describe('a screen share we start, before our own view shows it', () => {
  useFakeCallEnvironment();

  it('the button, the shell and the host’s rules know it at once; the view follows with the first frame', async () => {
    const t = await sharing();
    expect(t.client.share.sharePhase).toBe('starting');
    expect(t.phases).toEqual(['starting']);
    expect(t.client.getSnapshot().local.screen).toBe(false);
    expect(t.sharedNow()).toBe(true);
    expect(t.request).toHaveBeenCalledWith('media:update', { screen: true });
    // The host lets only hosts share now: a share already going is not "refused" (its button still stops it).
    t.server.send(
      'moderation:state',
      bobsMeetingControls({ settings: { ...DEFAULT_MEETING_SETTINGS, screenShare: 'hosts' } }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.moderation.refusal({ screen: true })).toBeNull();

    await vi.advanceTimersByTimeAsync(500);
    expect(t.phases).toEqual(['starting', 'on']);
    expect(t.client.getSnapshot().local.screen).toBe(true);
  });

  it('pressing the button then stops the share: the screen is let go, the others told, the view never shows it', async () => {
    const t = await sharing();
    t.client.toggleScreenShare();
    expect(t.client.share.sharePhase).toBe('off');
    expect(t.screen.getTracks().map((track) => track.readyState)).toEqual(['ended']);
    expect(t.client.localScreen).toBeNull();
    expect(t.request).toHaveBeenLastCalledWith('media:update', { screen: false });
    expect(t.sharedNow()).toBe(false);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.phases).toEqual(['starting', 'off']);
    expect(t.client.getSnapshot().local.screen).toBe(false);
    // Not shared, the host's rule applies again.
    t.server.send(
      'moderation:state',
      bobsMeetingControls({ settings: { ...DEFAULT_MEETING_SETTINGS, screenShare: 'hosts' } }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.moderation.refusal({ screen: true })).toBe('SCREEN_SHARE_HOSTS_ONLY');
  });

  it('a press while the picker is still open opens no second picker', async () => {
    const t = await sharing();
    t.client.toggleScreenShare();
    const screen = new FakeMediaStream([new FakeTrack('video')]);
    let pick: (stream: FakeMediaStream) => void = () => undefined;
    const getDisplayMedia = vi.fn(() => new Promise<FakeMediaStream>((resolve) => (pick = resolve)));
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia } });
    t.client.toggleScreenShare();
    t.client.toggleScreenShare();
    await vi.advanceTimersByTimeAsync(0);
    expect(getDisplayMedia).toHaveBeenCalledTimes(1);
    expect(t.client.share.sharePhase).toBe('off');
    pick(screen);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.share.sharePhase).toBe('starting');
    expect(t.client.localScreen).toBe(screen);
  });
});
