import type { ClientToServerEvents, JoinResult, Participant, ServerToClientEvents } from '@wava/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets, openPeerSocket } from '../support/peerSocket.js';
import { startTwoServers } from '../support/twoServers.js';
import { registerUser } from '../support/users.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  closeAllPeerSockets();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A client through the balancer, pinned to one server by haproxy's cookie, that reconnects by itself. */
function clientVia(balancer: Haproxy, token: string, server: 'w1' | 'w2'): Client {
  const socket: Client = io(balancer.url, {
    auth: { token },
    transports: ['websocket'],
    extraHeaders: { cookie: `WAVASRV=${server}` },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  cleanups.push(() => void socket.close());
  return socket;
}

function once<T>(socket: Client, event: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket as unknown as Socket).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

async function join(socket: Client, code: string, resume?: { id: string; token: string }): Promise<JoinResult> {
  const ack = await socket
    .timeout(5000)
    .emitWithAck('meeting:join', { code, media: { audio: true, video: true }, ...(resume ? { resume } : {}) });
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.data;
}

function heard(socket: Client, peerId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never heard ${peerId}`)), 10_000);
    const listener = (participant: Participant) => {
      if (participant.peerId !== peerId) return;
      clearTimeout(timer);
      socket.off('participant:joined', listener);
      resolve();
    };
    socket.on('participant:joined', listener);
  });
}

describe('several servers behind haproxy', () => {
  it('a drained server fails readiness; its people reconnect through the balancer and rejoin, a newcomer sees all', async () => {
    const deployment = await startTwoServers();
    cleanups.push(() => deployment.dispose());
    const { one, two } = deployment;
    const balancer = await startHaproxy([one.url, two.url]);
    cleanups.push(() => balancer.stop());
    const [alice, bob, carol] = [
      await registerUser(one.api, 'Alice'),
      await registerUser(two.api, 'Bob'),
      await registerUser(two.api, 'Carol'),
    ];
    const code = await newMeeting(one.api, alice);

    const aliceSocket = clientVia(balancer, alice.session.accessToken, 'w1');
    const bobSocket = clientVia(balancer, bob.session.accessToken, 'w2');
    const aliceJoin = await join(aliceSocket, code);
    await openPeerSocket(balancer.url, aliceJoin.peer);
    const bobHearsAlice = heard(bobSocket, aliceJoin.self.peerId);
    const bobJoin = await join(bobSocket, code);
    await openPeerSocket(balancer.url, bobJoin.peer);
    await bobHearsAlice;

    // Server one drains: it tells Alice, fails readiness, and closes. Her client comes back through the
    // balancer (haproxy sends her elsewhere, her pinned server being down) and resumes her peer id.
    const shutdown = once<{ reconnectAfterMs: number }>(aliceSocket, 'server:shutdown');
    const stopped = one.stop();
    await shutdown;
    const ready = await fetch(`${one.url}/readyz`).catch(() => null);
    expect(ready === null || ready.status === 503).toBe(true);
    await stopped;
    await once(aliceSocket, 'connect');
    const bobHearsAliceAgain = heard(bobSocket, aliceJoin.self.peerId);
    const rejoined = await join(aliceSocket, code, { id: aliceJoin.peer.id, token: aliceJoin.peer.token });
    expect(rejoined.self.peerId).toBe(aliceJoin.self.peerId);
    await openPeerSocket(balancer.url, rejoined.peer);
    await bobHearsAliceAgain;

    // A newcomer through the balancer sees both.
    const carolSocket = clientVia(balancer, carol.session.accessToken, 'w1');
    const carolJoin = await join(carolSocket, code);
    const seen = new Set<string>();
    carolSocket.on('participant:joined', (participant) => seen.add(participant.peerId));
    await openPeerSocket(balancer.url, carolJoin.peer);
    await expect
      .poll(() => [...seen].sort(), { timeout: 5000 })
      .toEqual([aliceJoin.self.peerId, bobJoin.self.peerId].sort());
  });
});
