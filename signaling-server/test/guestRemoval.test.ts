import { type JoinResult } from '@wava/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAllPeerSockets, openPeerSocket } from './support/peerSocket.js';
import {
  closeAllSockets,
  connectSocket,
  joinMeeting,
  joinReady,
  nextEvent,
  request,
  type ClientSocket,
} from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { connectGuest } from './support/guests.js';

/**
 * Review: a guest identity costs one POST. Removing a guest must keep them out (until a host lets them in from
 * the waiting room), not only the identity they happened to hold, or "Remove" does nothing to a guest.
 */
describe('removing a guest', () => {
  let server: TestServer;
  let host: TestUser;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { WAVA_TRUST_PROXY: 'loopback' } });
    host = await registerUser(server.api, 'Host');
  });
  afterAll(() => server.dispose());
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    closeAllPeerSockets();
    closeAllSockets();
  });

  const guest = async (code: string, displayName: string, from: string) =>
    (await connectGuest(server.url, code, displayName, from)).socket;

  it('keeps a removed guest out under a new guest identity: they must knock, and the host decides', async () => {
    const created = await server.api.createMeeting(host.session.accessToken, { title: 'Open house', lobby: false });
    if (!created.ok) throw new Error(created.error.code);
    const code = created.data.code;
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
