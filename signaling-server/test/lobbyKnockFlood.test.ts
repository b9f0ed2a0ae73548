import type { LobbyKnockReply, LobbyQueue } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { LOBBY_KNOCK_LIMIT } from '../src/socket/lobbyEventHandlers.js';
import { newMeeting } from './support/meetings.js';
import { connectSocket, joinReady, request, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * Review: every knock sent the whole queue to every host and co-host. Someone waiting who knocks again and
 * again (nothing changes for the host) must not make the hosts' apps receive the queue again and again.
 */
describe('knocking again while waiting', () => {
  let server: TestServer;
  let host: TestUser;
  let knocker: TestUser;
  useServerWithUsers({}, ['Host', 'Knocker'], (started, users) => {
    server = started;
    [host, knocker] = users;
  });

  it('reaches the hosts once, however often the same connection knocks', async () => {
    const code = await newMeeting(server.api, host, { title: 'Board', lobby: true });
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    await joinReady(hostSocket, code);
    await roundTrip(hostSocket);
    const queues: LobbyQueue[] = [];
    hostSocket.on('lobby:queue', (queue) => queues.push(queue));

    const socket = await connectSocket(server.url, knocker.session.accessToken);
    let ticket: string | undefined;
    for (let i = 0; i < LOBBY_KNOCK_LIMIT.burst; i += 1) {
      // With the ticket, or without it (as if it were a first knock).
      const payload = ticket && i % 2 === 0 ? { code, ticket } : { code };
      const reply = await request<LobbyKnockReply>(socket, 'lobby:knock', payload);
      if (!reply.ok) throw new Error(reply.error.code);
      if (reply.data.state === 'waiting') ticket = reply.data.ticket;
    }
    await roundTrip(hostSocket);
    expect(queues.map((queue) => queue.knockers.map((k) => k.displayName))).toEqual([['Knocker']]);
  });

  it('is limited per connection: a knock and leave loop cannot keep the hosts busy', async () => {
    const code = await newMeeting(server.api, host, { title: 'Board', lobby: true });
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    await joinReady(hostSocket, code);
    await roundTrip(hostSocket);
    let queues = 0;
    hostSocket.on('lobby:queue', () => (queues += 1));

    const socket = await connectSocket(server.url, knocker.session.accessToken);
    const refusals: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const reply = await request<LobbyKnockReply>(socket, 'lobby:knock', { code });
      if (!reply.ok) refusals.push(reply.error.code);
      await request(socket, 'lobby:leave', {});
    }
    await roundTrip(hostSocket);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set(['RATE_LIMITED']));
    expect(queues).toBeLessThanOrEqual(2 * LOBBY_KNOCK_LIMIT.burst);
  });
});
