import { userMessage, type MeetingControls, type Participant } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { enterMeeting, lastControls, lastHeardOf, send, type Person } from './support/meetingPeople.js';
import { closeAllPeerSockets } from './support/peerSocket.js';
import { closeAllSockets, connectSocket, joinMeeting, nextEvent, nextMatching, roundTrip } from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const refused = (code: string) => ({ ok: false, error: { code, message: userMessage(code) } });

/** Resolves with the first `moderation:state` naming `userId` as host (already received, or to come). */
function hostBecomes(person: Person, userId: string): Promise<MeetingControls> {
  if (lastControls(person)?.hostUserId === userId) return Promise.resolve(lastControls(person)!);
  return nextMatching<MeetingControls>(person.socket, 'moderation:state', (controls) => controls.hostUserId === userId);
}

/** The connection dies the way a killed app's does: the transport closes, with no goodbye. */
function dropConnection(person: Person): void {
  (person.socket.io.engine as unknown as { close(): void }).close();
}

describe('a meeting outlives its host', () => {
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let cy: TestUser;
  useServerWithUsers({ now: clock.now }, ['Host', 'Ann', 'Bob', 'Cy'], (started, users) => {
    server = started;
    [host, ann, bob, cy] = users;
  });

  /** Enters with a later join time than everyone before (the clock is frozen otherwise). */
  async function enter(user: TestUser, code: string): Promise<Person> {
    clock.advance(1000);
    return enterMeeting(server.url, user, code);
  }

  it('when the host leaves, a co-host takes over before people who have been here longer', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    await send(h, 'moderation:setRole', { peerId: b.peerId, role: 'co-host' });
    await send(h, 'meeting:leave');
    const controls = await hostBecomes(a, bob.session.user.id);
    expect(controls.coHostUserIds).toEqual([]);
    await roundTrip(a.socket);
    expect(lastHeardOf(a, b.peerId)?.role).toBe('host');
    // The new host has the host's powers, ending the meeting included.
    expect(await send(b, 'moderation:lock', { locked: true })).toMatchObject({ ok: true });
    expect(await send(a, 'meeting:end')).toEqual(refused('NOT_HOST'));
    const ended = nextEvent(a.socket, 'meeting:ended');
    expect(await send(b, 'meeting:end')).toEqual({ ok: true, data: null });
    await ended;
  });

  it('when the host’s connection drops, the longest-present person hosts; the host gets it back on return', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const left = nextEvent(a.socket, 'participant:left');
    dropConnection(h);
    expect(await left).toEqual({ peerId: h.peerId, reason: 'disconnected' });
    await hostBecomes(b, ann.session.user.id);
    await roundTrip(b.socket);
    expect(lastHeardOf(b, a.peerId)?.role).toBe('host');
    expect(await send(a, 'moderation:mute', { peerId: b.peerId })).toEqual({ ok: true, data: null });

    // The host comes back (a new connection, their app restarted).
    const back = await connectSocket(server.url, host.session.accessToken);
    const rejoined = await joinMeeting(back, code);
    expect(rejoined.ok && rejoined.data.self.role).toBe('host');
    await hostBecomes(b, host.session.user.id);
    await roundTrip(b.socket);
    expect(lastHeardOf(b, a.peerId)?.role).toBe('participant');
    expect(await send(a, 'moderation:mute', { peerId: b.peerId })).toEqual(refused('NOT_HOST'));
  });

  it('hands hosting over explicitly; the former host stays a co-host, and the creator can never be removed', async () => {
    const code = await newMeeting(server.api, host);
    const h = await enter(host, code);
    const a = await enter(ann, code);
    const b = await enter(bob, code);
    const handed = await send<MeetingControls>(h, 'moderation:handOver', { peerId: a.peerId });
    expect(handed).toMatchObject({
      ok: true,
      data: { hostUserId: ann.session.user.id, coHostUserIds: [host.session.user.id] },
    });
    await roundTrip(b.socket);
    expect(lastHeardOf(b, a.peerId)?.role).toBe('host');
    expect(lastHeardOf(b, h.peerId)?.role).toBe('co-host');
    expect(await send(h, 'moderation:handOver', { peerId: b.peerId })).toEqual(refused('NOT_HOST'));
    expect(await send(a, 'moderation:remove', { peerId: h.peerId })).toEqual(refused('TARGET_IS_HOST'));
    // The new host hands it on.
    expect(await send(a, 'moderation:handOver', { peerId: b.peerId })).toMatchObject({ ok: true });
    await roundTrip(h.socket);
    expect(lastControls(h)).toMatchObject({ hostUserId: bob.session.user.id });
  });

  it('keeps hosting with the host when nobody else is there', async () => {
    const code = await newMeeting(server.api, host);
    const a = await enter(ann, code);
    const h = await enter(host, code);
    await send(h, 'moderation:handOver', { peerId: a.peerId });
    await send(a, 'meeting:leave');
    await send(h, 'meeting:leave');
    // Ann was host and left last but one: hosting went to the host, who left last.
    const c = await enter(cy, code);
    expect(lastControls(c)?.hostUserId).toBe(host.session.user.id);
  });
});

describe('host controls survive a server restart', () => {
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('keeps who hosts, co-hosts, the lock, removals and settings', async () => {
    const first = await startTestServer();
    const [host, ann, bob, cy] = [
      await registerUser(first.api, 'Host'),
      await registerUser(first.api, 'Ann'),
      await registerUser(first.api, 'Bob'),
      await registerUser(first.api, 'Cy'),
    ];
    const code = await newMeeting(first.api, host);
    const h = await enterMeeting(first.url, host, code);
    const a = await enterMeeting(first.url, ann, code);
    const b = await enterMeeting(first.url, bob, code);
    const c = await enterMeeting(first.url, cy, code);
    await send(h, 'moderation:setRole', { peerId: a.peerId, role: 'co-host' });
    await send(h, 'moderation:remove', { peerId: c.peerId });
    await send(h, 'moderation:settings', { chat: 'hosts', unmute: 'hosts', title: 'After the restart' });
    const before = await send<MeetingControls>(h, 'moderation:handOver', { peerId: b.peerId });
    await send(b, 'moderation:lock', { locked: true });
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const bobBack = await enterMeeting(second.url, bob, code);
      expect(bobBack.join.self.role).toBe('host');
      const controls = await send<MeetingControls>(bobBack, 'moderation:state');
      expect(controls).toEqual({
        ok: true,
        data: { ...(before.ok ? before.data : {}), title: 'After the restart', locked: true },
      });
      // Removed stays removed; the lock holds for newcomers, not for co-hosts.
      const cyBack = await connectSocket(second.url, cy.session.accessToken);
      expect(await joinMeeting(cyBack, code)).toEqual(refused('REMOVED'));
      const annBack = await enterMeeting(second.url, ann, code);
      expect(annBack.join.self.role).toBe('co-host');
      expect(await send(bobBack, 'chat:send', { text: 'hosts only' })).toMatchObject({ ok: true });
      // The creator comes back and hosts again.
      const hostBack = await enterMeeting(second.url, host, code);
      expect(hostBack.join.self.role).toBe('host');
      await roundTrip(bobBack.socket);
      expect(lastHeardOf(bobBack, hostBack.peerId)?.role satisfies Participant['role'] | undefined).toBe('host');
    } finally {
      await second.dispose();
    }
  });
});
