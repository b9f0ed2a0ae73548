import {
  userMessage,
  type MeetingControls,
  type ModerationAction,
  type Participant,
  type ParticipantLeft,
  type RemovedNotice,
} from '@wava/protocol';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ADAPTER_KEY } from '../../src/cluster/createRedisCluster.js';
import { newMeeting } from '../support/meetings.js';
import { enterMeeting, send, type Person } from '../support/meetingPeople.js';
import { connectSocket, joinMeeting, nextMatching } from '../support/sockets.js';
import { redisUrl, useTwoServers } from '../support/twoServers.js';
import { registerUser } from '../support/users.js';

const twoServers = useTwoServers();

const refused = (code: string) => ({ ok: false, error: { code, message: userMessage(code) } });

/** Resolves with the first `event` whose payload matches (5 s at most unless told). */
const heard = <T>(person: Person, event: string, matches: (payload: T) => boolean, timeoutMs?: number) =>
  nextMatching(person.socket, event, matches, timeoutMs);

/** A meeting its host created on server one, with the host in it there and a guest in it on server two. */
async function hostAndGuestOnTwoServers() {
  const { one, two } = await twoServers();
  const [host, guest] = [await registerUser(one.api, 'Host'), await registerUser(two.api, 'Guest')];
  const code = await newMeeting(one.api, host);
  return { guest, h: await enterMeeting(one.url, host, code), g: await enterMeeting(two.url, guest, code) };
}

describe('host powers across two servers', () => {
  it('a host on one server mutes, promotes and removes a person on the other; the state is shared', async () => {
    const deployment = await twoServers();
    const { one, two } = deployment;
    const [host, guest, late] = [
      await registerUser(one.api, 'Host'),
      await registerUser(two.api, 'Guest'),
      await registerUser(two.api, 'Late'),
    ];
    const code = await newMeeting(one.api, host);
    const h = await enterMeeting(one.url, host, code);
    const g = await enterMeeting(two.url, guest, code);

    const action = heard<ModerationAction>(g, 'moderation:action', () => true);
    const muted = heard<Participant>(h, 'participant:updated', (p) => p.peerId === g.peerId && !p.media.audio);
    expect(await send(h, 'moderation:mute', { peerId: g.peerId })).toEqual({ ok: true, data: null });
    expect(await action).toEqual({ action: 'muted', by: { peerId: h.peerId, displayName: 'Host' } });
    await muted;

    // The role is decided on one server and shown by the other, which holds the seat.
    const promoted = heard<Participant>(h, 'participant:updated', (p) => p.peerId === g.peerId && p.role === 'co-host');
    await send(h, 'moderation:setRole', { peerId: g.peerId, role: 'co-host' });
    await promoted;
    // ...and the co-host on server two locks the meeting for newcomers on server one.
    const locked = heard<MeetingControls>(h, 'moderation:state', (c) => c.locked);
    expect(await send(g, 'moderation:lock', { locked: true })).toMatchObject({ ok: true });
    await locked;
    const newcomer = await connectSocket(one.url, late.session.accessToken);
    expect(await joinMeeting(newcomer, code)).toEqual(refused('MEETING_LOCKED'));

    await send(h, 'moderation:setRole', { peerId: g.peerId, role: 'participant' });
    const told = heard<RemovedNotice>(g, 'moderation:removed', () => true);
    const left = heard<ParticipantLeft>(h, 'participant:left', (p) => p.peerId === g.peerId);
    const peerClosed = new Promise((resolve) => g.peer.ws.once('close', resolve));
    expect(await send(h, 'moderation:remove', { peerId: g.peerId })).toEqual({ ok: true, data: null });
    expect((await told).code).toBe('REMOVED');
    expect(await left).toEqual({ peerId: g.peerId, reason: 'removed' });
    await peerClosed;
    for (const server of [one, two]) {
      const again = await connectSocket(server.url, guest.session.accessToken);
      expect(await joinMeeting(again, code)).toEqual(refused('REMOVED'));
    }
  });

  it('hosting passes to a person on the other server when the host leaves', async () => {
    const { guest, h, g } = await hostAndGuestOnTwoServers();
    const hosting = heard<Participant>(g, 'participant:updated', (p) => p.peerId === g.peerId && p.role === 'host');
    const controls = heard<MeetingControls>(g, 'moderation:state', (c) => c.hostUserId === guest.session.user.id);
    await send(h, 'meeting:leave');
    await Promise.all([hosting, controls]);
    expect(await send(g, 'moderation:lock', { locked: true })).toMatchObject({ ok: true });
  });

  it('hosting passes on while a server never answers the others (who is present comes from the seat ledger)', async () => {
    const { h, g } = await hostAndGuestOnTwoServers();
    // A third server that never answers: the others count it on the adapter's request channel, so anything asked
    // of every server waits for it until the adapter's 5 s time out, and fails (three tries would take 18 s).
    const silent = new Redis(redisUrl());
    try {
      await silent.subscribe(`${ADAPTER_KEY}-request#/#`);
      const hosting = heard<Participant>(
        g,
        'participant:updated',
        (p) => p.peerId === g.peerId && p.role === 'host',
        12_000,
      );
      await send(h, 'meeting:leave');
      await hosting;
    } finally {
      silent.disconnect();
    }
    expect(await send(g, 'moderation:lock', { locked: true })).toMatchObject({ ok: true });
  });
});
