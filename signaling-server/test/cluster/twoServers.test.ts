import type { JoinResult, Participant } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '@wava/protocol';
import { errorCodeOf, postFrom } from '../support/http.js';
import { newMeeting } from '../support/meetings.js';
import { openPeerSocket, type PeerSocket } from '../support/peerSocket.js';
import {
  connectSocket,
  joined,
  joinMeeting,
  nextEvent,
  nextMatching,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { useTwoServers } from '../support/twoServers.js';
import { PASSWORD, registerUser, uniqueUsername, type TestUser } from '../support/users.js';

const twoServers = useTwoServers();

/** Joins on one server; the PeerJS websocket opens on `peerServer` (the same one unless said otherwise). */
async function seat(server: TestServer, user: TestUser, code: string, peerServer = server) {
  const socket = await connectSocket(server.url, user.session.accessToken);
  const result = await joined(socket, code);
  const peer = await openPeerSocket(peerServer.url, result.peer);
  return { socket, result, peer };
}

/**
 * Two servers and a meeting of `first`'s: `first` registered and seated on server one, `second` registered and
 * seated on server two.
 */
async function seatedOnBoth(first: string, second: string) {
  const deployment = await twoServers();
  const { one, two } = deployment;
  const users = [await registerUser(one.api, first), await registerUser(two.api, second)] as const;
  const code = await newMeeting(one.api, users[0]);
  const seats = [await seat(one, users[0], code), await seat(two, users[1], code)] as const;
  return { ...deployment, users, code, seats };
}

/** Joins `code` on `socket`, resuming the peer id `previous` was given (a client back after a lost connection). */
async function resumeSeat(socket: ClientSocket, code: string, previous: JoinResult): Promise<JoinResult> {
  const resumed = await request<JoinResult>(socket, 'meeting:join', {
    code,
    media: { audio: true, video: true },
    resume: { id: previous.peer.id, token: previous.peer.token },
  });
  if (!resumed.ok) throw new Error(resumed.error.code);
  return resumed.data;
}

/** Resolves once `socket` hears of `peerId` joining (5 s at most). */
const heardJoin = (socket: ClientSocket, peerId: string) =>
  nextMatching<Participant>(socket, 'participant:joined', (participant) => participant.peerId === peerId);

describe('two Wava servers sharing PostgreSQL and Redis', () => {
  it('a user registered on one signs in on the other', async () => {
    const { one, two } = await twoServers();
    const user = await registerUser(one.api, 'Roaming');
    const login = await two.api.login({ username: user.username, password: user.password });
    expect(login.ok && login.data.user).toEqual(user.session.user);
  });

  it('people on different servers see each other join, change media and leave', async () => {
    const { one, two } = await twoServers();
    const [alice, bob] = [await registerUser(one.api, 'Alice'), await registerUser(two.api, 'Bob')];
    const code = await newMeeting(one.api, alice);
    const a = await seat(one, alice, code);

    const bobSocket = await connectSocket(two.url, bob.session.accessToken);
    const bobJoin = await joined(bobSocket, code);
    const bobHearsAlice = heardJoin(bobSocket, a.result.self.peerId);
    const aliceHearsBob = heardJoin(a.socket, bobJoin.self.peerId);
    await openPeerSocket(two.url, bobJoin.peer);
    expect((await bobHearsAlice).displayName).toBe('Alice');
    expect((await aliceHearsBob).displayName).toBe('Bob');

    const updated = nextEvent<Participant>(bobSocket, 'participant:updated');
    await request(a.socket, 'media:update', { video: false });
    expect((await updated).media.video).toBe(false);

    const left = nextEvent<{ peerId: string }>(a.socket, 'participant:left');
    await request(bobSocket, 'meeting:leave', {});
    expect((await left).peerId).toBe(bobJoin.self.peerId);
  });

  it('20 people joining a 6-seat meeting spread over both servers seat exactly 6', async () => {
    const { one, two } = await twoServers();
    const host = await registerUser(one.api, 'Host');
    const code = await newMeeting(one.api, host);
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => registerUser((i % 2 ? two : one).api, `Person ${i}`)),
    );
    const attempts = await Promise.all(
      people.map(async (person, i) => {
        const server = i % 2 ? two : one;
        // Half of them open their PeerJS websocket on the other server than their Socket.io connection.
        const peerServer = i % 4 < 2 ? server : server === one ? two : one;
        const socket = await connectSocket(server.url, person.session.accessToken);
        const known = new Set<string>();
        socket.on('participant:joined', (participant) => known.add(participant.peerId));
        socket.on('participant:left', ({ peerId }) => known.delete(peerId));
        const ack = await joinMeeting(socket, code);
        let peer: PeerSocket | null = null;
        if (ack.ok) peer = await openPeerSocket(peerServer.url, ack.data.peer).catch(() => null);
        return { socket, ack, peer, known };
      }),
    );
    // A seat that did not fit is dropped by the server: its join was refused, its PeerJS websocket refused or
    // closed, or its transport closed so that it rejoins. Exactly 14 end so.
    const isOut = (attempt: (typeof attempts)[number]) =>
      !attempt.ack.ok || !attempt.socket.connected || attempt.peer?.ws.readyState !== attempt.peer?.ws.OPEN;
    await expect.poll(() => attempts.filter(isOut).length, { timeout: 10_000 }).toBe(14);
    const seated = attempts.filter((attempt) => !isOut(attempt));
    expect(seated).toHaveLength(6);

    // Each of the six knows exactly the five others, wherever they are.
    for (const person of seated) await roundTrip(person.socket);
    const ids = seated.map((person) => (person.ack.ok ? person.ack.data.self.peerId : ''));
    for (const [i, person] of seated.entries()) {
      expect([...person.known].sort()).toEqual(ids.filter((_, j) => j !== i).sort());
    }
    expect(attempts.filter(isOut).length).toBe(14);
    // Newcomers on either server find the meeting full.
    for (const server of [one, two]) {
      const late = await registerUser(server.api, 'Late');
      const socket = await connectSocket(server.url, late.session.accessToken);
      const ack = await joinMeeting(socket, code);
      expect(!ack.ok && ack.error.code).toBe('MEETING_FULL');
    }
  });

  it('the host ending the meeting on one server reaches people on the other, and closes their PeerJS websockets', async () => {
    const {
      code,
      seats: [h, g],
    } = await seatedOnBoth('Host', 'Guest');
    await heardJoin(h.socket, g.result.self.peerId);

    const ended = nextEvent<{ code: string }>(g.socket, 'meeting:ended');
    const peerClosed = new Promise<number>((resolve) => g.peer.ws.once('close', (status) => resolve(status)));
    expect(await request(h.socket, 'meeting:end', {})).toEqual({ ok: true, data: null });
    expect((await ended).code).toBe(code);
    expect(await peerClosed).toBe(1008);
    const again = await request<JoinResult>(g.socket, 'meeting:join', { code, media: { audio: true, video: true } });
    expect(!again.ok && again.error.code).toBe('MEETING_ENDED');
  });

  it('a refresh token replayed on the other server is detected, and ends the sign-in connected to either', async () => {
    const { one, two } = await twoServers({ WAVA_REFRESH_GRACE: '0' });
    const user = await registerUser(one.api, 'Stolen');
    const socket = await connectSocket(one.url, user.session.accessToken);
    const revoked = nextEvent<{ code: string }>(socket, 'session:revoked');
    const rotated = await one.api.refresh(user.session.refreshToken);
    if (!rotated.ok) throw new Error(rotated.error.code);

    const replay = await two.api.refresh(user.session.refreshToken);
    expect(!replay.ok && replay.error.code).toBe('REFRESH_REUSED');
    expect((await revoked).code).toBe('REFRESH_REUSED');
  });

  it('two people on different servers exchange PeerJS signalling; an offer to nobody gets EXPIRE', async () => {
    const {
      seats: [a, b],
    } = await seatedOnBoth('Alice', 'Bob');
    const [aliceId, bobId] = [a.result.self.peerId, b.result.self.peerId];

    a.peer.send({ type: 'OFFER', dst: bobId, payload: { sdp: 'offer from alice' } });
    expect(await b.peer.waitFor((m) => m.type === 'OFFER')).toMatchObject({
      src: aliceId,
      dst: bobId,
      payload: { sdp: 'offer from alice' },
    });
    b.peer.send({ type: 'ANSWER', dst: aliceId, payload: { sdp: 'answer from bob' } });
    expect(await a.peer.waitFor((m) => m.type === 'ANSWER')).toMatchObject({
      src: bobId,
      payload: { sdp: 'answer from bob' },
    });

    const nobody = `${aliceId.split('-')[0]}-${'0'.repeat(20)}`;
    a.peer.send({ type: 'OFFER', dst: nobody, payload: {} });
    expect(await a.peer.waitFor((m) => m.type === 'EXPIRE')).toMatchObject({ src: nobody });
  });

  it('a draining server tells its people, who rejoin on the other with the same peer id; /readyz answers while ready', async () => {
    const {
      one,
      two,
      users: [alice],
      code,
      seats: [a, b],
    } = await seatedOnBoth('Alice', 'Bob');
    await heardJoin(b.socket, a.result.self.peerId);
    expect((await fetch(`${one.url}/readyz`)).status).toBe(200);

    const shutdown = nextEvent<{ reconnectAfterMs: number }>(a.socket, 'server:shutdown');
    const stopping = one.stop();
    expect((await shutdown).reconnectAfterMs).toBeGreaterThan(0);
    await stopping;
    expect((await fetch(`${two.url}/readyz`)).status).toBe(200);

    // Alice comes back through the balancer, on server two, resuming her peer id: Bob sees her again.
    const socket = await connectSocket(two.url, alice.session.accessToken);
    const resumed = await resumeSeat(socket, code, a.result);
    expect(resumed.self.peerId).toBe(a.result.self.peerId);
    const bobHearsAlice = heardJoin(b.socket, a.result.self.peerId);
    await openPeerSocket(two.url, resumed.peer);
    await bobHearsAlice;
  });

  it('resuming a peer id on the other server while the old connection lives on moves the seat, and nobody sees a leave', async () => {
    const {
      two,
      users: [alice],
      code,
      seats: [a, b],
    } = await seatedOnBoth('Alice', 'Bob');
    await heardJoin(b.socket, a.result.self.peerId);
    const bobHeard = recordEvents(b.socket, ['participant:left']);

    // Alice's app switched networks: a new connection through the balancer landed on server two.
    const oldPeerClosed = new Promise<void>((resolve) => a.peer.ws.once('close', () => resolve()));
    const moved = await connectSocket(two.url, alice.session.accessToken);
    const bobHearsAliceAgain = heardJoin(b.socket, a.result.self.peerId);
    const resumed = await resumeSeat(moved, code, a.result);
    await oldPeerClosed;
    await openPeerSocket(two.url, resumed.peer);
    await bobHearsAliceAgain;

    // The old connection finally goes: it no longer holds the seat, so nobody is told Alice left.
    a.socket.close();
    await roundTrip(b.socket);
    await roundTrip(moved);
    expect(bobHeard).toEqual([]);
    expect(await request(b.socket, 'media:update', { audio: false })).toMatchObject({ ok: true });
  });

  it('sign-in and registration limits hold across servers', async () => {
    const { one, two } = await twoServers({ WAVA_LOGIN_MAX_PER_USERNAME: '4', WAVA_REGISTER_MAX_PER_IP: '3' });
    // Addresses of their own (any of 127/8 is loopback), so that no other test's registrations count here.
    const [address, elsewhere] = [randomLoopback(), randomLoopback()];
    const username = uniqueUsername('victim');
    const made = await registerFrom(elsewhere, one, username, 'Victim');
    expect(made.status).toBeLessThan(300);
    const victim = { username };
    const guesses = [];
    for (let i = 0; i < 10; i += 1) {
      const server = i % 2 ? two : one;
      guesses.push(
        await postFrom(address, `${server.url}${API_ROUTES.login}`, {
          username: victim.username,
          password: `guess ${i}`,
        }),
      );
    }
    expect(guesses.filter((answer) => answer.status === 401)).toHaveLength(4);
    expect(guesses.filter((answer) => errorCodeOf(answer.json) === 'RATE_LIMITED')).toHaveLength(6);
    const right = await postFrom(address, `${two.url}${API_ROUTES.login}`, {
      username: victim.username,
      password: PASSWORD,
    });
    expect(errorCodeOf(right.json)).toBe('RATE_LIMITED');

    const registrations = [];
    for (let i = 0; i < 6; i += 1) {
      const server = i % 2 ? two : one;
      const body = { username: uniqueUsername('limited'), displayName: 'Limited', password: PASSWORD };
      registrations.push(await postFrom(address, `${server.url}${API_ROUTES.register}`, body));
    }
    expect(registrations.filter((answer) => answer.status === 201 || answer.status === 200)).toHaveLength(3);
    expect(registrations.filter((answer) => errorCodeOf(answer.json) === 'RATE_LIMITED')).toHaveLength(3);
  });

  it('past the account ceiling, a new address gets a few sign-in attempts, counted across servers', async () => {
    const { one, two } = await twoServers({ WAVA_LOGIN_MAX_PER_ACCOUNT: '2' });
    const [first, second, third, owner] = [randomLoopback(), randomLoopback(), randomLoopback(), randomLoopback()];
    const username = uniqueUsername('owner');
    const made = await registerFrom(owner, one, username, 'Owner');
    expect(made.status).toBeLessThan(300);
    const login = (address: string, server: typeof one, password: string) =>
      postFrom(address, `${server.url}${API_ROUTES.login}`, { username, password });
    // The account ceiling (2 from addresses not known to it) is reached...
    expect((await login(first, one, 'guess')).status).toBe(401);
    expect((await login(second, two, 'guess')).status).toBe(401);
    // ...past it, each further address gets 3 attempts in all, whichever server it asks.
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login(third, i % 2 ? two : one, 'guess')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The owner, at an address of their own that never signed in (registering does not sign in), gets in.
    expect((await login(randomLoopback(), two, PASSWORD)).status).toBe(200);
  });

  it('peer tokens and meeting-code guesses are limited per account across servers', async () => {
    const { one, two } = await twoServers({
      WAVA_PEER_TOKENS_PER_MINUTE: '4',
      WAVA_LOOKUP_MISSES_PER_USER: '3',
      WAVA_LOOKUP_MISSES_PER_IP: '1000',
    });
    const alice = await registerUser(one.api, 'Alice');
    const code = await newMeeting(one.api, alice);
    // Two tokens on each server: each server alone would allow two more.
    const here = await seat(one, alice, code);
    expect(await request(here.socket, 'peer:token', {})).toMatchObject({ ok: true });
    const there = await seat(two, alice, code);
    expect(await request(there.socket, 'peer:token', {})).toMatchObject({ ok: true });
    for (const socket of [here.socket, there.socket]) {
      const refused = await request(socket, 'peer:token', {});
      expect(refused.ok ? 'minted' : refused.error.code).toBe('RATE_LIMITED');
    }

    const guesser = await registerUser(two.api, 'Guesser');
    const sockets = [
      await connectSocket(one.url, guesser.session.accessToken),
      await connectSocket(two.url, guesser.session.accessToken),
    ];
    const answers = [];
    // Well-formed codes that match no meeting (a new database: none does).
    for (const letter of 'abcdef') {
      const answer = await joinMeeting(sockets[answers.length % 2]!, `zzz-${letter.repeat(4)}-zzz`);
      answers.push(answer.ok ? 'joined' : answer.error.code);
    }
    expect(answers.filter((answer) => answer === 'MEETING_NOT_FOUND')).toHaveLength(3);
    expect(answers.filter((answer) => answer === 'RATE_LIMITED')).toHaveLength(3);
  });
});

/** Registers `username` on `server` as if from `address`; the raw answer. */
function registerFrom(address: string, server: TestServer, username: string, displayName: string) {
  return postFrom(address, `${server.url}${API_ROUTES.register}`, { username, displayName, password: PASSWORD });
}

function randomLoopback(): string {
  const byte = () => 2 + Math.floor(Math.random() * 250);
  return `127.${byte()}.${byte()}.${byte()}`;
}
