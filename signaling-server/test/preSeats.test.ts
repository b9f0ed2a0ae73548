import type { JoinResult, Participant, PrepareResult } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { closeOf, openPeerSocket } from './support/peerSocket.js';
import {
  connectSocket,
  joined,
  joinReady,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const ROOM_EVENTS = ['participant:joined', 'participant:updated', 'participant:left', 'chat:history', 'hand:changed'];

/** Issue 10: a peer id prepared on the pre-join screen makes Join one message, and is no seat until then. */
describe('pre-seats (meeting:prepare)', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  useServerWithUsers(
    { env: { WAVA_PEER_READY_TIMEOUT: '1s', WAVA_MAX_PARTICIPANTS: '2' } },
    ['Alice', 'Bob', 'Mallory'],
    (started, users) => {
      server = started;
      [alice, bob, mallory] = users;
    },
  );

  async function prepared(user: TestUser, code: string): Promise<{ socket: ClientSocket; prep: PrepareResult }> {
    const socket = await connectSocket(server.url, user.session.accessToken);
    const reply = await request<PrepareResult>(socket, 'meeting:prepare', { code });
    if (!reply.ok) throw new Error(reply.error.code);
    return { socket, prep: reply.data };
  }

  it('joins with the prepared peer id, ready at once: the answer lists everyone and the others hear of it', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await connectSocket(server.url, alice.session.accessToken);
    const hostJoin = await joinReady(host, code);
    const guest = await prepared(bob, code);
    const guestPeer = await openPeerSocket(server.url, guest.prep.peer);

    const announced = nextEvent<Participant>(host, 'participant:joined');
    const join = await joined(guest.socket, code);
    expect(join.peer.id).toBe(guest.prep.peer.id);
    expect(join.participants.map((p) => p.peerId)).toEqual([hostJoin.peer.id]);
    expect((await announced).peerId).toBe(guest.prep.peer.id);
    expect(guestPeer.ws.readyState).toBe(guestPeer.ws.OPEN);
    // The seat is ready: chat works without another step, and signalling flows both ways.
    expect((await request(guest.socket, 'chat:send', { text: 'hi' })).ok).toBe(true);
    const hostPeer = await openPeerSocket(server.url, { ...hostJoin.peer, token: await freshToken(host) });
    guestPeer.send({ type: 'OFFER', dst: hostJoin.peer.id, payload: { sdp: 'x' } });
    expect(await hostPeer.waitFor((m) => m.type === 'OFFER')).toMatchObject({ src: guest.prep.peer.id });
  });

  it('is no seat: not counted, not announced, no room events, and its PeerJS websocket signals nothing', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await connectSocket(server.url, alice.session.accessToken);
    const hostJoin = await joinReady(host, code);
    const hostPeer = await openPeerSocket(server.url, { ...hostJoin.peer, token: await freshToken(host) });
    const hostHeard = recordEvents(host, ROOM_EVENTS);
    const lurker = await prepared(mallory, code);
    const lurkerHeard = recordEvents(lurker.socket, ROOM_EVENTS);
    const lurkerPeer = await openPeerSocket(server.url, lurker.prep.peer);

    // It sends nothing anyone receives, and nothing reaches it (an OFFER to it expires as to an absent peer).
    lurkerPeer.send({ type: 'OFFER', dst: hostJoin.peer.id, payload: { sdp: 'x' } });
    hostPeer.send({ type: 'OFFER', dst: lurker.prep.peer.id, payload: { sdp: 'y' } });
    expect(await hostPeer.waitFor((m) => m.type === 'EXPIRE')).toMatchObject({ src: lurker.prep.peer.id });
    // Room events are refused, and the meeting (two places) still has room for someone who really joins.
    expect(await request(lurker.socket, 'chat:send', { text: 'psst' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_MEETING' },
    });
    expect(await request(lurker.socket, 'peer:token', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_MEETING' },
    });
    const guest = await connectSocket(server.url, bob.session.accessToken);
    await joinReady(guest, code);
    await roundTrip(host);
    await roundTrip(lurker.socket);
    expect(hostPeer.messages.filter((m) => m.type === 'OFFER')).toEqual([]);
    expect(lurkerPeer.messages.filter((m) => m.type !== 'OPEN')).toEqual([]);
    expect(lurkerHeard).toEqual([]);
    expect(hostHeard.map((e) => e.event)).toEqual(['participant:joined']);
    // Now the meeting is full: the pre-seat cannot join it.
    expect(await request(lurker.socket, 'meeting:join', { code, media: { audio: true, video: true } })).toMatchObject({
      ok: false,
      error: { code: 'MEETING_FULL' },
    });
  });

  it('stays open past the ready timeout, and is freed (its websocket closed) when the connection goes or prepares again', async () => {
    const code = await newMeeting(server.api, alice);
    const first = await prepared(bob, code);
    const firstPeer = await openPeerSocket(server.url, first.prep.peer);
    // WAVA_PEER_READY_TIMEOUT frees unready seats; a pre-seat is none and waits on the pre-join screen.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(firstPeer.ws.readyState).toBe(firstPeer.ws.OPEN);

    const replaced = closeOf(firstPeer);
    const again = await request<PrepareResult>(first.socket, 'meeting:prepare', { code });
    if (!again.ok) throw new Error(again.error.code);
    expect(await replaced).toEqual({ code: 1008, reason: 'seat freed' });
    await expect(openPeerSocket(server.url, first.prep.peer)).rejects.toThrow('HTTP 401');

    const secondPeer = await openPeerSocket(server.url, again.data.peer);
    const gone = closeOf(secondPeer);
    first.socket.close();
    expect(await gone).toEqual({ code: 1008, reason: 'seat freed' });
  });

  it('belongs to its connection: another connection (or account) cannot join with it or open it for another meeting', async () => {
    const code = await newMeeting(server.api, alice);
    const other = await newMeeting(server.api, alice);
    const prep = await prepared(bob, code);
    // Joining another meeting frees it; the same account's other connection gets a peer id of its own.
    const elsewhere = await connectSocket(server.url, bob.session.accessToken);
    const otherJoin: JoinResult = await joined(elsewhere, code);
    expect(otherJoin.peer.id).not.toBe(prep.prep.peer.id);
    const peer = await openPeerSocket(server.url, prep.prep.peer);
    const freed = closeOf(peer);
    const join = await joined(prep.socket, other);
    expect(join.peer.id).not.toBe(prep.prep.peer.id);
    expect(await freed).toEqual({ code: 1008, reason: 'seat freed' });
  });

  it('refuses an unknown meeting code and a connection already in a meeting', async () => {
    const socket = await connectSocket(server.url, bob.session.accessToken);
    expect(await request(socket, 'meeting:prepare', { code: 'abc-defg-hij' })).toMatchObject({
      ok: false,
      error: { code: 'MEETING_NOT_FOUND' },
    });
    const code = await newMeeting(server.api, alice);
    await joined(socket, code);
    expect(await request(socket, 'meeting:prepare', { code })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_MEETING' },
    });
  });

  async function freshToken(socket: ClientSocket): Promise<string> {
    const reply = await request<{ token: string }>(socket, 'peer:token', {});
    if (!reply.ok) throw new Error(reply.error.code);
    return reply.data.token;
  }
});
