import type { ErrorCode } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { FakePeer } from './support/meetingDoubles.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/** Ada in a meeting with Bob: joined, her Peer open, her call to Bob placed, camera and microphone live. */
async function inMeeting() {
  const { client, server, platform, policy, peers, devices } = await createTestMeetingClient();
  client.join();
  await vi.advanceTimersByTimeAsync(0);
  expect(client.getSnapshot().phase).toBe('in-meeting');
  peers[0]?.openNow();
  await vi.advanceTimersByTimeAsync(0);
  const peer = peers[0] as FakePeer;
  expect(peer.calls.map((call) => call.peer)).toEqual(['b-peer']);
  expect(devices.tracks.map((track) => track.readyState)).toEqual(['live', 'live']);
  return { client, server, platform, policy, peers, peer, devices };
}

/** Nothing is tried again: no reconnect, no rejoin, no new Peer, no retry delay asked for, for ten minutes. */
async function expectNoRetry(t: Awaited<ReturnType<typeof inMeeting>>) {
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  expect([t.server.connects, t.server.reconnects, t.server.joins.length, t.peers.length]).toEqual([1, 0, 1, 1]);
  expect(t.peer.reconnects).toBe(0);
  expect(t.policy.asked).toBe(0);
}

describe('a sign-in revoked during the meeting (session:revoked)', () => {
  useFakeCallEnvironment();

  it.each<[string, unknown, ErrorCode]>([
    ['signed out on another device', { code: 'TOKEN_INVALID', message: 'x' }, 'TOKEN_INVALID'],
    ['refresh token replayed', { code: 'REFRESH_REUSED', message: 'x' }, 'REFRESH_REUSED'],
    ['a payload that cannot be read', { code: 42 }, 'TOKEN_INVALID'],
  ])(
    '%s: the meeting ends for good, calls and devices stop, and the person is signed out',
    async (_, payload, code) => {
      const t = await inMeeting();
      t.server.send('session:revoked', payload);
      // The server disconnects right after (Socket.io will not reconnect by itself), and closes the PeerJS socket.
      t.server.drop('io server disconnect', false);
      t.peer.emit('disconnected');

      const state = t.client.getSnapshot();
      expect([state.phase, state.error, state.remotes.length]).toEqual(['signed-out', { type: 'server', code }, 0]);
      expect(t.platform.logouts).toBe(1);
      expect(t.devices.tracks.map((track) => track.readyState)).toEqual(['ended', 'ended']);
      expect(t.peer.calls.map((call) => call.closed)).toEqual([true]);
      expect(t.peer.destroyed).toBe(true);
      expect(t.server.closed).toBe(true);
      await expectNoRetry(t);
      expect(t.platform.logouts).toBe(1);
    },
  );

  it('revoked while the connection was down: the refused handshake signs out the same way', async () => {
    const t = await inMeeting();
    t.server.drop('transport close', true);
    t.server.refuse('REFRESH_REUSED');
    const state = t.client.getSnapshot();
    expect([state.phase, state.error]).toEqual(['signed-out', { type: 'server', code: 'REFRESH_REUSED' }]);
    expect(t.platform.logouts).toBe(1);
    expect(t.devices.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(t.peer.destroyed).toBe(true);
    await expectNoRetry(t);
  });

  it('a server that drops us without revoking is not a sign-out: the client rejoins by itself', async () => {
    const t = await inMeeting();
    t.server.drop('io server disconnect', false);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.server.reconnects).toBe(1);
    expect(t.client.getSnapshot().phase).toBe('in-meeting');
    expect(t.platform.logouts).toBe(0);
    expect(t.devices.tracks.every((track) => track.readyState === 'live')).toBe(true);
  });
});
