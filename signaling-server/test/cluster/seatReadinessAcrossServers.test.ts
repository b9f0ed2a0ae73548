import type { Participant } from '@wava/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeeting } from '../support/meetings.js';
import { closeOf, openPeerSocket } from '../support/peerSocket.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { connectSocket, joined, nextMatching, request, type ClientSocket } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { useTwoServers } from '../support/twoServers.js';
import { registerUser, type TestUser } from '../support/users.js';

const twoServers = useTwoServers();

/**
 * With several servers a seat becomes ready through Redis after its PeerJS websocket opened (the seat ledger, which
 * may refuse it: the meeting filled meanwhile). Until then its websocket reaches nobody, and `peer:ready` does not
 * answer. These tests hold Redis's writes back for a moment (CLIENT PAUSE) to see what a client sees in between: a
 * Redis of their own, so that no other test file waits.
 */
describe('a seat until Redis makes it ready (two servers, real Redis)', () => {
  let redisServer: RedisServer | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
  });
  afterAll(async () => {
    await redis?.quit();
    await redisServer?.stop();
  });
  const deployment = (env: Record<string, string> = {}) => twoServers({ WAVA_REDIS_URL: redisServer!.url, ...env });
  /** Redis takes no write (readiness, the bus) for a moment: long enough for a client's round trips. */
  const holdWrites = () => redis!.call('CLIENT', 'PAUSE', '1500', 'WRITE');

  async function seat(server: TestServer, user: TestUser, code: string, peerServer = server) {
    const socket = await connectSocket(server.url, user.session.accessToken);
    const result = await joined(socket, code);
    const heardSelf = (others: ClientSocket) =>
      nextMatching<Participant>(others, 'participant:joined', (p) => p.peerId === result.self.peerId);
    return { socket, result, heardSelf, open: () => openPeerSocket(peerServer.url, result.peer) };
  }

  it('a seat refused because the meeting filled gets no OFFER through, not even before it is refused', async () => {
    const { one, two } = await deployment({ WAVA_MAX_PARTICIPANTS: '2' });
    const [hostUser, intruderUser, guestUser] = [
      await registerUser(one.api, 'Host'),
      await registerUser(two.api, 'Intruder'),
      await registerUser(one.api, 'Guest'),
    ];
    const code = await newMeeting(one.api, hostUser);
    const host = await seat(one, hostUser, code);
    const hostPeer = await host.open();
    await request(host.socket, 'peer:ready', {});

    // Both take a seat while one of the two is ready (each on a server of its own: a server frees its own unready
    // seat for a joiner when the meeting is full there); the guest's becomes ready first (its PeerJS websocket on
    // the other server), so the intruder's, once its websocket opens, is refused: the meeting is full.
    const intruder = await seat(two, intruderUser, code);
    const guest = await seat(one, guestUser, code, two);
    const hostHearsGuest = guest.heardSelf(host.socket);
    const guestPeer = await guest.open();
    await hostHearsGuest;

    await holdWrites();
    const intruderPeer = await intruder.open();
    const intruderClosed = closeOf(intruderPeer);
    const offer = { type: 'OFFER', dst: host.result.self.peerId, payload: { sdp: 'v=0', type: 'media' } };
    intruderPeer.send(offer);
    intruderPeer.send({ type: 'CANDIDATE', dst: host.result.self.peerId, payload: { candidate: 'c' } });
    expect(await intruderClosed).toMatchObject({ code: 1008, reason: 'seat freed' });

    // The guest, ready, reaches the host (through the other server); the intruder never did.
    guestPeer.send(offer);
    await hostPeer.waitFor((message) => message.type === 'OFFER' && message.src === guest.result.self.peerId);
    expect(hostPeer.messages.filter((message) => message.src === intruder.result.self.peerId)).toEqual([]);
  }, 30_000);

  it("a newcomer's peer:ready answers after the announcements of who was already here", async () => {
    const { one, two } = await deployment();
    const [aliceUser, bobUser] = [await registerUser(one.api, 'Alice'), await registerUser(two.api, 'Bob')];
    const code = await newMeeting(one.api, aliceUser);
    const alice = await seat(one, aliceUser, code);
    const alicePeer = await alice.open();
    await request(alice.socket, 'peer:ready', {});

    const bob = await seat(two, bobUser, code);
    const seen: string[] = [];
    bob.socket.on('participant:joined', (participant) => seen.push(`joined ${participant.displayName}`));
    await holdWrites();
    // As Wava's client does: `peer:ready` once the Peer has its OPEN. Its answer confirms the seat, and whoever is
    // announced after it is new (a "joined" notification); who was here already must come before.
    const bobPeer = await bob.open();
    // A call placed this early (a client that knew Alice from before) waits, and reaches her once the seat is ready.
    bobPeer.send({ type: 'OFFER', dst: alice.result.self.peerId, payload: { sdp: 'v=0', type: 'media' } });
    const reply = await request(bob.socket, 'peer:ready', {}, 10_000);
    seen.push('peer:ready answered');
    expect(reply).toEqual({ ok: true, data: null });
    expect(seen).toEqual(['joined Alice', 'peer:ready answered']);
    await alicePeer.waitFor((message) => message.type === 'OFFER' && message.src === bob.result.self.peerId);
  }, 30_000);
});
