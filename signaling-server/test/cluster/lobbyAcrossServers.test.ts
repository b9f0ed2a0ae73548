import { type LobbyKnockReply, type LobbyQueue } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { LOBBY_GUESTS_PER_ADDRESS } from '../../src/lobby/createLobby.js';
import { LOBBY_DENY_COOLDOWN_MS } from '../../src/lobby/LobbyDeps.js';
import { openPeerSocket } from '../support/peerSocket.js';
import {
  connectSocket,
  joinMeeting,
  joinReady,
  nextMatching,
  request,
  roundTrip,
  type ClientSocket,
} from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { useTwoServers } from '../support/twoServers.js';
import { registerUser, type TestUser } from '../support/users.js';
import { connectGuest } from '../support/guests.js';

const twoServers = useTwoServers();

const knock = (socket: ClientSocket, code: string) => request<LobbyKnockReply>(socket, 'lobby:knock', { code });
const errorCode = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? null : result.error?.code);

/** Resolves with the first `event` whose payload matches (5 s at most). */
const heard = <T>(socket: ClientSocket, event: string, matches: (payload: T) => boolean = () => true) =>
  nextMatching(socket, event, matches);
const waiting =
  (...names: string[]) =>
  (queue: LobbyQueue) =>
    JSON.stringify(queue.knockers.map((knocker) => knocker.displayName)) === JSON.stringify(names);

async function lobbyMeeting(server: TestServer, host: TestUser): Promise<string> {
  const created = await server.api.createMeeting(host.session.accessToken, { title: 'Board', lobby: true });
  if (!created.ok) throw new Error(created.error.code);
  return created.data.code;
}

/** A guest of `code` connected to `server` (from `from`, for servers that trust the loopback proxy). */
async function guestOn(server: TestServer, code: string, displayName: string, from?: string): Promise<ClientSocket> {
  return (await connectGuest(server.url, code, displayName, from)).socket;
}
const guestSockets: ClientSocket[] = [];
afterEach(() => {
  for (const socket of guestSockets.splice(0)) socket.close();
});

