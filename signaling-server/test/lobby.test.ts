import {
  type ApiError,
  type GuestSession,
  type JoinResult,
  type LobbyKnockReply,
  type LobbyQueue,
  type Participant,
  type Result,
} from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { GUEST_SESSION_LIMIT } from '../src/lobby/guestRoutes.js';
import { LOBBY_DENY_COOLDOWN_MS } from '../src/lobby/LobbyDeps.js';
import { errorCodeOf } from './support/http.js';
import { newMeeting } from './support/meetings.js';
import { closeAllPeerSockets, openPeerSocket } from './support/peerSocket.js';
import {
  closeAllSockets,
  connectError,
  connectSocket,
  joinMeeting,
  joinReady,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser, type TestUser } from './support/users.js';
import { connectFrom as guestConnection, connectGuest, postGuestSession } from './support/guests.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const EVERY_SERVER_EVENT = [
  'participant:joined',
  'participant:updated',
  'participant:left',
  'meeting:ended',
  'chat:message',
  'chat:history',
  'chat:cleared',
  'hand:changed',
  'reaction',
  'lobby:queue',
  'lobby:admitted',
  'lobby:denied',
];

let address = 0;
/** A fresh client address (the server trusts the loopback proxy's X-Forwarded-For), so limits do not mix. */
const nextAddress = () => `198.51.100.${++address}`;

