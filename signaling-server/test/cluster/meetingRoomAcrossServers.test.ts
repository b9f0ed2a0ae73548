import type { ChatHistory, ChatMessage, Hands, JoinResult, PeerCredentials } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from '../support/meetings.js';
import { openPeerSocket, type PeerSocket } from '../support/peerSocket.js';
import {
  connectSocket,
  joined,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { useTwoServers } from '../support/twoServers.js';
import { registerUser, type TestUser } from '../support/users.js';

const ROOM_EVENTS = ['chat:message', 'hand:changed', 'participant:left'];

interface Person {
  socket: ClientSocket;
  peer: PeerSocket;
  peerId: string;
  /** The PeerJS key, id and token the join gave. */
  credentials: JoinResult['peer'];
  seen: Array<{ event: string; payload: unknown }>;
}

const twoServers = useTwoServers();

/**
 * A ready seat: Socket.io on `server`, the PeerJS websocket on `peerServer`; every room event recorded from the
 * start. A seat learns the raised hands the moment it is ready, so that first `hand:changed` says it is.
 */
async function enter(server: TestServer, user: TestUser, code: string, peerServer = server): Promise<Person> {
  const socket = await connectSocket(server.url, user.session.accessToken);
  const seen = recordEvents(socket, ROOM_EVENTS);
  const result = await joined(socket, code);
  const peer = await openPeerSocket(peerServer.url, result.peer);
  await expect.poll(() => seen.some((entry) => entry.event === 'hand:changed')).toBe(true);
  return { socket, peer, peerId: result.self.peerId, credentials: result.peer, seen };
}

const handsSeen = (person: Person) =>
  person.seen.filter((entry) => entry.event === 'hand:changed').map((entry) => entry.payload as Hands);
const lastHands = (person: Person) =>
  handsSeen(person)
    .at(-1)
    ?.hands.map((hand) => hand.peerId);

describe('raised hands across servers', () => {
  it('hands raised at once on both servers go up in one order everyone sees; a late joiner on either gets them', async () => {
    const { one, two } = await twoServers();
    const users = await Promise.all(['Host', 'B', 'C', 'D'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const host = await enter(one, users[0]!, code);
    const b = await enter(two, users[1]!, code);
    const c = await enter(one, users[2]!, code, two);

    // B (server two) and C (server one) raise at the same moment; each answer is the list as its change left it.
    const [byB, byC] = await Promise.all([
      request<Hands>(b.socket, 'hand:raise', {}),
      request<Hands>(c.socket, 'hand:raise', {}),
    ]);
    if (!byB.ok || !byC.ok) throw new Error('a hand did not go up');
    const order = byB.data.hands.length === 2 ? byB.data.hands : byC.data.hands;
    const ids = order.map((hand) => hand.peerId);
    expect(ids.sort()).toEqual([b.peerId, c.peerId].sort());
    const expected = order.map((hand) => hand.peerId);
    // Everyone, on either server, ends with that same list.
    for (const person of [host, b, c]) await expect.poll(() => lastHands(person)).toEqual(expected);

    // Raising again changes nothing.
    const again = await request<Hands>(b.socket, 'hand:raise', {});
    expect(again.ok && again.data.hands.map((hand) => hand.peerId)).toEqual(expected);

    // A late joiner on server two is told the hands raised on both servers when its seat becomes ready.
    const late = await enter(two, users[3]!, code);
    expect(handsSeen(late)[0]!.hands.map((hand) => hand.peerId)).toEqual(expected);
    expect(handsSeen(late)[0]!.hands.every((hand) => !Number.isNaN(Date.parse(hand.raisedAt)))).toBe(true);
  });

  it('the host on one server lowers a hand raised on the other; leaving lowers one for everyone', async () => {
    const { one, two } = await twoServers();
    const users = await Promise.all(['Host', 'B', 'C'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const host = await enter(one, users[0]!, code);
    const b = await enter(two, users[1]!, code);
    const c = await enter(two, users[2]!, code);
    await request(b.socket, 'hand:raise', {});
    await request(c.socket, 'hand:raise', {});
    await expect.poll(() => lastHands(host)).toEqual([b.peerId, c.peerId]);

    // Someone who is not the host may not lower another's hand, even on the hand's own server.
    expect(await request(c.socket, 'hand:lower', { peerId: b.peerId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_HOST' },
    });
    const lowered = await request<Hands>(host.socket, 'hand:lower', { peerId: b.peerId });
    expect(lowered.ok && lowered.data.hands.map((hand) => hand.peerId)).toEqual([c.peerId]);
    await expect.poll(() => lastHands(b)).toEqual([c.peerId]);

    expect(await request(c.socket, 'meeting:leave', {})).toEqual({ ok: true, data: null });
    await expect.poll(() => lastHands(host)).toEqual([]);
    await expect.poll(() => lastHands(b)).toEqual([]);
    await roundTrip(host.socket);
  });
});

describe('raised hands when a server drains', () => {
  it('a hand stays up while its owner moves to the other server with the same peer id', async () => {
    const { one, two } = await twoServers();
    const users = await Promise.all(['Host', 'Bob'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const host = await enter(two, users[0]!, code);
    const bob = await enter(one, users[1]!, code);
    await request(bob.socket, 'hand:raise', {});
    await expect.poll(() => lastHands(host)).toEqual([bob.peerId]);

    await one.stop();
    // Bob comes back through the balancer, on server two, resuming his peer id.
    const socket = await connectSocket(two.url, users[1]!.session.accessToken);
    const seen = recordEvents(socket, ROOM_EVENTS);
    const resumed = await request<JoinResult>(socket, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: bob.credentials.id, token: bob.credentials.token },
    });
    if (!resumed.ok) throw new Error(resumed.error.code);
    await openPeerSocket(two.url, resumed.data.peer);
    const moved: Person = { ...bob, socket, seen };
    await expect.poll(() => lastHands(moved)).toEqual([bob.peerId]);
    const hostRaises = await request<Hands>(host.socket, 'hand:raise', {});
    expect(hostRaises.ok && hostRaises.data.hands.map((hand) => hand.peerId)).toEqual([bob.peerId, host.peerId]);
  });
});

describe('private messages across servers', () => {
  it('reach their recipient on the other server only, both ways; the history is theirs', async () => {
    const { one, two } = await twoServers();
    const users = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const alice = await enter(one, users[0]!, code);
    const bob = await enter(two, users[1]!, code, one);
    const carol = await enter(two, users[2]!, code);
    const messages = (person: Person) =>
      person.seen.filter((entry) => entry.event === 'chat:message').map((entry) => (entry.payload as ChatMessage).text);

    const sent = await request<ChatMessage>(alice.socket, 'chat:send', { to: bob.peerId, text: 'for Bob only' });
    expect(sent).toMatchObject({ ok: true, data: { to: { peerId: bob.peerId, displayName: 'Bob' } } });
    await expect.poll(() => messages(bob)).toEqual(['for Bob only']);
    const reply = await request<ChatMessage>(bob.socket, 'chat:send', { to: alice.peerId, text: 'for Alice only' });
    expect(reply).toMatchObject({ ok: true, data: { to: { peerId: alice.peerId, displayName: 'Alice' } } });
    await expect.poll(() => messages(alice)).toEqual(['for Alice only']);

    await Promise.all([alice, bob, carol].map((person) => roundTrip(person.socket)));
    expect(messages(carol)).toEqual([]);
    const history = await request<ChatHistory>(carol.socket, 'chat:history', {});
    expect(history.ok && history.data.messages).toEqual([]);
    const bobsHistory = await request<ChatHistory>(bob.socket, 'chat:history', {});
    expect(bobsHistory.ok && bobsHistory.data.messages.map((m) => m.text)).toEqual(['for Bob only', 'for Alice only']);
  });

  it('refuse a recipient of another meeting, or one whose seat on the other server is not ready', async () => {
    const { one, two } = await twoServers();
    const users = await Promise.all(['Alice', 'Bob', 'Dan'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const otherCode = await newMeeting(two.api, users[2]!);
    const alice = await enter(one, users[0]!, code);
    const elsewhere = await enter(two, users[2]!, otherCode);
    // Bob's seat on server two waits for its PeerJS websocket.
    const waiting = await joined(await connectSocket(two.url, users[1]!.session.accessToken), code);

    for (const to of [elsewhere.peerId, waiting.self.peerId]) {
      const refused = await request(alice.socket, 'chat:send', { to, text: 'hello?' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'RECIPIENT_NOT_IN_MEETING' } });
    }
    await roundTrip(elsewhere.socket);
    expect(elsewhere.seen.filter((entry) => entry.event === 'chat:message')).toEqual([]);
  });
});

describe('abandoned seats across servers', () => {
  it('a PeerJS websocket that closes on one server frees its seat held through the other, unless it reopens anywhere', async () => {
    const { one, two } = await twoServers({ WAVA_PEER_READY_TIMEOUT: '1s' });
    const users = await Promise.all(['Host', 'Bob', 'Mallory'].map((name) => registerUser(one.api, name)));
    const code = await newMeeting(one.api, users[0]!);
    const host = await enter(one, users[0]!, code);
    // Both hold their seats through server one, with their PeerJS websockets on server two.
    const bob = await enter(one, users[1]!, code, two);
    const mallory = await enter(one, users[2]!, code, two);
    const closed = (person: Person) => new Promise<void>((resolve) => person.peer.ws.once('close', () => resolve()));

    // Bob's PeerJS websocket drops first and comes back on server one with a fresh token; Mallory's stays shut.
    const bobClosed = closed(bob);
    bob.peer.ws.close();
    await bobClosed;
    const malloryClosed = closed(mallory);
    mallory.peer.ws.close();
    await malloryClosed;
    const fresh = await request<PeerCredentials>(bob.socket, 'peer:token', {});
    if (!fresh.ok) throw new Error(fresh.error.code);
    await openPeerSocket(one.url, { ...bob.credentials, token: fresh.data.token });

    // Server two's wait runs out: Mallory's connection on server one is closed and everyone learns she left.
    const dropped = nextEvent<string>(mallory.socket, 'disconnect');
    await expect
      .poll(() => host.seen.filter((entry) => entry.event === 'participant:left').map((e) => e.payload), {
        timeout: 10_000,
      })
      .toEqual([{ peerId: mallory.peerId, reason: 'disconnected' }]);
    expect(await dropped).toBe('transport close');
    // Bob's wait ran out before Mallory's: he is still in.
    await roundTrip(host.socket);
    expect(host.seen.filter((entry) => entry.event === 'participant:left')).toHaveLength(1);
    expect(await request(bob.socket, 'media:update', { audio: false })).toMatchObject({ ok: true });
  });
});
