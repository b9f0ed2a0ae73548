import { describe, expect, it, vi } from 'vitest';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { FakeMediaStream, FakeTrack } from './support/meetingDoubles.js';
import { SendingPeer } from './support/SendingPeer.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * The connection to our server drops and comes back (a rejoin with `resume`): the rejoin says only what the
 * microphone and camera do, so a screen being shared is told again right after. That holds from the moment the
 * share started, whether or not our own view shows it yet.
 */
describe('a screen share across a dropped connection', () => {
  useFakeCallEnvironment();

  it('a share started just before the connection came back is told to the server again on the rejoin', async () => {
    const t = await createTestMeetingClient({ Peer: SendingPeer });
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    await vi.advanceTimersByTimeAsync(0);
    const screen = new FakeMediaStream([new FakeTrack('video')]);
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia: () => Promise.resolve(screen) } });

    // The connection drops while the picker is open; Ada picks a window; the connection comes back at once.
    t.server.drop('transport close', true);
    t.client.toggleScreenShare();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.localScreen).toBe(screen);
    const request = vi.spyOn(t.server, 'request');
    t.server.connect();
    await vi.advanceTimersByTimeAsync(0);

    const calls = request.mock.calls.map(([event, payload]) => [event, payload] as const);
    const rejoin = calls.findIndex(([event]) => event === 'meeting:join');
    expect(rejoin).toBeGreaterThanOrEqual(0);
    expect(calls.slice(rejoin + 1)).toContainEqual(['media:update', { screen: true }]);
  });
});