describe('the waiting room across two servers', () => {
  it('a knock on one server reaches the host on the other, who admits; the knocker joins there', async () => {
    const deployment = await twoServers();
    const { one, two } = deployment;
    const [host, member, other] = [
      await registerUser(one.api, 'Host'),
      await registerUser(two.api, 'Member'),
      await registerUser(two.api, 'Other'),
    ];
    const code = await lobbyMeeting(one, host);
    const h = await connectSocket(one.url, host.session.accessToken);
    await joinReady(h, code);
    await roundTrip(h);

    const m = await connectSocket(two.url, member.session.accessToken);
    expect(errorCode(await joinMeeting(m, code))).toBe('LOBBY_REQUIRED');
    const queued = heard<LobbyQueue>(h, 'lobby:queue', waiting('Member'));
    expect(await knock(m, code)).toMatchObject({ ok: true, data: { state: 'waiting' } });
    const { id } = (await queued).knockers[0]!;

    // Someone else knocks on server two and gives up: the host on server one sees them come and go.
    const o = await connectSocket(two.url, other.session.accessToken);
    const both = heard<LobbyQueue>(h, 'lobby:queue', waiting('Member', 'Other'));
    await knock(o, code);
    await both;
    const gone = heard<LobbyQueue>(h, 'lobby:queue', waiting('Member'));
    o.close();
    await gone;

    const admitted = heard<{ code: string }>(m, 'lobby:admitted');
    expect(await request<LobbyQueue>(h, 'lobby:admit', { id })).toEqual({ ok: true, data: { knockers: [] } });
    expect(await admitted).toEqual({ code });
    const joined = await joinReady(m, code);
    expect(joined.meeting.title).toBe('Board');
    // The admission is shared: the same person on server one walks straight in too.
    const again = await connectSocket(one.url, member.session.accessToken);
    expect(await knock(again, code)).toMatchObject({ ok: true, data: { state: 'admitted' } });
  });

  it('a guest turned away on the other server stays turned away on both for the cooldown', async () => {
    const deployment = await twoServers();
    const { one, two } = deployment;
    const host = await registerUser(one.api, 'Host');
    const code = await lobbyMeeting(one, host);
    const h = await connectSocket(one.url, host.session.accessToken);
    await joinReady(h, code);
    await roundTrip(h);

    const gina = await guestOn(two, code, 'Gina');
    const queued = heard<LobbyQueue>(h, 'lobby:queue', waiting('Gina'));
    await knock(gina, code);
    const { id } = (await queued).knockers[0]!;
    const denied = heard<{ code: string; retryAfterSeconds: number }>(gina, 'lobby:denied');
    expect(await request<LobbyQueue>(h, 'lobby:deny', { id })).toEqual({ ok: true, data: { knockers: [] } });
    expect(await denied).toEqual({ code, retryAfterSeconds: LOBBY_DENY_COOLDOWN_MS / 1000 });

    expect(errorCode(await knock(gina, code))).toBe('LOBBY_DENIED');
    expect(errorCode(await joinMeeting(gina, code))).toBe('LOBBY_REQUIRED');
    // A new guest session from the same address, on the host's server, is turned away too.
    const again = await guestOn(one, code, 'Gina again');
    expect(errorCode(await knock(again, code))).toBe('LOBBY_DENIED');
  });

  it('holds only a few guests from one address, counted across both servers', async () => {
    const deployment = await twoServers({ WAVA_TRUST_PROXY: 'loopback' });
    const { one, two } = deployment;
    const host = await registerUser(one.api, 'Host');
    const code = await lobbyMeeting(one, host);
    await joinReady(await connectSocket(one.url, host.session.accessToken), code);
    const answers: string[] = [];
    for (let i = 0; i <= LOBBY_GUESTS_PER_ADDRESS; i += 1) {
      const reply = await knock(await guestOn(i % 2 ? one : two, code, `Bot ${i}`, '203.0.113.50'), code);
      answers.push(reply.ok ? reply.data.state : reply.error.code);
    }
    expect(answers.slice(0, LOBBY_GUESTS_PER_ADDRESS).every((answer) => answer === 'waiting')).toBe(true);
    expect(answers.at(-1)).toBe('RATE_LIMITED');
    expect(await knock(await guestOn(one, code, 'Gina', '203.0.113.51'), code)).toMatchObject({
      ok: true,
      data: { state: 'waiting' },
    });
  });

  it('a guest removed on one server must knock from that address on the other too', async () => {
    const deployment = await twoServers({ WAVA_TRUST_PROXY: 'loopback' });
    const { one, two } = deployment;
    const host = await registerUser(one.api, 'Host');
    const created = await one.api.createMeeting(host.session.accessToken, { title: 'Open house', lobby: false });
    if (!created.ok) throw new Error(created.error.code);
    const code = created.data.code;
    const h = await connectSocket(one.url, host.session.accessToken);
    await joinReady(h, code);

    const troll = await guestOn(two, code, 'Troll', '203.0.113.7');
    const joined = await joinMeeting(troll, code);
    if (!joined.ok) throw new Error(joined.error.code);
    await openPeerSocket(two.url, joined.data.peer);
    const removed = heard(troll, 'moderation:removed');
    expect((await request(h, 'moderation:remove', { peerId: joined.data.peer.id })).ok).toBe(true);
    await removed;

    const again = await guestOn(one, code, 'Troll 2', '203.0.113.7');
    expect(errorCode(await joinMeeting(again, code))).toBe('LOBBY_REQUIRED');
    expect((await joinMeeting(await guestOn(one, code, 'Gina', '203.0.113.8'), code)).ok).toBe(true);
  });

  it('whoever waits on the other server is told when the host ends the meeting', async () => {
    const deployment = await twoServers();
    const { one, two } = deployment;
    const [host, member] = [await registerUser(one.api, 'Host'), await registerUser(two.api, 'Member')];
    const code = await lobbyMeeting(one, host);
    const h = await connectSocket(one.url, host.session.accessToken);
    await joinReady(h, code);
    const m = await connectSocket(two.url, member.session.accessToken);
    const queued = heard<LobbyQueue>(h, 'lobby:queue', waiting('Member'));
    await knock(m, code);
    await queued;
    const ended = heard<{ code: string }>(m, 'meeting:ended');
    expect((await one.api.endMeeting(host.session.accessToken, code)).ok).toBe(true);
    expect(await ended).toEqual({ code });
  });
});
