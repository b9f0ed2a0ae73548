import type { SfuMode } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { JanusSocket } from '../../src/sfu/openJanusSocket.js';
import type { JanusProcess } from '../../src/sfu/startJanus.js';
import { request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { registerUser, type TestUser } from '../support/users.js';
import { meetingOnSfu, type SfuSeat } from './meetingOnSfu.js';
import { handlesWithToken, joinAsPublisher, SFU_SECRET, videoRoomHandle } from './sfuSupport.js';
import { useSfuServer } from './useSfuServer.js';

/**
 * Direct mode (WAVA_SFU_PUBLIC_URLS): clients talk to Janus at its own address, with no `/sfu` proxy to force
 * each seat's publisher id or to close a removed person's websocket. Review found two holes there; these are
 * the attacks, against a real Janus.
 */
describe('SFU at a public address (real Janus, no proxy)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let admin: JanusSocket;
  let registered = 0;
  const closers: (() => void)[] = [];

  useSfuServer(
    {
      instances: 1,
      people: 0,
      admin: true,
      env: ([instance]) => ({
        WAVA_SFU_PUBLIC_URLS: instance!.url,
        WAVA_SFU_MESH_GRACE: '60s', // long enough for no test to race it
      }),
    },
    (started, [instance], _users, adminSocket) => {
      server = started;
      janus = instance!;
      admin = adminSocket!;
    },
  );
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  /**
   * `count` people in one meeting (the first is its host), each with their SFU credentials for Janus itself. New
   * accounts each time: what one test did to a person (an impostor benched, a token revoked) stays in that test.
   */
  async function meetingOf(count: number): Promise<SfuSeat[]> {
    const users: TestUser[] = [];
    for (let i = 0; i < count; i++) users.push(await registerUser(server.api, `Person ${(registered += 1)}`));
    return meetingOnSfu(server, users);
  }

  async function publish(mode: SfuMode, id: string) {
    const attempt = await joinAsPublisher(mode.url, mode.token, mode.room, id);
    closers.push(() => attempt.janus.close());
    return attempt;
  }

  it('tells clients Janus’s own address, and announces it (the desktop app allows it in its CSP)', async () => {
    const [first] = await meetingOf(3);
    expect(first!.mode.url).toBe(janus.url);
    await expect(server.api.config()).resolves.toMatchObject({ ok: true, data: { sfuPublicUrls: [janus.url] } });
  });

  it('detaches an impostor and revokes their token: they cannot take the victim’s id again, the victim can', async () => {
    const [, victim, attacker] = await meetingOf(3);
    // The attacker knows the victim's peer id (everyone in the meeting does) and gets there first: Janus takes
    // the join, since a token admits to the room, not to an id.
    const impostor = await publish(attacker!.mode, victim!.mode.publisherId);
    expect(impostor.joined).toMatchObject({ videoroom: 'joined', id: victim!.mode.publisherId });
    // The victim's own join is refused meanwhile: the id is taken.
    await expect(publish(victim!.mode, victim!.mode.publisherId)).rejects.toThrow(/already exists/);
    // The server detaches the impostor's handle: it is no longer in the room under the victim's id. (Asked of
    // Janus: its own `detached` event does not always reach a client whose session is destroyed right after.)
    await waitUntil(async () => !(await participantIds(victim!.mode)).includes(victim!.mode.publisherId));

    // Attack: join again under the victim's id straight away. The token no longer admits anywhere.
    const again = await publish(attacker!.mode, victim!.mode.publisherId).then(
      (attempt) => attempt.joined,
      (error: unknown) => error,
    );
    expect(again).not.toMatchObject({ videoroom: 'joined' });
    // Nor does the server hand the attacker new SFU credentials for now.
    expect(await request(attacker!.socket, 'sfu:credentials', {})).toMatchObject({ ok: true, data: { mode: 'mesh' } });
    await waitUntil(async () => (await sessionsWithToken(attacker!.mode.token)).size === 0);

    // The victim's retry (what the client does after Janus refused its join) publishes under their own id.
    await waitUntil(async () => !(await participantIds(victim!.mode)).includes(victim!.mode.publisherId));
    const own = await publish(victim!.mode, victim!.mode.publisherId);
    expect(own.joined).toMatchObject({ videoroom: 'joined', id: victim!.mode.publisherId });
    expect(await participantIds(victim!.mode)).toContain(victim!.mode.publisherId);
    expect(own.janus.closed).toBe(false);
  });

  it('lets a participant publish as themselves', async () => {
    const [, , honest] = await meetingOf(3);
    const joined = await publish(honest!.mode, honest!.mode.publisherId);
    expect(joined.joined).toMatchObject({ videoroom: 'joined', id: honest!.mode.publisherId });
  });

  it('keeps guarding a room the meeting left for the mesh while its tokens still admit to it (the grace)', async () => {
    const [leaving, victim, attacker] = await meetingOf(3);
    await request(leaving!.socket, 'meeting:leave', {});
    const back = await request(victim!.socket, 'sfu:credentials', {});
    expect(back).toMatchObject({ ok: true, data: { mode: 'mesh', sfuGraceMs: expect.any(Number) } });

    // The attacker's token still admits to the old room for the grace: joining there under the victim's id is
    // caught as it was before the meeting went back to mesh.
    const impostor = await publish(attacker!.mode, victim!.mode.publisherId);
    expect(impostor.joined).toMatchObject({ videoroom: 'joined', id: victim!.mode.publisherId });
    await waitUntil(async () => !(await participantIds(victim!.mode)).includes(victim!.mode.publisherId));
  });

  it('ends a removed person’s Janus session (publisher and subscriptions) at once, and a leaver’s too', async () => {
    // Five, so that the meeting stays on the SFU (more than 2 people) after one is removed and one leaves.
    const [host, stays, removed, other] = await meetingOf(5);
    const others = await publish(other!.mode, other!.mode.publisherId);
    const publisher = await publish(stays!.mode, stays!.mode.publisherId);
    expect(publisher.joined).toMatchObject({ videoroom: 'joined' });
    // The person to be removed publishes, and subscribes (a subscriber handle of its own).
    await publish(removed!.mode, removed!.mode.publisherId);
    const subscription = await videoRoomHandle(removed!.mode.url, removed!.mode.token);
    closers.push(() => subscription.janus.close());
    const before = await sessionsWithToken(removed!.mode.token);
    expect(before.size).toBe(2);

    expect(await request(host!.socket, 'moderation:remove', { peerId: removed!.mode.publisherId })).toMatchObject({
      ok: true,
    });
    // Their handles are detached and their sessions ended: no media flows to or from them any more. (Janus's own
    // `detached` event does not always reach a client whose session is destroyed right after, so this asks Janus.)
    await waitUntil(async () => (await sessionsWithToken(removed!.mode.token)).size === 0);
    // The others' sessions are untouched.
    expect((await sessionsWithToken(stays!.mode.token)).size).toBe(1);
    expect((await sessionsWithToken(other!.mode.token)).size).toBe(1);

    // Leaving is the same.
    expect(await request(stays!.socket, 'meeting:leave', {})).toMatchObject({ ok: true });
    await waitUntil(async () => (await sessionsWithToken(stays!.mode.token)).size === 0);
    expect(await participantIds(other!.mode)).toEqual(expect.arrayContaining([other!.mode.publisherId]));
    expect(others.janus.closed).toBe(false);
  });

  /** The ids of the room's participants, as the Wava server's own VideoRoom handle lists them. */
  async function participantIds(mode: SfuMode): Promise<string[]> {
    const { janus: socket, send } = await videoRoomHandle(janus.url, mode.token);
    try {
      const listed = await send({ request: 'listparticipants', room: mode.room });
      return (listed.participants as { id: string }[]).map((p) => p.id);
    } finally {
      socket.close();
    }
  }

  /** The Janus sessions holding a handle attached with `token`. */
  async function sessionsWithToken(token: string): Promise<Set<number>> {
    return new Set((await handlesWithToken(admin, SFU_SECRET, token)).map(({ sessionId }) => sessionId));
  }
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met');
}
