import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { JoinResult, PeerCredentials } from '@wava/protocol';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { FUZZ_SEED } from './support/hostileInput.js';
import { getRaw } from './support/http.js';
import { newMeeting } from './support/meetings.js';
import { closeAllPeerSockets, openPeerSocket, type PeerSocket } from './support/peerSocket.js';
import {
  closeAllSockets,
  connectSocket,
  joined,
  joinMeeting,
  openPeerOf,
  request,
  type ClientSocket,
} from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';

/** An OFFER as big as a real one can get (59 KiB of SDP), under the 64 KiB frame limit. */
const BIG_SDP = 'a'.repeat(59 * 1024);
const MIB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** The heap this process (server and test) holds on to, after a full garbage collection. */
function heapHeld(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Issue 7, items 2 and 3: no account can grow the server's memory or use up its PeerJS connections. */
describe('PeerJS limits', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    closeAllPeerSockets();
    closeAllSockets();
    await Promise.all(servers.splice(0).map((s) => s.dispose()));
  });

  async function serverWith(env: Record<string, string>): Promise<TestServer> {
    const server = await startTestServer({ env });
    servers.push(server);
    return server;
  }

  async function meeting(server: TestServer, ...names: string[]) {
    const users = await Promise.all(names.map((name) => registerUser(server.api, name)));
    const code = await newMeeting(server.api, users[0]!);
    const members: Array<{ user: TestUser; socket: ClientSocket; join: JoinResult; peer: PeerSocket }> = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      const join = await joined(socket, code);
      members.push({ user, socket, join, peer: await openPeerOf(socket, join) });
    }
    return { code, members };
  }

  function closed(peer: PeerSocket): Promise<{ code: number; reason: string }> {
    if (peer.ws.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
    return new Promise((resolve) => peer.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  async function gauge(server: TestServer, name: string): Promise<number> {
    const match = new RegExp(`^${name} (\\d+)$`, 'm').exec((await getRaw(`${server.url}/metrics`)).text);
    return Number(match?.[1]);
  }

  it('closes a PeerJS socket that floods (1,000 OFFERs of 59 KiB) and keeps the meeting beside it going', async () => {
    const server = await serverWith({});
    const { members } = await meeting(server, 'Flooder', 'Target');
    const [flooder, target] = members as [(typeof members)[0], (typeof members)[0]];
    const beside = await meeting(server, 'Host', 'Guest');
    const heapBefore = heapHeld();
    const flooderClosed = closed(flooder.peer);
    const frame = JSON.stringify({ type: 'OFFER', dst: target.join.peer.id, payload: { sdp: BIG_SDP } });
    for (let i = 0; i < 1000 && flooder.peer.ws.readyState === WebSocket.OPEN; i += 1) flooder.peer.ws.send(frame);
    expect(await flooderClosed).toEqual({ code: 1008, reason: 'over the message or byte rate' });
    // About the byte budget's burst (4 s at 256 KiB/s, plus what refilled meanwhile) got through, not the flood.
    expect(target.peer.messages.filter((m) => m.type === 'OFFER').length).toBeLessThan(100);
    expect(heapHeld() - heapBefore).toBeLessThan(8 * MIB);
    const [host, guest] = beside.members as [(typeof members)[0], (typeof members)[0]];
    guest.peer.send({ type: 'OFFER', dst: host.join.peer.id, payload: { sdp: 'still works' } });
    expect(await host.peer.waitFor((m) => m.type === 'OFFER')).toMatchObject({ src: guest.join.peer.id });
  });

  it('drops a receiver that stops reading instead of buffering for it, and the sender carries on', async () => {
    // Budgets high enough that only the receiver's backpressure can stop this.
    const server = await serverWith({
      WAVA_PEER_BYTES_PER_SECOND: '100000000',
      WAVA_PEER_MESSAGES_PER_SECOND: '100000',
      WAVA_PEER_MESSAGE_BURST: '100000',
    });
    const { members } = await meeting(server, 'Sender', 'Sleeper', 'Third');
    const [sender, sleeper, third] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    sleeper.peer.ws.pause();
    expect(await gauge(server, 'wava_peer_connections')).toBe(3);
    const heapBefore = heapHeld();
    const frame = JSON.stringify({ type: 'OFFER', dst: sleeper.join.peer.id, payload: { sdp: BIG_SDP } });
    for (let i = 0; i < 1000; i += 1) sender.peer.ws.send(frame);
    sender.peer.send({ type: 'OFFER', dst: third.join.peer.id, payload: { sdp: 'after the flood' } });
    await third.peer.waitFor((m) => m.type === 'OFFER');
    expect(await gauge(server, 'wava_peer_connections')).toBe(2);
    expect(heapHeld() - heapBefore).toBeLessThan(8 * MIB);
    expect(sender.peer.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('drops signalling for ids that are not connected (an OFFER gets EXPIRE), and queues nothing for later', async () => {
    const server = await serverWith({});
    const users = await Promise.all(['Caller', 'Late'].map((name) => registerUser(server.api, name)));
    const code = await newMeeting(server.api, users[0]!);
    const caller = await connectSocket(server.url, users[0]!.session.accessToken);
    const callerJoin = await joined(caller, code);
    const callerPeer = await openPeerOf(caller, callerJoin);
    const late = await connectSocket(server.url, users[1]!.session.accessToken);
    const lateJoin = await joined(late, code);
    for (let i = 0; i < 50; i += 1) {
      callerPeer.send({ type: 'OFFER', dst: lateJoin.peer.id, payload: { sdp: BIG_SDP.slice(0, 1024) } });
    }
    expect(await callerPeer.waitFor((m) => m.type === 'EXPIRE')).toEqual({
      type: 'EXPIRE',
      src: lateJoin.peer.id,
      dst: callerJoin.peer.id,
    });
    const latePeer = await openPeerOf(late, lateJoin);
    callerPeer.send({ type: 'OFFER', dst: lateJoin.peer.id, payload: { sdp: 'now' } });
    await latePeer.waitFor((m) => m.type === 'OFFER');
    expect(latePeer.messages.filter((m) => m.type === 'OFFER').map((m) => m.payload)).toEqual([{ sdp: 'now' }]);
  });

  it('drops a payload nested too deep to serialise, instead of crashing', async () => {
    const server = await serverWith({});
    const { members } = await meeting(server, 'Nester', 'Target');
    const [nester, target] = members as [(typeof members)[0], (typeof members)[0]];
    const depth = 30_000;
    nester.peer.ws.send(
      `{"type":"OFFER","dst":"${target.join.peer.id}","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    nester.peer.send({ type: 'OFFER', dst: target.join.peer.id, payload: { sdp: 'after' } });
    expect((await target.peer.waitFor((m) => m.type === 'OFFER')).payload).toEqual({ sdp: 'after' });
    expect((await server.api.health()).ok).toBe(true);
  });

  it('limits PeerJS connections per account and on the whole server', async () => {
    const server = await serverWith({ WAVA_PEER_CONNECTIONS_PER_USER: '2', WAVA_PEER_MAX_CONNECTIONS: '3' });
    const [owner, other, third] = await Promise.all(
      ['Owner', 'Other', 'Third'].map((n) => registerUser(server.api, n)),
    );
    const seatIn = async (user: TestUser) => {
      const socket = await connectSocket(server.url, user.session.accessToken);
      return joined(socket, await newMeeting(server.api, user));
    };
    // One account, three meetings: the third PeerJS connection is over its limit.
    const seats = [await seatIn(owner!), await seatIn(owner!), await seatIn(owner!)];
    await openPeerSocket(server.url, seats[0]!.peer);
    await openPeerSocket(server.url, seats[1]!.peer);
    await expect(openPeerSocket(server.url, seats[2]!.peer)).rejects.toThrow('HTTP 429');
    // The same seat reconnecting replaces its connection and is not counted twice.
    await openPeerSocket(server.url, seats[1]!.peer);
    // The server's own limit.
    await openPeerSocket(server.url, (await seatIn(other!)).peer);
    await expect(openPeerSocket(server.url, (await seatIn(third!)).peer)).rejects.toThrow('HTTP 503');
  });

  it('limits how many peer tokens one account mints (join/leave loops, peer:token floods)', async () => {
    const server = await serverWith({ WAVA_PEER_TOKENS_PER_MINUTE: '5' });
    const [looper, bystander] = await Promise.all(['Looper', 'Bystander'].map((n) => registerUser(server.api, n)));
    const code = await newMeeting(server.api, looper!);
    const socket = await connectSocket(server.url, looper!.session.accessToken);
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const join = await joinMeeting(socket, code);
      outcomes.push(join.ok ? 'ok' : join.error.code);
      if (join.ok) await request(socket, 'meeting:leave', {});
    }
    await joined(socket, code);
    const token = await request(socket, 'peer:token', {});
    expect([...outcomes, token.ok ? 'ok' : token.error.code]).toEqual(['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
    // Another account is not affected.
    const other = await connectSocket(server.url, bystander!.session.accessToken);
    await openPeerOf(other, await joined(other, code));
  });

  it('stays healthy under random floods, slow readers, oversized frames and reconnects, a meeting beside it unaffected', async () => {
    const server = await serverWith({ WAVA_PEER_TOKENS_PER_MINUTE: '10000' });
    const beside = await meeting(server, 'Host', 'Guest');
    const attack = await meeting(server, 'A1', 'A2', 'A3');
    const peers = attack.members.map((m) => m.peer);
    const heapBefore = heapHeld();
    const reopen = async (i: number) => {
      const member = attack.members[i]!;
      const fresh = await request<PeerCredentials>(member.socket, 'peer:token', {});
      if (!fresh.ok) throw new Error(fresh.error.code);
      peers[i] = await openPeerSocket(server.url, { ...member.join.peer, token: fresh.data.token });
    };
    const action = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      to: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom('burst', 'pause', 'resume', 'oversized', 'reconnect'),
      count: fc.integer({ min: 1, max: 120 }),
      size: fc.constantFrom(10, 4 * 1024, 59 * 1024),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        for (const { who, to, kind, count, size } of actions) {
          const peer = peers[who]!;
          if (peer.ws.readyState !== WebSocket.OPEN) await reopen(who);
          const ws = peers[who]!.ws;
          const dst = to < 3 ? attack.members[to]!.join.peer.id : beside.members[0]!.join.peer.id;
          switch (kind) {
            case 'burst': {
              const frame = JSON.stringify({ type: 'OFFER', dst, payload: { sdp: 'a'.repeat(size) } });
              for (let i = 0; i < count && ws.readyState === WebSocket.OPEN; i += 1) ws.send(frame);
              break;
            }
            case 'pause':
              ws.pause();
              break;
            case 'resume':
              ws.resume();
              break;
            case 'oversized':
              ws.send('x'.repeat(70 * 1024));
              break;
            case 'reconnect':
              ws.terminate();
              break;
          }
        }
        await roundTripHealth(server);
      }),
      { numRuns: 25, seed: FUZZ_SEED },
    );
    for (const peer of peers) peer.ws.terminate();
    expect(heapHeld() - heapBefore).toBeLessThan(16 * MIB);
    // Nothing crossed into the meeting beside, and it still signals both ways.
    const [host, guest] = beside.members as [(typeof beside.members)[0], (typeof beside.members)[0]];
    expect(host.peer.messages.filter((m) => m.type !== 'OPEN')).toEqual([]);
    guest.peer.send({ type: 'OFFER', dst: host.join.peer.id, payload: { sdp: 'still works' } });
    expect(await host.peer.waitFor((m) => m.type === 'OFFER')).toMatchObject({ src: guest.join.peer.id });
    // Only the meeting beside is still connected, once the server has seen the attackers' sockets close.
    for (let i = 0; i < 100 && (await gauge(server, 'wava_peer_connections')) !== 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await gauge(server, 'wava_peer_connections')).toBe(2);
  }, 120_000);
});

async function roundTripHealth(server: TestServer): Promise<void> {
  const health = await server.api.health();
  if (!health.ok) throw new Error(`unhealthy: ${health.error.code}`);
}