describe('guests and the waiting room', () => {
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let member: TestUser;
  useServerWithUsers(
    { now: clock.now, env: { WAVA_TRUST_PROXY: 'loopback' } },
    ['Host', 'Member'],
    (started, users) => {
      server = started;
      [host, member] = users;
    },
  );

  const meeting = (lobby: boolean, by: TestUser = host) =>
    newMeeting(server.api, by, { title: 'Quarterly numbers', lobby });

  const guestSession = (code: string, displayName: string, from = nextAddress()) =>
    postGuestSession(server.url, code, displayName, from);
  const guest = (code: string, displayName: string, from = nextAddress()) =>
    connectGuest(server.url, code, displayName, from);
  const connectFrom = (token: string, from: string) => guestConnection(server.url, token, from);
  const afterEachClose: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of afterEachClose.splice(0)) socket.close();
  });

  /** Joins and opens the PeerJS websocket (a ready seat), for a socket of any origin. */
  async function enter(socket: ClientSocket, code: string): Promise<JoinResult> {
    const joined = await joinMeeting(socket, code);
    if (!joined.ok) throw new Error(joined.error.code);
    await openPeerSocket(server.url, joined.data.peer);
    return joined.data;
  }

  const knock = (socket: ClientSocket, code: string, ticket?: string) =>
    request<LobbyKnockReply>(socket, 'lobby:knock', ticket === undefined ? { code } : { code, ticket });

  async function hostIn(code: string) {
    const socket = await connectSocket(server.url, host.session.accessToken);
    const queues: LobbyQueue[] = [];
    socket.on('lobby:queue', (queue) => queues.push(queue));
    await joinReady(socket, code);
    await roundTrip(socket);
    return { socket, queues, latest: () => queues.at(-1)?.knockers.map((knocker) => knocker.displayName) };
  }

  describe('guest sessions', () => {
    it('join a meeting without an account, marked as guests to everyone', async () => {
      const code = await meeting(false);
      const h = await hostIn(code);
      const joinedEvent = nextEvent<Participant>(h.socket, 'participant:joined');
      const { session, socket } = await guest(code, 'Gina');
      expect(session.guest.displayName).toBe('Gina');
      expect(session.code).toBe(code);
      const hostSeen = nextEvent<Participant>(socket, 'participant:joined');
      const join = await enter(socket, code);
      expect(join.self).toMatchObject({ displayName: 'Gina', guest: true, userId: session.guest.id });
      expect(await joinedEvent).toMatchObject({ displayName: 'Gina', guest: true });
      // Accounts carry no guest mark.
      const hostEntry = await hostSeen;
      expect(hostEntry.displayName).toBe('Host');
      expect(hostEntry).not.toHaveProperty('guest');
    });

    it('cannot create meetings, look them up or sign in anywhere an account is needed', async () => {
      const code = await meeting(false);
      const { session } = await guest(code, 'Gina');
      expect(errorOf(await server.api.createMeeting(session.accessToken, {}))?.code).toBe('TOKEN_INVALID');
      expect(errorOf(await server.api.getMeeting(session.accessToken, code))?.code).toBe('TOKEN_INVALID');
      expect(errorOf(await server.api.me(session.accessToken))?.code).toBe('TOKEN_INVALID');
    });

    it('are good for their own meeting only', async () => {
      const [code, other] = [await meeting(false), await meeting(false)];
      const { socket } = await guest(code, 'Gina');
      expect(errorOf(await joinMeeting(socket, other))?.code).toBe('GUEST_OTHER_MEETING');
      expect(errorOf(await knock(socket, other))?.code).toBe('GUEST_OTHER_MEETING');
      expect((await joinMeeting(socket, code)).ok).toBe(true);
    });

    it('die with the meeting: no new connection, no new session', async () => {
      const code = await meeting(false);
      const { session } = await guest(code, 'Gina');
      expect((await server.api.endMeeting(host.session.accessToken, code)).ok).toBe(true);
      const refused = await connectError(server.url, { token: session.accessToken });
      expect(refused.data.code).toBe('MEETING_ENDED');
      const again = await guestSession(code, 'Gina');
      expect([again.status, errorCodeOf(again.json)]).toEqual([410, 'MEETING_ENDED']);
    });

    it('refuse forged or foreign tokens and bad names', async () => {
      const code = await meeting(false);
      const { session } = await guest(code, 'Gina');
      const [header, payload] = session.accessToken.split('.');
      const unsigned = `${header!.replace(/./g, (c) => c)}.${payload}.`;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      for (const token of [unsigned, none, `${session.accessToken}x`]) {
        expect((await connectError(server.url, { token })).data.code).toMatch(/TOKEN_INVALID|UNAUTHENTICATED/);
      }
      for (const [name, error] of [
        ['', 'FIELD_MISSING'],
        ['x'.repeat(65), 'DISPLAY_NAME_INVALID'],
        ['Gina\u202Eadmin', 'DISPLAY_NAME_CHARACTERS'],
      ] as const) {
        const raw = await guestSession(code, name);
        expect([raw.status, errorCodeOf(raw.json)]).toEqual([400, error]);
      }
      const unknown = await guestSession('abc-defg-hij', 'Gina');
      expect([unknown.status, errorCodeOf(unknown.json)]).toEqual([404, 'MEETING_NOT_FOUND']);
    });

    it('are limited per address, an IPv6 address counting by its /64', async () => {
      const code = await meeting(false);
      for (let i = 0; i < GUEST_SESSION_LIMIT.max; i += 1) {
        expect((await guestSession(code, `G${i}`, `2001:db8:1:2::${i + 1}`)).status).toBe(201);
      }
      const over = await guestSession(code, 'One more', '2001:db8:1:2:ffff::9');
      expect([over.status, errorCodeOf(over.json)]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another /64, and another IPv4 address, are not affected.
      expect((await guestSession(code, 'Neighbour', '2001:db8:1:3::1')).status).toBe(201);
      expect((await guestSession(code, 'Elsewhere')).status).toBe(201);
      clock.advance(GUEST_SESSION_LIMIT.windowMs + 1);
      expect((await guestSession(code, 'Later', '2001:db8:1:2::1')).status).toBe(201);
    });
  });

  describe('the waiting room', () => {
    it('holds a non-host at the door until the host admits them; the host walks straight in', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      // Before being let in, the meeting's title and host (name and user id) are not shown (the host sees them).
      const before = await server.api.getMeeting(member.session.accessToken, code);
      expect(before.ok && [before.data.title, before.data.hostDisplayName, before.data.hostId]).toEqual(['', '', '']);
      expect(JSON.stringify(before)).not.toContain(host.session.user.id);
      const own = await server.api.getMeeting(host.session.accessToken, code);
      expect(own.ok && own.data.title).toBe('Quarterly numbers');
      const bob = await connectSocket(server.url, member.session.accessToken);
      expect(errorOf(await joinMeeting(bob, code))?.code).toBe('LOBBY_REQUIRED');
      const queued = nextEvent<LobbyQueue>(h.socket, 'lobby:queue');
      const reply = await knock(bob, code);
      expect(reply.ok && reply.data.state).toBe('waiting');
      const queue = await queued;
      expect(queue.knockers).toEqual([
        { id: expect.any(String), displayName: 'Member', guest: false, knockedAt: expect.any(String) },
      ]);
      // Knocking again (another window) is the same knock: the host is not notified of a new one.
      const again1 = await connectSocket(server.url, member.session.accessToken);
      await knock(again1, code);
      await roundTrip(h.socket);
      expect(h.queues.at(-1)?.knockers.map((knocker) => knocker.id)).toEqual([queue.knockers[0]!.id]);
      // Only the host may answer.
      expect(errorOf(await request(bob, 'lobby:admit', { id: queue.knockers[0]!.id }))?.code).toBe('NOT_IN_MEETING');
      // The newest connection waiting hears the answer; the admission is the person's, on any connection.
      const admitted = nextEvent<{ code: string }>(again1, 'lobby:admitted');
      const answer = await request<LobbyQueue>(h.socket, 'lobby:admit', { id: queue.knockers[0]!.id });
      expect(answer).toEqual({ ok: true, data: { knockers: [] } });
      expect(await admitted).toEqual({ code });
      const join = await joinReady(bob, code);
      expect(join.meeting.title).toBe('Quarterly numbers');
      const after = await server.api.getMeeting(member.session.accessToken, code);
      expect(after.ok && [after.data.title, after.data.hostId]).toEqual(['Quarterly numbers', host.session.user.id]);
      // Admitted once: a later join (another window, a reconnect) needs no second knock.
      const again = await connectSocket(server.url, member.session.accessToken);
      expect((await knock(again, code)).ok && 'admitted').toBe('admitted');
      expect(errorOf(await request(h.socket, 'lobby:admit', { id: queue.knockers[0]!.id }))?.code).toBe(
        'LOBBY_ENTRY_GONE',
      );
    });

    it('lets a participant who is not the host see nothing of the queue and answer nothing', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      const bob = await connectSocket(server.url, member.session.accessToken);
      await knock(bob, code);
      const { id } = (await nextEventOrLatest(h)).knockers[0]!;
      await request(h.socket, 'lobby:admit', { id });
      const bobSeen = recordEvents(bob, ['lobby:queue']);
      await joinReady(bob, code);
      const { socket: gina } = await guest(code, 'Gina');
      await knock(gina, code);
      await roundTrip(h.socket);
      await roundTrip(bob);
      expect(bobSeen).toEqual([]);
      expect(h.latest()).toEqual(['Gina']);
      const ginaId = h.queues.at(-1)!.knockers[0]!.id;
      for (const event of ['lobby:admit', 'lobby:deny']) {
        expect(errorOf(await request(bob, event, { id: ginaId }))?.code).toBe('NOT_HOST');
      }
      expect(errorOf(await request(bob, 'lobby:admit-all', {}))?.code).toBe('NOT_HOST');
    });

    it('tells a denied guest, who cannot knock again (nor with a new guest session) until the cooldown ends', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      const from = nextAddress();
      const { socket: gina } = await guest(code, 'Gina', from);
      await knock(gina, code);
      await roundTrip(h.socket);
      const denied = nextEvent<{ code: string; retryAfterSeconds: number }>(gina, 'lobby:denied');
      await request(h.socket, 'lobby:deny', { id: h.queues.at(-1)!.knockers[0]!.id });
      expect(await denied).toEqual({ code, retryAfterSeconds: LOBBY_DENY_COOLDOWN_MS / 1000 });
      expect(h.latest()).toEqual([]);
      const again = await knock(gina, code);
      expect(errorOf(again)).toMatchObject({ code: 'LOBBY_DENIED', retryAfterSeconds: LOBBY_DENY_COOLDOWN_MS / 1000 });
      expect(errorOf(again)?.message).toMatch(/ask again in 2 minutes/);
      const { socket: newIdentity } = await guest(code, 'Gina again', from);
      expect(errorOf(await knock(newIdentity, code))?.code).toBe('LOBBY_DENIED');
      expect(errorOf(await joinMeeting(gina, code))?.code).toBe('LOBBY_REQUIRED');
      clock.advance(LOBBY_DENY_COOLDOWN_MS + 1);
      expect((await knock(gina, code)).ok).toBe(true);
    });

    it('admits everyone waiting at once', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      const knockers = await Promise.all(['Ann', 'Ben', 'Cat'].map((name) => guest(code, name)));
      for (const { socket } of knockers) {
        await knock(socket, code);
        await roundTrip(h.socket);
      }
      expect(h.latest()).toEqual(['Ann', 'Ben', 'Cat']);
      const admitted = knockers.map(({ socket }) => nextEvent(socket, 'lobby:admitted'));
      expect(await request(h.socket, 'lobby:admit-all', {})).toEqual({ ok: true, data: { knockers: [] } });
      await Promise.all(admitted);
      for (const { socket } of knockers) expect((await joinMeeting(socket, code)).ok).toBe(true);
    });

    it('sends nothing of the meeting to someone waiting: no names, media, chat or credentials', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      const bob = await connectSocket(server.url, member.session.accessToken);
      const seen = recordEvents(bob, EVERY_SERVER_EVENT);
      const reply = await knock(bob, code);
      expect(JSON.stringify(reply)).not.toMatch(/Quarterly|Host|peer|token|ice/i);
      const { socket: gina } = await guest(code, 'Gina');
      await knock(gina, code);
      await roundTrip(h.socket);
      const ginaId = h.queues.at(-1)!.knockers.find((k) => k.displayName === 'Gina')!.id;
      await request(h.socket, 'lobby:admit', { id: ginaId });
      await enter(gina, code);
      await request(h.socket, 'chat:send', { text: 'secret plans' });
      await request(h.socket, 'reaction:send', { emoji: '👍' });
      await request(h.socket, 'hand:raise', {});
      await request(h.socket, 'media:update', { audio: false });
      await roundTrip(bob);
      expect(seen).toEqual([]);
      for (const event of ['peer:token', 'chat:history', 'chat:send', 'hand:raise']) {
        const payload = event === 'chat:send' ? { text: 'hi' } : {};
        expect(errorOf(await request(bob, event, payload))?.code, event).toBe('NOT_IN_MEETING');
      }
      // A guest waiting gets no TURN credentials either (an invite link alone must not open the relay).
      const { socket: dan } = await guest(code, 'Dan');
      await knock(dan, code);
      expect(errorOf(await request(dan, 'ice:refresh', {}))?.code).toBe('NOT_IN_MEETING');
    });

    it('keeps a reconnecting knocker in their place (the ticket), and lets one stop waiting', async () => {
      const code = await meeting(true);
      const h = await hostIn(code);
      const ann = await guest(code, 'Ann');
      const first = await knock(ann.socket, code);
      await roundTrip(h.socket);
      clock.advance(1_000);
      const ben = await guest(code, 'Ben');
      await knock(ben.socket, code);
      await roundTrip(h.socket);
      expect(h.latest()).toEqual(['Ann', 'Ben']);
      ann.socket.disconnect();
      await until(() => h.latest()?.join() === 'Ben');
      const back = await connectFrom(ann.session.accessToken, nextAddress());
      clock.advance(1_000);
      if (!first.ok || first.data.state !== 'waiting') throw new Error('not waiting');
      await knock(back, code, first.data.ticket);
      await roundTrip(h.socket);
      expect(h.latest()).toEqual(['Ann', 'Ben']);
      // A ticket of someone else keeps nobody's place.
      await knock(ben.socket, code, first.data.ticket);
      await roundTrip(h.socket);
      expect(h.latest()).toEqual(['Ann', 'Ben']);
      expect(await request(ben.socket, 'lobby:leave', {})).toEqual({ ok: true, data: null });
      await roundTrip(h.socket);
      expect(h.latest()).toEqual(['Ann']);
    });

    it('tells whoever is waiting when the meeting ends', async () => {
      const code = await meeting(true);
      await hostIn(code);
      const { socket } = await guest(code, 'Gina');
      await knock(socket, code);
      const ended = nextEvent(socket, 'meeting:ended');
      await server.api.endMeeting(host.session.accessToken, code);
      expect(await ended).toEqual({ code });
    });

    it('lets everyone straight in when the waiting room is off', async () => {
      const code = await meeting(false);
      const bob = await connectSocket(server.url, member.session.accessToken);
      expect(await knock(bob, code)).toEqual({ ok: true, data: { state: 'admitted' } });
      expect((await joinMeeting(bob, code)).ok).toBe(true);
    });

    it('gives the queue to the host when their seat becomes ready', async () => {
      const code = await meeting(true);
      const bob = await connectSocket(server.url, member.session.accessToken);
      await knock(bob, code);
      const h = await hostIn(code);
      expect(h.latest()).toEqual(['Member']);
    });
  });

  async function nextEventOrLatest(h: { queues: LobbyQueue[]; socket: ClientSocket }): Promise<LobbyQueue> {
    await roundTrip(h.socket);
    return h.queues.at(-1) ?? nextEvent<LobbyQueue>(h.socket, 'lobby:queue');
  }
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('the waiting room across a server restart', () => {
  it('keeps the waiting room setting, and gives knockers their places back when they knock with their tickets', async () => {
    const clock = createTestClock();
    const first = await startTestServer({ now: clock.now });
    const host = await registerUser(first.api, 'Host');
    const code = await newMeeting(first.api, host, { lobby: true });
    const open = await newMeeting(first.api, host, { lobby: false });
    const knockAs = async (url: string, token: string, ticket?: string) => {
      const socket = await connectSocket(url, token);
      const reply = await request<LobbyKnockReply>(socket, 'lobby:knock', ticket ? { code, ticket } : { code });
      if (!reply.ok || reply.data.state !== 'waiting') throw new Error('not waiting');
      return reply.data.ticket;
    };
    const sessions: GuestSession[] = [];
    const tickets: string[] = [];
    for (const name of ['Ann', 'Ben']) {
      const made = await first.api.guestSession(code, { displayName: name });
      if (!made.ok) throw new Error(made.error.code);
      sessions.push(made.data);
      tickets.push(await knockAs(first.url, made.data.accessToken));
      clock.advance(1_000);
    }
    closeAllSockets();
    await first.stop();

    const second = await startTestServer({ now: clock.now, dataDir: first.dataDir });
    try {
      const hostSocket = await connectSocket(second.url, host.session.accessToken);
      const queues: LobbyQueue[] = [];
      hostSocket.on('lobby:queue', (queue) => queues.push(queue));
      const joined = await joinMeeting(hostSocket, code);
      if (!joined.ok) throw new Error(joined.error.code);
      await openPeerSocket(second.url, joined.data.peer);
      // Ben is back first, Ann after him: the line is still Ann, Ben.
      await knockAs(second.url, sessions[1]!.accessToken, tickets[1]);
      await knockAs(second.url, sessions[0]!.accessToken, tickets[0]);
      await roundTrip(hostSocket);
      expect(queues.at(-1)?.knockers.map((knocker) => knocker.displayName)).toEqual(['Ann', 'Ben']);
      // Each meeting's waiting room setting is stored with it.
      const member = await registerUser(second.api, 'Member');
      const memberSocket = await connectSocket(second.url, member.session.accessToken);
      expect(errorOf(await joinMeeting(memberSocket, code))?.code).toBe('LOBBY_REQUIRED');
      expect((await joinMeeting(memberSocket, open)).ok).toBe(true);
    } finally {
      closeAllPeerSockets();
      closeAllSockets();
      await second.dispose();
    }
  });
});

function errorOf(result: Result<unknown>): ApiError | null {
  return result.ok ? null : result.error;
}
