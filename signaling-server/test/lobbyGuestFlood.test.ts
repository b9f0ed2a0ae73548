import { type LobbyKnockReply } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { LOBBY_GUESTS_PER_ADDRESS } from '../src/lobby/createLobby.js';
import { connectGuest } from './support/guests.js';
import { newMeeting } from './support/meetings.js';
import { connectSocket, joinReady, request } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * Review: guest identities are cheap, and the waiting room holds LOBBY_QUEUE_MAX people. One address must not be
 * able to fill a meeting's waiting room with guests, so that nobody else can knock (MEETING_FULL).
 */
describe('guests from one address in a waiting room', () => {
  let server: TestServer;
  let host: TestUser;
  useServerWithUsers({ env: { WAVA_TRUST_PROXY: 'loopback' } }, ['Host'], (started, users) => {
    server = started;
    [host] = users;
  });

  async function guestKnock(code: string, displayName: string, from: string): Promise<string> {
    const { socket } = await connectGuest(server.url, code, displayName, from);
    const reply = await request<LobbyKnockReply>(socket, 'lobby:knock', { code });
    return reply.ok ? reply.data.state : reply.error.code;
  }

  it('holds only a few of them at once; others still knock', async () => {
    const code = await newMeeting(server.api, host, { title: 'Town hall', lobby: true });
    await joinReady(await connectSocket(server.url, host.session.accessToken), code);

    const answers: string[] = [];
    for (let i = 0; i <= LOBBY_GUESTS_PER_ADDRESS; i += 1)
      answers.push(await guestKnock(code, `Bot ${i}`, '203.0.113.50'));
    expect(answers.slice(0, LOBBY_GUESTS_PER_ADDRESS).every((answer) => answer === 'waiting')).toBe(true);
    expect(answers.at(-1)).toBe('RATE_LIMITED');
    expect(await guestKnock(code, 'Gina', '203.0.113.51')).toBe('waiting');
  });
});
