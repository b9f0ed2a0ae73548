import { type JoinResult } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { connectGuest } from './support/guests.js';
import { newMeeting } from './support/meetings.js';
import { openPeerSocket } from './support/peerSocket.js';
import { connectSocket, joinMeeting, joinReady, nextEvent, request } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * Review: a guest identity costs one POST. Removing a guest must keep them out (until a host lets them in from
 * the waiting room), not only the identity they happened to hold, or "Remove" does nothing to a guest.
 */
describe('removing a guest', () => {
  let server: TestServer;
  let host: TestUser;
  useServerWithUsers({ env: { WAVA_TRUST_PROXY: 'loopback' } }, ['Host'], (started, users) => {
    server = started;
    [host] = users;
  });

  const guest = async (code: string, displayName: string, from: string) =>
    (await connectGuest(server.url, code, displayName, from)).socket;

  it('keeps a removed guest out under a new guest identity: they must knock, and the host decides', async () => {
    const code = await newMeeting(server.api, host, { title: 'Open house', lobby: false });
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    await joinReady(hostSocket, code);

    const troll = await guest(code, 'Troll', '203.0.113.7');
    const joined = await joinMeeting(troll, code);
    if (!joined.ok) throw new Error(joined.error.code);
    await openPeerSocket(server.url, joined.data.peer);
    const removed = nextEvent(troll, 'moderation:removed');
    expect((await request(hostSocket, 'moderation:remove', { peerId: joined.data.peer.id })).ok).toBe(true);
    await removed;

    const again = await guest(code, 'Troll 2', '203.0.113.7');
    const rejoin = await request<JoinResult>(again, 'meeting:join', { code, media: { audio: false, video: false } });
    expect(rejoin.ok ? 'joined' : rejoin.error.code).toBe('LOBBY_REQUIRED');

    // Another guest from elsewhere is not affected.
    const other = await guest(code, 'Gina', '203.0.113.8');
    expect((await joinMeeting(other, code)).ok).toBe(true);
  });
});
