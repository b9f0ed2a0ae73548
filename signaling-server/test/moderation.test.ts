import { join } from 'node:path';
import {
  clientEvents,
  MODERATION_EVENT_LIMIT,
  userMessage,
  type ChatMessage,
  type JoinResult,
  type MeetingControls,
  type ModerationAction,
  type Participant,
  type ParticipantLeft,
  type RemovedList,
  type RemovedNotice,
} from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
import { openSqliteStorage } from '../src/db/openSqliteStorage.js';
import { createMeetingControls } from '../src/meetings/createMeetingControls.js';
import { newMeeting } from './support/meetings.js';
import { enterMeeting, eventsOf, lastControls, lastHeardOf, send, type Person } from './support/meetingPeople.js';
import { openPeerSocket } from './support/peerSocket.js';
import { connectSocket, joined, joinMeeting, nextEvent, request, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const HOST_EVENTS = Object.keys(clientEvents).filter(
  (event) => event.startsWith('moderation:') && event !== 'moderation:state',
);

describe('host powers', () => {
  // Frozen: the per-connection limits never refill by themselves.
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let cy: TestUser;
  useServerWithUsers(
    { now: clock.now, env: { WAVA_MAX_PARTICIPANTS: '6' } },
    ['Host', 'Ann', 'Bob', 'Cy'],
    (started, users) => {
      server = started;
      [host, ann, bob, cy] = users;
    },
  );

  const enter = (user: TestUser, code: string) => enterMeeting(server.url, user, code);
  const settle = (...people: Person[]) => Promise.all(people.map((person) => roundTrip(person.socket)));
  const ok = <T>(reply: { ok: boolean; data?: T }) => {
    expect(reply).toMatchObject({ ok: true });
    return reply.data as T;
  };
  const refused = (code: string) => ({ ok: false, error: { code, message: userMessage(code) } });

  it('gives every seat a role everyone sees, and tells each seat who runs the meeting', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    expect(h.join.self.role).toBe('host');
    expect(a.join.self.role).toBe('participant');
    expect(lastHeardOf(a, h.peerId)?.role).toBe('host');
    expect(lastHeardOf(h, a.peerId)?.role).toBe('participant');
    const expected: MeetingControls = {
      title: `Host's meeting`,
      hostUserId: host.session.user.id,
      coHostUserIds: [],
      locked: false,
      // Created over the API without `lobby`: no waiting room (the apps ask for one by default).
      settings: { lobby: false, guests: true, screenShare: 'everyone', chat: 'everyone', unmute: 'everyone' },
    };
    expect(lastControls(a)).toEqual(expected);
    expect(ok(await send(a, 'moderation:state'))).toEqual(expected);
  });

  it('refuses every host power to a participant (NOT_HOST) and changes nothing', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const payloads: Record<string, unknown> = {
      'moderation:lock': { locked: true },
      'moderation:settings': { chat: 'hosts' },
      'moderation:allowBack': { userId: bob.session.user.id },
      'moderation:setRole': { peerId: a.peerId, role: 'co-host' },
    };
    for (const event of HOST_EVENTS) {
      const reply = await send(
        a,
        event,
        payloads[event] ??
          (event === 'moderation:muteAll' || event === 'moderation:listRemoved' ? {} : { peerId: b.peerId }),
      );
      expect(reply, event).toEqual(refused('NOT_HOST'));
    }
    await settle(h, a, b);
    expect(lastHeardOf(h, b.peerId)?.media.audio).toBe(true);
    expect(eventsOf(b, 'moderation:action')).toEqual([]);
    expect(eventsOf(b, 'moderation:removed')).toEqual([]);
    expect(lastControls(h)?.locked).toBe(false);
    expect(lastHeardOf(h, a.peerId)?.role).toBe('participant');
    // A participant cannot end the meeting either (unchanged rule).
    expect(await send(a, 'meeting:end')).toEqual(refused('NOT_HOST'));
  });

  it('refuses a target who is not in the meeting, oneself, malformed payloads, and a seat not ready', async () => {
    const code = await newMeeting(server.api, host);
    const elsewhere = await enter(cy, await newMeeting(server.api, cy));
    const h = await enter(host, code);
    const unready = await connectSocket(server.url, bob.session.accessToken);
    const unreadyJoin = await joined(unready, code);
    for (const peerId of ['no-such-peer', elsewhere.peerId, unreadyJoin.self.peerId]) {
      expect(await send(h, 'moderation:mute', { peerId })).toEqual(refused('PARTICIPANT_NOT_FOUND'));
      expect(await send(h, 'moderation:remove', { peerId })).toEqual(refused('PARTICIPANT_NOT_FOUND'));
    }
    expect(await send(h, 'moderation:remove', { peerId: h.peerId })).toEqual(refused('BAD_REQUEST'));
    for (const payload of [undefined, {}, { peerId: '' }, { peerId: 42 }, { peerId: h.peerId, extra: 1 }]) {
      expect(await send(h, 'moderation:mute', payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await send(h, 'moderation:settings', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await send(h, 'moderation:settings', { chat: 'nobody' })).toMatchObject({ ok: false });
    expect(await request(unready, 'moderation:state', {})).toEqual(refused('NOT_IN_MEETING'));
    const stranger = await connectSocket(server.url, ann.session.accessToken);
    expect(await request(stranger, 'moderation:lock', { locked: true })).toEqual(refused('NOT_IN_MEETING'));
  });

  it('locks the meeting: newcomers are refused with MEETING_LOCKED, people reconnecting and co-hosts are not', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    ok(await send(h, 'moderation:setRole', { peerId: b.peerId, role: 'co-host' }));
    ok(await send(b, 'meeting:leave'));
    const locked = ok<MeetingControls>(await send(h, 'moderation:lock', { locked: true }));
    expect(locked.locked).toBe(true);
    await settle(a);
    expect(lastControls(a)?.locked).toBe(true);

    const newcomer = await connectSocket(server.url, cy.session.accessToken);
    expect(await joinMeeting(newcomer, code)).toEqual(refused('MEETING_LOCKED'));
    // A co-host may come back in.
    ok(await joinMeeting(b.socket, code));
    // A participant whose connection dropped resumes their seat.
    const again = await connectSocket(server.url, ann.session.accessToken);
    const resumed = await request<JoinResult>(again, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: a.join.peer.id, token: a.join.peer.token },
    });
    expect(resumed).toMatchObject({ ok: true, data: { self: { peerId: a.peerId } } });

    ok(await send(h, 'moderation:lock', { locked: false }));
    expect(await joinMeeting(newcomer, code)).toMatchObject({ ok: true });
  });

  it('mutes one person: they learn who did it, everyone sees them muted, and they may unmute themselves', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const told = nextEvent<ModerationAction>(a.socket, 'moderation:action');
    expect(await send(h, 'moderation:mute', { peerId: a.peerId })).toEqual({ ok: true, data: null });
    expect(await told).toEqual({ action: 'muted', by: { peerId: h.peerId, displayName: 'Host' } });
    await settle(h, b);
    expect(lastHeardOf(b, a.peerId)?.media).toEqual({ audio: false, video: true, screen: false });
    expect(lastHeardOf(h, a.peerId)?.media.audio).toBe(false);

    // A client that ignores the mute and only reports its camera still shows muted.
    ok(await send(a, 'media:update', { video: false }));
    await settle(b);
    expect(lastHeardOf(b, a.peerId)?.media).toEqual({ audio: false, video: false, screen: false });
    // Everyone may unmute: they choose to.
    expect(ok<Participant>(await send(a, 'media:update', { audio: true })).media.audio).toBe(true);
  });

  it('mutes everyone but the host and co-hosts', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const c = await enter(cy, code);
    ok(await send(h, 'moderation:setRole', { peerId: c.peerId, role: 'co-host' }));
    ok(await send(c, 'moderation:muteAll'));
    await settle(h, a, b, c);
    for (const person of [a, b]) {
      expect(lastHeardOf(h, person.peerId)?.media.audio, person.user.username).toBe(false);
      expect(eventsOf(person, 'moderation:action')).toEqual([
        { action: 'muted', by: { peerId: c.peerId, displayName: 'Cy' } },
      ]);
    }
    expect(lastHeardOf(a, h.peerId)?.media.audio).toBe(true);
    expect(lastHeardOf(a, c.peerId)?.media.audio).toBe(true);
    expect(eventsOf(h, 'moderation:action')).toEqual([]);
    expect(eventsOf(c, 'moderation:action')).toEqual([]);
  });

  it('when only hosts may unmute, a participant unmutes only after being asked, once', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    ok(await send(h, 'moderation:setRole', { peerId: b.peerId, role: 'co-host' }));
    const controls = ok<MeetingControls>(await send(h, 'moderation:settings', { unmute: 'hosts' }));
    expect(controls.settings.unmute).toBe('hosts');
    ok(await send(h, 'moderation:muteAll'));
    await settle(a);
    expect(await send(a, 'media:update', { audio: true })).toEqual(refused('UNMUTE_HOSTS_ONLY'));
    await settle(h);
    expect(lastHeardOf(h, a.peerId)?.media.audio).toBe(false);
    // Turning the camera off, or staying muted, is always allowed.
    ok(await send(a, 'media:update', { audio: false, video: false }));

    const asked = nextEvent<ModerationAction>(a.socket, 'moderation:action');
    ok(await send(b, 'moderation:askUnmute', { peerId: a.peerId }));
    expect(await asked).toEqual({ action: 'unmute-asked', by: { peerId: b.peerId, displayName: 'Bob' } });
    await settle(h);
    // Asking does not unmute anyone.
    expect(lastHeardOf(h, a.peerId)?.media.audio).toBe(false);
    expect(ok<Participant>(await send(a, 'media:update', { audio: true })).media.audio).toBe(true);
    await settle(h);
    expect(lastHeardOf(h, a.peerId)?.media.audio).toBe(true);
    // The ask was used up.
    ok(await send(h, 'moderation:mute', { peerId: a.peerId }));
    expect(await send(a, 'media:update', { audio: true })).toEqual(refused('UNMUTE_HOSTS_ONLY'));
    // Co-hosts unmute themselves.
    ok(await send(b, 'media:update', { audio: false }));
    ok(await send(b, 'media:update', { audio: true }));
    // A participant coming in (or back on a new connection) arrives muted, whatever their app asks for.
    const c = await enter(cy, code);
    expect(c.join.self.media.audio).toBe(false);
    await settle(h);
    expect(lastHeardOf(h, c.peerId)?.media.audio).toBe(false);
  });

  it('stops a camera and a screen share: the person is told, and everyone sees it off', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    ok(await send(a, 'media:update', { screen: true }));
    ok(await send(h, 'moderation:stopScreen', { peerId: a.peerId }));
    ok(await send(h, 'moderation:stopVideo', { peerId: a.peerId }));
    await settle(a, h);
    expect(eventsOf<ModerationAction>(a, 'moderation:action').map((n) => n.action)).toEqual([
      'screen-stopped',
      'video-stopped',
    ]);
    expect(lastHeardOf(h, a.peerId)?.media).toEqual({ audio: true, video: false, screen: false });
    // The host can never turn them on: the person may, themselves.
    ok(await send(a, 'media:update', { video: true, screen: true }));
  });

  it('when only hosts may share, sharing participants stop and new shares are refused', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    ok(await send(h, 'moderation:setRole', { peerId: b.peerId, role: 'co-host' }));
    ok(await send(a, 'media:update', { screen: true }));
    ok(await send(b, 'media:update', { screen: true }));
    ok(await send(h, 'moderation:settings', { screenShare: 'hosts' }));
    await settle(a, b, h);
    expect(eventsOf<ModerationAction>(a, 'moderation:action').map((n) => n.action)).toEqual(['screen-stopped']);
    expect(lastHeardOf(h, a.peerId)?.media.screen).toBe(false);
    expect(lastHeardOf(h, b.peerId)?.media.screen).toBe(true);
    expect(await send(a, 'media:update', { screen: true })).toEqual(refused('SCREEN_SHARE_HOSTS_ONLY'));
    ok(await send(h, 'media:update', { screen: true }));
  });

  it('when only hosts may chat, participants may only write privately to a host or co-host', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    ok(await send(h, 'moderation:settings', { chat: 'hosts' }));
    expect(await send(a, 'chat:send', { text: 'hello all' })).toEqual(refused('CHAT_HOSTS_ONLY'));
    expect(await send(a, 'chat:send', { to: b.peerId, text: 'psst' })).toEqual(refused('CHAT_HOSTS_ONLY'));
    ok(await send(a, 'chat:send', { to: h.peerId, text: 'a question for the host' }));
    ok(await send(h, 'chat:send', { text: 'welcome' }));
    await settle(a, b);
    expect(eventsOf<ChatMessage>(b, 'chat:message').map((m) => m.text)).toEqual(['welcome']);
    ok(await send(h, 'moderation:settings', { chat: 'everyone' }));
    ok(await send(a, 'chat:send', { text: 'hello all' }));
  });

  it('removes a person at once: seat, PeerJS connection and token gone, told why, cannot rejoin until allowed back', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const peerClosed = new Promise((resolve) => a.peer.ws.once('close', resolve));
    const told = nextEvent<RemovedNotice>(a.socket, 'moderation:removed');
    const left = nextEvent<ParticipantLeft>(b.socket, 'participant:left');
    ok(await send(h, 'moderation:remove', { peerId: a.peerId }));
    expect(await told).toEqual({ ...refused('REMOVED').error, by: { peerId: h.peerId, displayName: 'Host' } });
    expect(await left).toEqual({ peerId: a.peerId, reason: 'removed' });
    await peerClosed;
    // Their token no longer opens a PeerJS connection; their connection is in no meeting.
    await expect(openPeerSocket(server.url, a.join.peer)).rejects.toThrow();
    expect(await send(a, 'peer:token')).toEqual(refused('NOT_IN_MEETING'));
    expect(await send(a, 'chat:send', { text: 'still here?' })).toEqual(refused('NOT_IN_MEETING'));
    // Nor can they come back, not even with their old peer id, nor from another device.
    expect(await joinMeeting(a.socket, code)).toEqual(refused('REMOVED'));
    const resumed = await request(a.socket, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: a.join.peer.id, token: a.join.peer.token },
    });
    expect(resumed).toEqual(refused('REMOVED'));
    const otherDevice = await connectSocket(server.url, ann.session.accessToken);
    expect(await joinMeeting(otherDevice, code)).toEqual(refused('REMOVED'));

    // The lobby's question, answered from the database.
    const storage = openSqliteStorage(join(server.dataDir, DATABASE_FILE));
    const controls = createMeetingControls(storage);
    try {
      expect(await controls.isRemoved(code, ann.session.user.id)).toBe(true);
      expect(await controls.isRemoved(code, bob.session.user.id)).toBe(false);
      expect(await controls.isRemoved('not a code', ann.session.user.id)).toBe(false);

      const list = ok<RemovedList>(await send(h, 'moderation:listRemoved'));
      expect(list.removed).toEqual([
        { userId: ann.session.user.id, displayName: 'Ann', removedAt: expect.any(String) },
      ]);
      expect(ok<RemovedList>(await send(h, 'moderation:allowBack', { userId: ann.session.user.id }))).toEqual({
        removed: [],
      });
      expect(await controls.isRemoved(code, ann.session.user.id)).toBe(false);
    } finally {
      await storage.close();
    }
    expect(await joinMeeting(a.socket, code)).toMatchObject({ ok: true });
  });

  it('co-hosts have the host’s powers except ending, handing over, and removing or demoting the host', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const c = await enter(cy, code);
    const controls = ok<MeetingControls>(await send(h, 'moderation:setRole', { peerId: a.peerId, role: 'co-host' }));
    expect(controls.coHostUserIds).toEqual([ann.session.user.id]);
    await settle(b, a);
    expect(lastHeardOf(b, a.peerId)?.role).toBe('co-host');
    expect(lastControls(b)?.coHostUserIds).toEqual([ann.session.user.id]);

    expect(await send(a, 'moderation:remove', { peerId: h.peerId })).toEqual(refused('TARGET_IS_HOST'));
    expect(await send(a, 'moderation:setRole', { peerId: h.peerId, role: 'participant' })).toEqual(
      refused('TARGET_IS_HOST'),
    );
    expect(await send(a, 'moderation:handOver', { peerId: b.peerId })).toEqual(refused('NOT_HOST'));
    expect(await send(a, 'meeting:end')).toEqual(refused('NOT_HOST'));
    ok(await send(a, 'moderation:lock', { locked: true }));
    ok(await send(a, 'moderation:lock', { locked: false }));
    ok(await send(a, 'moderation:setRole', { peerId: b.peerId, role: 'co-host' }));
    ok(await send(a, 'moderation:remove', { peerId: c.peerId }));
    // The host makes a co-host a participant again: their powers go with it.
    ok(await send(h, 'moderation:setRole', { peerId: a.peerId, role: 'participant' }));
    await settle(b);
    expect(lastHeardOf(b, a.peerId)?.role).toBe('participant');
    expect(await send(a, 'moderation:lock', { locked: true })).toEqual(refused('NOT_HOST'));
    // The hand lowering and chat clearing rules follow the role too.
    ok(await send(b, 'hand:lower', { peerId: a.peerId }));
    expect(await send(a, 'hand:lower', { peerId: b.peerId })).toEqual(refused('NOT_HOST'));
  });

  it('changes the title and settings live for everyone; the title is the meeting’s', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const changed = ok<MeetingControls>(
      await send(h, 'moderation:settings', { title: '  Quarterly review ', lobby: false, guests: false }),
    );
    expect(changed).toMatchObject({ title: 'Quarterly review', settings: { lobby: false, guests: false } });
    await settle(a);
    expect(lastControls(a)).toEqual(changed);
    const meeting = await server.api.getMeeting(ann.session.accessToken, code);
    expect(meeting.ok && meeting.data.title).toBe('Quarterly review');
    for (const title of ['', 'x'.repeat(101), 'line\nbreak']) {
      expect(await send(h, 'moderation:settings', { title })).toEqual(refused('MEETING_TITLE_INVALID'));
    }
  });

  it('limits host events per connection', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const replies = [];
    for (let i = 0; i <= MODERATION_EVENT_LIMIT.burst; i += 1) replies.push(await send(h, 'moderation:state'));
    expect(replies.slice(0, -1).every((reply) => reply.ok)).toBe(true);
    expect(replies.at(-1)).toMatchObject(refused('RATE_LIMITED'));
    // Another connection has its own allowance.
    const a = await enter(ann, code);
    expect(await send(a, 'moderation:state')).toMatchObject({ ok: true });
  });
});
