import type { JoinResult, Participant, PeerCredentials } from '@wava/protocol';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { closeOf, openPeerSocket } from './support/peerSocket.js';
import {
  connectSocket,
  joined,
  joinMeeting,
  nextEvent,
  openPeerOf,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const ROOM_EVENTS = ['participant:joined', 'participant:updated', 'participant:left'];

/** Issue 7, items 1, 4 and 8: peer ids cannot be taken, tokens die with their seat, seats are visible only when real. */
describe('PeerJS seats under attack', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  useServerWithUsers(
    { env: { WAVA_PEER_READY_TIMEOUT: '1s', WAVA_MAX_PARTICIPANTS: '4' } },
    ['Alice', 'Bob', 'Mallory'],
    (started, users) => {
      server = started;
      [alice, bob, mallory] = users;
    },
  );

  async function member(user: TestUser, code: string): Promise<{ socket: ClientSocket; join: JoinResult }> {
    const socket = await connectSocket(server.url, user.session.accessToken);
    return { socket, join: await joined(socket, code) };
  }

  function rawUpgrade(query: string): Promise<number | 'open'> {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/peerjs/peerjs?${query}`);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('message', () => {
        resolve('open');
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  it('refuses a duplicated-parameter URL that names the victim last, even while the victim is offline', async () => {
    const code = await newMeeting(server.api, alice);
    const victim = await member(alice, code);
    const victimPeer = await openPeerOf(victim.socket, victim.join);
    const attacker = await member(mallory, code);
    await openPeerOf(attacker.socket, attacker.join);
    const { key, id, token } = attacker.join.peer;
    const victimId = victim.join.peer.id;
    const attacks = [
      `key=${key}&id=${id}&token=${token}&id=${victimId}&token=x`,
      `key=${key}&id=${id}&token=${token}&id=${victimId}`,
      `id=${victimId}&key=${key}&id=${id}&token=${token}`,
      `key=${key}&key=${key}&id=${id}&token=${token}`,
      `key=${key}&id=${id}&token=${token}&version=1.5.5&version=1.5.5`,
      `key=${key}&id=${id}&token=${token}&extra=1`,
      `key=${key}&id=${id}`,
      `key=${key}&id=${id}&token=${token}&version=${'9'.repeat(100)}`,
    ];
    for (const query of attacks) expect(await rawUpgrade(query), query).toBe(400);

    // The victim's PeerJS connection drops (laptop sleep): their id is still nobody else's.
    const victimGone = closeOf(victimPeer);
    victimPeer.ws.terminate();
    await victimGone;
    for (const query of attacks.slice(0, 3)) expect(await rawUpgrade(query), query).toBe(400);
    await expect(openPeerSocket(server.url, { ...attacker.join.peer, id: victimId })).rejects.toThrow('HTTP 401');

    // The real participant reconnects with a fresh token, and only OFFERs from within the meeting reach them.
    const fresh = await request<PeerCredentials>(victim.socket, 'peer:token', {});
    if (!fresh.ok) throw new Error(fresh.error.code);
    const back = await openPeerSocket(server.url, { ...victim.join.peer, token: fresh.data.token });
    expect(back.ws.readyState).toBe(WebSocket.OPEN);
    // The PeerJS client's own URL (with `&version=`) is accepted.
    const again = await request<PeerCredentials>(victim.socket, 'peer:token', {});
    if (!again.ok) throw new Error(again.error.code);
    expect(await rawUpgrade(`key=${key}&id=${victimId}&token=${again.data.token}&version=1.5.5`)).toBe('open');
  });

  it('closes the PeerJS websocket of a seat that is left, and its token no longer opens one', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    const hostPeer = await openPeerOf(host.socket, host.join);
    const guest = await member(bob, code);
    const guestPeer = await openPeerOf(guest.socket, guest.join);
    const closed = closeOf(guestPeer);
    expect(await request(guest.socket, 'meeting:leave', {})).toEqual({ ok: true, data: null });
    expect(await closed).toEqual({ code: 1008, reason: 'seat freed' });
    await expect(openPeerSocket(server.url, guest.join.peer)).rejects.toThrow('HTTP 401');
    // Nothing from the old seat reaches the host.
    expect(hostPeer.messages.filter((m) => m.type !== 'OPEN')).toEqual([]);
  });

  it('closes every PeerJS websocket of a meeting the host ends, and their tokens open nothing', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    const hostPeer = await openPeerOf(host.socket, host.join);
    const guest = await member(bob, code);
    const guestPeer = await openPeerOf(guest.socket, guest.join);
    const closed = [closeOf(hostPeer), closeOf(guestPeer)];
    const ended = nextEvent(guest.socket, 'meeting:ended');
    expect(await request(host.socket, 'meeting:end', {})).toEqual({ ok: true, data: null });
    await ended;
    expect(await Promise.all(closed)).toEqual([
      { code: 1008, reason: 'seat freed' },
      { code: 1008, reason: 'seat freed' },
    ]);
    await expect(openPeerSocket(server.url, guest.join.peer)).rejects.toThrow('HTTP 401');
    await expect(openPeerSocket(server.url, host.join.peer)).rejects.toThrow('HTTP 401');
  });

  it('closes the PeerJS websocket of a seat whose connection dropped; the token of the old seat is dead', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    await openPeerOf(host.socket, host.join);
    const guest = await member(bob, code);
    const guestPeer = await openPeerOf(guest.socket, guest.join);
    const closed = closeOf(guestPeer);
    guest.socket.disconnect();
    expect(await closed).toEqual({ code: 1008, reason: 'seat freed' });
    await expect(openPeerSocket(server.url, guest.join.peer)).rejects.toThrow('HTTP 401');
    // The owner resumes their id on a new connection: a new seat, a new token that works.
    const again = await connectSocket(server.url, bob.session.accessToken);
    const resumed = await request<JoinResult>(again, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: guest.join.peer.id, token: guest.join.peer.token },
    });
    if (!resumed.ok) throw new Error(resumed.error.code);
    await expect(openPeerSocket(server.url, guest.join.peer)).rejects.toThrow('HTTP 401');
    await openPeerSocket(server.url, resumed.data.peer);
  });

  it('keeps an unready seat invisible and uninformed, and frees it when its PeerJS connection never opens', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    await openPeerOf(host.socket, host.join);
    const guest = await member(bob, code);
    await openPeerOf(guest.socket, guest.join);
    await roundTrip(host.socket);
    const hostSeen = recordEvents(host.socket, ROOM_EVENTS);

    const lurker = await member(mallory, code);
    expect(lurker.join.participants).toEqual([]);
    const lurkerSeen = recordEvents(lurker.socket, [...ROOM_EVENTS, 'meeting:ended']);
    // It claims to be ready, but has no PeerJS connection: nobody hears of it.
    expect(await request(lurker.socket, 'peer:ready', {})).toEqual({ ok: true, data: null });
    // Names and media changes of the meeting do not reach it.
    const updated = nextEvent<Participant>(host.socket, 'participant:updated');
    await request(guest.socket, 'media:update', { video: false });
    await updated;
    await roundTrip(lurker.socket);
    expect(lurkerSeen).toEqual([]);

    // After the ready timeout its seat is freed and its connection dropped, so a real client would rejoin.
    const dropped = nextEvent<string>(lurker.socket, 'disconnect', 5000);
    expect(await dropped).toBe('transport close');
    await expect(openPeerSocket(server.url, lurker.join.peer)).rejects.toThrow('HTTP 401');
    await roundTrip(host.socket);
    expect(hostSeen.filter((e) => e.event !== 'participant:updated')).toEqual([]);
  });

  it('does not let seats that never connect fill a meeting: only ready seats make it full', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    await openPeerOf(host.socket, host.join);
    // Mallory holds one pending seat; more silent connections of the same account are refused.
    const lurker = await member(mallory, code);
    for (let i = 0; i < 4; i += 1) {
      const extra = await connectSocket(server.url, mallory.session.accessToken);
      expect(await joinMeeting(extra, code)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    }
    // The invited guest gets in.
    const guest = await member(bob, code);
    const announced = nextEvent<Participant>(host.socket, 'participant:joined');
    await openPeerOf(guest.socket, guest.join);
    expect((await announced).userId).toBe(bob.session.user.id);

    // Four places (WAVA_MAX_PARTICIPANTS=4): two ready, Mallory's and Carol's pending. Dave still gets in:
    // the oldest pending seat (Mallory's) gives way, and her connection is dropped so a real client rejoins.
    const [carol, dave, erin] = await Promise.all(['Carol', 'Dave', 'Erin'].map((n) => registerUser(server.api, n)));
    const carolIn = await member(carol!, code);
    const lurkerDropped = nextEvent<string>(lurker.socket, 'disconnect');
    const daveIn = await member(dave!, code);
    expect(await lurkerDropped).toBe('transport close');
    await expect(openPeerSocket(server.url, lurker.join.peer)).rejects.toThrow('HTTP 401');
    await openPeerOf(carolIn.socket, carolIn.join);
    await openPeerOf(daveIn.socket, daveIn.join);
    // Four ready seats: now the meeting is full.
    const late = await connectSocket(server.url, erin!.session.accessToken);
    expect(await joinMeeting(late, code)).toMatchObject({ ok: false, error: { code: 'MEETING_FULL' } });
  });

  it('caps the seats one account holds in a meeting, ready or not, so one account cannot fill it', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    await openPeerOf(host.socket, host.join);
    // Mallory's loop: a new connection, join, open PeerJS (the seat is ready), close PeerJS, again.
    const held: ClientSocket[] = [];
    const refusals: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const socket = await connectSocket(server.url, mallory.session.accessToken);
      const ack = await joinMeeting(socket, code);
      if (!ack.ok) {
        refusals.push(ack.error.code);
        continue;
      }
      held.push(socket);
      const peer = await openPeerOf(socket, ack.data);
      peer.ws.close();
    }
    expect(held).toHaveLength(2); // WAVA_SEATS_PER_ACCOUNT, 2 by default: a laptop and a phone
    expect(refusals).toEqual(['TOO_MANY_SEATS']);
    // The invited guest still gets in.
    const guest = await member(bob, code);
    await openPeerOf(guest.socket, guest.join);
    // Resuming one's own seat is not a new seat.
    const resumed = await connectSocket(server.url, alice.session.accessToken);
    const ack = await request<JoinResult>(resumed, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: host.join.peer.id, token: host.join.peer.token },
    });
    expect(ack.ok).toBe(true);
  });

  it('frees a ready seat whose PeerJS websocket stays closed, but not one that reconnects in time', async () => {
    const code = await newMeeting(server.api, alice);
    const host = await member(alice, code);
    await openPeerOf(host.socket, host.join);
    const hostSeen = recordEvents(host.socket, ['participant:left']);
    const [stays, returns] = [await member(mallory, code), await member(bob, code)];
    const staysPeer = await openPeerOf(stays.socket, stays.join);
    const returnsPeer = await openPeerOf(returns.socket, returns.join);
    // Bob's PeerJS websocket drops first (a network change) and comes back with a fresh token; Mallory's stays shut.
    const returnsClosed = closeOf(returnsPeer);
    returnsPeer.ws.close();
    await returnsClosed;
    const staysClosed = closeOf(staysPeer);
    staysPeer.ws.close();
    await staysClosed;
    const fresh = await request<PeerCredentials>(returns.socket, 'peer:token', {});
    if (!fresh.ok) throw new Error(fresh.error.code);
    await openPeerSocket(server.url, { ...returns.join.peer, token: fresh.data.token });

    // After WAVA_PEER_READY_TIMEOUT Mallory's seat is freed and the others learn she left.
    const dropped = nextEvent<string>(stays.socket, 'disconnect');
    const left = await nextEvent<{ peerId: string; reason: string }>(host.socket, 'participant:left');
    expect(left).toEqual({ peerId: stays.join.peer.id, reason: 'disconnected' });
    expect(await dropped).toBe('transport close');
    // Bob's timer would have run out before Mallory's: he is still in, as nobody was told otherwise.
    await roundTrip(host.socket);
    expect(hostSeen.map((e) => e.payload)).toEqual([left]);
    expect(await request(returns.socket, 'media:update', { audio: false })).toMatchObject({ ok: true });
  });
});
