import type { JoinResult, Participant, PeerCredentials } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import {
  connectSocket,
  joined,
  joinMeeting,
  joinReady,
  openPeerOf,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
} from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const PARTICIPANT_EVENTS = ['participant:joined', 'participant:updated', 'participant:left', 'meeting:ended'];

describe('meeting signaling over Socket.io', () => {
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  let third: TestUser;
  useServerWithUsers({ env: { WAVA_MAX_PARTICIPANTS: '3' } }, ['Host', 'Guest', 'Third'], (started, users) => {
    server = started;
    [host, guest, third] = users;
  });

  const connect = (user: TestUser) => connectSocket(server.url, user.session.accessToken);

  it('joins with a full JoinResult: meeting, self, peer credentials, ICE, room size', async () => {
    const code = await newMeeting(server.api, host);
    const socket = await connect(host);
    const result = await joined(socket, code);
    expect(result.meeting).toMatchObject({ code, hostId: host.session.user.id, endedAt: null });
    expect(result.self).toMatchObject({
      userId: host.session.user.id,
      displayName: 'Host',
      media: { audio: true, video: true, screen: false },
    });
    expect(result.self.peerId).toBe(result.peer.id);
    expect(result.peer).toMatchObject({ path: '/peerjs', key: expect.any(String), token: expect.any(String) });
    expect(result.ice).toEqual({
      iceServers: [{ urls: [`stun:meet.wava.test:${server.server.stunPort()}`] }],
      iceTransportPolicy: 'all',
      expiresAt: null,
    });
    expect(result.maxParticipants).toBe(3);
    expect(result.participants).toEqual([]);
  });

  it('announces a participant only once their PeerJS connection is open on the server, never on their word', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const b = await connect(guest);
    const c = await connect(third);
    const aResult = await joinReady(a, code);
    const aSeen = recordEvents(a, PARTICIPANT_EVENTS);

    // An unready seat is told nobody's name.
    const bResult = await joined(b, code);
    expect(bResult.participants).toEqual([]);
    const bSeen = recordEvents(b, PARTICIPANT_EVENTS);
    // Saying ready without a PeerJS connection announces nothing (kept as a no-op for older clients).
    expect(await request(b, 'peer:ready', {})).toEqual({ ok: true, data: null });
    await roundTrip(a);
    expect(aSeen).toEqual([]);

    const cResult = await joined(c, code);
    const cSeen = recordEvents(c, PARTICIPANT_EVENTS);
    const announced = nextEvent<Participant>(a, 'participant:joined');
    await openPeerOf(b, bResult);
    expect(await announced).toEqual(bResult.self);
    // Once ready, B learns who is here.
    await roundTrip(b);
    expect(bSeen).toEqual([{ event: 'participant:joined', payload: aResult.self }]);
    // C, not ready yet, is not told about B...
    await roundTrip(c);
    expect(cSeen).toEqual([]);
    // ...until its own PeerJS connection opens: then it learns about A and B.
    await openPeerOf(c, cResult);
    await roundTrip(c);
    expect(cSeen.map((e) => (e.payload as Participant).peerId).sort()).toEqual(
      [aResult.self.peerId, bResult.self.peerId].sort(),
    );
    // A second PeerJS connection of the same seat announces nothing twice.
    await openPeerOf(b, bResult);
    await roundTrip(a);
    expect(aSeen.filter((e) => e.event === 'participant:joined')).toHaveLength(2);
  });

  it('broadcasts media changes (camera, microphone, screen) to the others', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const b = await connect(guest);
    await joinReady(a, code);
    const bResult = await joinReady(b, code);
    const updated = nextEvent<Participant>(a, 'participant:updated');
    const ack = await request<Participant>(b, 'media:update', { audio: false, screen: true });
    expect(ack).toEqual({ ok: true, data: { ...bResult.self, media: { audio: false, video: true, screen: true } } });
    expect((await updated).media).toEqual({ audio: false, video: true, screen: true });
  });

  it('tells the others when someone leaves, and when their connection dies', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const b = await connect(guest);
    const c = await connect(third);
    await joinReady(a, code);
    const bResult = await joinReady(b, code);
    const cResult = await joinReady(c, code);

    const left = nextEvent(a, 'participant:left');
    expect(await request(b, 'meeting:leave', {})).toEqual({ ok: true, data: null });
    expect(await left).toEqual({ peerId: bResult.self.peerId, reason: 'left' });

    const gone = nextEvent(a, 'participant:left');
    c.disconnect();
    expect(await gone).toEqual({ peerId: cResult.self.peerId, reason: 'disconnected' });

    // The freed seats can be taken again, and the one who left can rejoin.
    const again = await joined(b, code);
    const hostAnnounced = nextEvent<Participant>(b, 'participant:joined');
    await openPeerOf(b, again);
    expect((await hostAnnounced).userId).toBe(host.session.user.id);
  });

  it('keeps one meeting per connection, and refuses meeting events outside a meeting', async () => {
    const code = await newMeeting(server.api, host);
    const other = await newMeeting(server.api, host);
    const a = await connect(host);
    for (const event of ['peer:ready', 'peer:token', 'meeting:leave', 'meeting:end']) {
      const ack = await request(a, event, {});
      expect(ack).toEqual({ ok: false, error: { code: 'NOT_IN_MEETING', message: expect.any(String) } });
    }
    expect(await request(a, 'media:update', { audio: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_MEETING' },
    });
    await joined(a, code);
    expect(await joinMeeting(a, other)).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_MEETING' } });
  });

  it('refuses the participant over the room size with MEETING_FULL', async () => {
    const code = await newMeeting(server.api, host);
    const extra = await registerUser(server.api, 'Extra');
    const sockets = await Promise.all([connect(host), connect(guest), connect(third)]);
    for (const socket of sockets) await joinReady(socket, code);
    const late = await connect(extra);
    expect(await joinMeeting(late, code)).toEqual({
      ok: false,
      error: { code: 'MEETING_FULL', message: expect.any(String) },
    });
    await request(sockets[1]!, 'meeting:leave', {});
    expect((await joinMeeting(late, code)).ok).toBe(true);
  });

  it('answers joins of unknown and ended meetings with MEETING_NOT_FOUND and MEETING_ENDED', async () => {
    const a = await connect(guest);
    expect(await joinMeeting(a, 'abc-defg-hjk')).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_FOUND' } });
    expect(await joinMeeting(a, 'not a code')).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_FOUND' } });
    const code = await newMeeting(server.api, host);
    await server.api.endMeeting(host.session.accessToken, code);
    expect(await joinMeeting(a, code)).toMatchObject({ ok: false, error: { code: 'MEETING_ENDED' } });
  });

  it('ends a meeting for everyone when the host ends it; others may not', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const b = await connect(guest);
    await joinReady(a, code);
    await joinReady(b, code);
    expect(await request(b, 'meeting:end', {})).toMatchObject({ ok: false, error: { code: 'NOT_HOST' } });
    const endedForGuest = nextEvent(b, 'meeting:ended');
    const endedForHost = nextEvent(a, 'meeting:ended');
    expect(await request(a, 'meeting:end', {})).toEqual({ ok: true, data: null });
    expect(await endedForGuest).toEqual({ code });
    expect(await endedForHost).toEqual({ code });
    // Nobody is in it any more, and it cannot be joined again.
    expect(await request(b, 'peer:token', {})).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(await joinMeeting(b, code)).toMatchObject({ ok: false, error: { code: 'MEETING_ENDED' } });
  });

  it('kicks everyone with meeting:ended when the host ends the meeting over HTTP', async () => {
    const code = await newMeeting(server.api, host);
    const b = await connect(guest);
    await joinReady(b, code);
    const ended = nextEvent(b, 'meeting:ended');
    expect((await server.api.endMeeting(host.session.accessToken, code)).ok).toBe(true);
    expect(await ended).toEqual({ code });
    // The connection is free to join another meeting.
    expect((await joinMeeting(b, await newMeeting(server.api, host))).ok).toBe(true);
  });

  it('issues a fresh peer token for the same id, and fresh ICE configuration', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const result = await joined(a, code);
    const token = await request<PeerCredentials>(a, 'peer:token', {});
    expect(token.ok && token.data.id).toBe(result.peer.id);
    expect(await request(a, 'ice:refresh', {})).toEqual({ ok: true, data: result.ice });
  });

  it('resumes the same peer id after a reconnect without announcing anything to the others', async () => {
    const code = await newMeeting(server.api, host);
    const a = await connect(host);
    const b = await connect(guest);
    const aResult = await joinReady(a, code);
    const bResult = await joinReady(b, code);
    await roundTrip(a);
    const aSeen = recordEvents(a, PARTICIPANT_EVENTS);

    // B's network drops; B reconnects on a new connection before the server noticed the old one died.
    const b2 = await connect(guest);
    const resumed = await request<JoinResult>(b2, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: bResult.peer.id, token: bResult.peer.token },
    });
    if (!resumed.ok) throw new Error(resumed.error.code);
    expect(resumed.data.self.peerId).toBe(bResult.self.peerId);
    expect(resumed.data.participants.map((p) => p.peerId)).toEqual([aResult.self.peerId]);
    // The old connection closing later does not remove the seat the new one holds.
    b.disconnect();
    await roundTrip(b2);
    await roundTrip(a);
    expect(aSeen).toEqual([]);
    expect(await request(b2, 'peer:ready', {})).toEqual({ ok: true, data: null });
  });

  it("refuses to resume another user's peer id, a forged token, or a peer id from another meeting", async () => {
    const code = await newMeeting(server.api, host);
    const otherCode = await newMeeting(server.api, host);
    const a = await connect(host);
    const aResult = await joined(a, code);
    const elsewhere = await connect(third);
    const elsewhereResult = await joined(elsewhere, otherCode);

    const attacker = await connect(guest);
    const attempt = (resume: PeerCredentials) =>
      request(attacker, 'meeting:join', { code, media: { audio: true, video: true }, resume });
    const forged = `${aResult.peer.token.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`;
    const cases: PeerCredentials[] = [
      { id: aResult.peer.id, token: aResult.peer.token }, // the host's real credentials
      { id: aResult.peer.id, token: forged },
      { id: elsewhereResult.peer.id, token: elsewhereResult.peer.token },
      { id: 'made-up-peer-id', token: 'x.y' },
    ];
    for (const resume of cases) {
      expect(await attempt(resume)).toEqual({
        ok: false,
        error: { code: 'PEER_ID_REJECTED', message: expect.any(String) },
      });
    }
    // Even its rightful owner cannot resume it into another meeting.
    const third2 = await connect(third);
    const crossMeeting = await request(third2, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: elsewhereResult.peer.id, token: elsewhereResult.peer.token },
    });
    expect(crossMeeting).toMatchObject({ ok: false, error: { code: 'PEER_ID_REJECTED' } });
  });
});
