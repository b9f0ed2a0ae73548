import {
  type ApiError,
  type GuestSession,
  type LobbyKnockReply,
  type LobbyQueue,
  type MeetingControls,
  type Result,
} from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from './support/http.js';
import { enterMeeting, send, type Person } from './support/meetingPeople.js';
import { newMeeting } from './support/meetings.js';
import {
  connectSocket,
  joinMeeting,
  joinReady,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
} from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';
import { postGuestSession } from './support/guests.js';

/** The waiting room as the host powers decide it: who admits, the live settings, removals. */
describe('the waiting room under the host powers', () => {
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let cy: TestUser;
  useServerWithUsers(
    { now: clock.now, env: { WAVA_TRUST_PROXY: 'loopback' } },
    ['Host', 'Ann', 'Bob', 'Cy'],
    (started, users) => {
      server = started;
      [host, ann, bob, cy] = users;
    },
  );

  const meeting = (lobby: boolean) => newMeeting(server.api, host, { title: 'Planning', lobby });
  const enter = (user: TestUser, code: string) => enterMeeting(server.url, user, code);
  const connect = (user: TestUser) => connectSocket(server.url, user.session.accessToken);
  const knock = (socket: ClientSocket, code: string) => request<LobbyKnockReply>(socket, 'lobby:knock', { code });
  const errorOf = (result: Result<unknown>): ApiError | null => (result.ok ? null : result.error);
  const ok = <T>(reply: Result<T>): T => {
    expect(reply).toMatchObject({ ok: true });
    return (reply as { data: T }).data;
  };
  /** The queues a person in the meeting was sent, from now on. */
  const queuesOf = (person: Person) => recordEvents(person.socket, ['lobby:queue']);
  const names = (queue: LobbyQueue | undefined) => queue?.knockers.map((knocker) => knocker.displayName);
  const settings = (person: Person, change: Record<string, unknown>) =>
    send<MeetingControls>(person, 'moderation:settings', change);

  let address = 0;
  const guestSession = (code: string, displayName: string) =>
    postGuestSession(server.url, code, displayName, `203.0.113.${++address}`);

  it('lets a co-host see the queue and admit or deny; a participant sees nothing and answers nothing', async () => {
    const code = await meeting(true);
    const h = await enter(host, code);
    // Ann and Cy come in while the room is open; then the host closes the door.
    ok(await settings(h, { lobby: false }));
    const a = await enter(ann, code);
    const c = await enter(cy, code);
    ok(await settings(h, { lobby: true }));
    await roundTrip(a.socket);
    const annQueues = queuesOf(a);
    const cyQueues = queuesOf(c);

    const b = await connect(bob);
    expect(ok(await knock(b, code)).state).toBe('waiting');
    await roundTrip(a.socket);
    expect(annQueues).toEqual([]);
    // Made a co-host, Ann learns at once who is waiting.
    const queued = nextEvent<LobbyQueue>(a.socket, 'lobby:queue');
    ok(await send(h, 'moderation:setRole', { peerId: a.peerId, role: 'co-host' }));
    const queue = await queued;
    expect(names(queue)).toEqual(['Bob']);
    const id = queue.knockers[0]!.id;
    for (const event of ['lobby:admit', 'lobby:deny']) {
      expect(errorOf(await send(c, event, { id }))?.code).toBe('NOT_HOST');
    }
    expect(errorOf(await send(c, 'lobby:admit-all', {}))?.code).toBe('NOT_HOST');

    const admitted = nextEvent<{ code: string }>(b, 'lobby:admitted');
    expect(ok(await send<LobbyQueue>(a, 'lobby:admit', { id }))).toEqual({ knockers: [] });
    expect(await admitted).toEqual({ code });
    expect((await joinReady(b, code)).self.role).toBe('participant');

    // A guest knocks; the co-host turns them away.
    const raw = await guestSession(code, 'Gina');
    expect(raw.status).toBe(201);
    const gina = await connectSocket(server.url, (raw.json as GuestSession).accessToken);
    await knock(gina, code);
    await roundTrip(a.socket);
    expect(names(annQueues.at(-1)?.payload as LobbyQueue)).toEqual(['Gina']);
    const denied = nextEvent(gina, 'lobby:denied');
    const ginaId = (annQueues.at(-1)!.payload as LobbyQueue).knockers[0]!.id;
    expect(ok(await send<LobbyQueue>(a, 'lobby:deny', { id: ginaId }))).toEqual({ knockers: [] });
    await denied;
    await roundTrip(c.socket);
    expect(cyQueues).toEqual([]);
  });

  it('follows the live waiting room setting: off lets newcomers in directly, on again makes the next knock', async () => {
    const code = await meeting(true);
    const h = await enter(host, code);
    const before = await connect(ann);
    expect(errorOf(await joinMeeting(before, code))?.code).toBe('LOBBY_REQUIRED');

    expect(ok(await settings(h, { lobby: false })).settings.lobby).toBe(false);
    const a = await connect(ann);
    expect(ok(await knock(a, code)).state).toBe('admitted');
    await joinReady(a, code);

    ok(await settings(h, { lobby: true }));
    const b = await connect(bob);
    expect(errorOf(await joinMeeting(b, code))?.code).toBe('LOBBY_REQUIRED');
    expect(ok(await knock(b, code)).state).toBe('waiting');
    // Who joined while it was off stays.
    expect(ok(await send<MeetingControls>(h, 'moderation:state')).settings.lobby).toBe(true);
  });

  it('refuses guests when the host turns guests off: no guest session, no knock, no join (GUESTS_NOT_ALLOWED)', async () => {
    const code = await meeting(false);
    const h = await enter(host, code);
    const early = await guestSession(code, 'Early guest');
    expect(early.status).toBe(201);
    ok(await settings(h, { guests: false }));

    const late = await guestSession(code, 'Late guest');
    expect(errorCodeOf(late.json)).toBe('GUESTS_NOT_ALLOWED');
    // A guest session made before keeps nothing of its right.
    const guest = await connectSocket(server.url, (early.json as GuestSession).accessToken);
    expect(errorOf(await knock(guest, code))?.code).toBe('GUESTS_NOT_ALLOWED');
    expect(errorOf(await joinMeeting(guest, code))?.code).toBe('GUESTS_NOT_ALLOWED');

    ok(await settings(h, { guests: true }));
    expect(ok(await knock(guest, code)).state).toBe('admitted');
    expect((await joinReady(guest, code)).self.guest).toBe(true);
  });

  it('keeps a meeting created without a waiting room so when the host changes another control', async () => {
    const code = await meeting(false);
    const h = await enter(host, code);
    ok(await send(h, 'moderation:lock', { locked: true }));
    const a = await connect(ann);
    expect(errorOf(await joinMeeting(a, code))?.code).toBe('MEETING_LOCKED');
    const unlocked = ok(await send<MeetingControls>(h, 'moderation:lock', { locked: false }));
    expect(unlocked.settings.lobby).toBe(false);
    ok(await settings(h, { chat: 'hosts' }));
    expect(ok(await knock(a, code)).state).toBe('admitted');
    await joinReady(a, code);
  });

  it('refuses a removed person (REMOVED), holds their knock in the waiting room even when it is off, and lets them in once a host admits them', async () => {
    const code = await meeting(false);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    ok(await send(h, 'moderation:remove', { peerId: a.peerId }));

    const back = await connect(ann);
    expect(errorOf(await joinMeeting(back, code))?.code).toBe('REMOVED');
    const hostQueues = queuesOf(h);
    expect(ok(await knock(back, code)).state).toBe('waiting');
    // Still refused while waiting.
    expect(errorOf(await joinMeeting(back, code))?.code).toBe('REMOVED');
    await roundTrip(h.socket);
    const queue = hostQueues.at(-1)!.payload as LobbyQueue;
    expect(names(queue)).toEqual(['Ann']);

    const admitted = nextEvent(back, 'lobby:admitted');
    ok(await send(h, 'lobby:admit', { id: queue.knockers[0]!.id }));
    await admitted;
    const join = await joinReady(back, code);
    expect(join.self.displayName).toBe('Ann');

    // Removed again: the earlier admission does not let them back.
    await roundTrip(h.socket);
    ok(await send(h, 'moderation:remove', { peerId: join.self.peerId }));
    const again = await connect(ann);
    expect(errorOf(await joinMeeting(again, code))?.code).toBe('REMOVED');
    expect(ok(await knock(again, code)).state).toBe('waiting');
  });
});
