import type { LobbyKnockReply, LobbyQueue } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { LOBBY_DENY_COOLDOWN_MS } from '../src/lobby/LobbyDeps.js';
import { newMeeting } from './support/meetings.js';
import { connectSocket, joinReady, request, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * Review: a knock ticket keeps someone's place across reconnects. Someone turned away must not keep it: after
 * the cooldown they knock as a newcomer, behind the people who waited meanwhile.
 */
describe('a knock ticket after a denial', () => {
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let pushy: TestUser;
  let patient: TestUser;
  useServerWithUsers({ now: clock.now }, ['Host', 'Pushy', 'Patient'], (started, users) => {
    server = started;
    [host, pushy, patient] = users;
  });

  it('no longer puts the knock back at its old place', async () => {
    const code = await newMeeting(server.api, host, { title: 'Board', lobby: true });
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    const queues: LobbyQueue[] = [];
    hostSocket.on('lobby:queue', (queue) => queues.push(queue));
    await joinReady(hostSocket, code);

    const pushySocket = await connectSocket(server.url, pushy.session.accessToken);
    const first = await request<LobbyKnockReply>(pushySocket, 'lobby:knock', { code });
    if (!first.ok || first.data.state !== 'waiting') throw new Error('expected to wait');
    const ticket = first.data.ticket;
    await roundTrip(hostSocket);
    expect((await request(hostSocket, 'lobby:deny', { id: queues.at(-1)!.knockers[0]!.id })).ok).toBe(true);

    clock.advance(1_000);
    const patientSocket = await connectSocket(server.url, patient.session.accessToken);
    expect((await request<LobbyKnockReply>(patientSocket, 'lobby:knock', { code })).ok).toBe(true);

    clock.advance(LOBBY_DENY_COOLDOWN_MS);
    const again = await request<LobbyKnockReply>(pushySocket, 'lobby:knock', { code, ticket });
    expect(again.ok).toBe(true);
    await roundTrip(hostSocket);
    expect(queues.at(-1)!.knockers.map((knocker) => knocker.displayName)).toEqual(['Patient', 'Pushy']);
  });
});
