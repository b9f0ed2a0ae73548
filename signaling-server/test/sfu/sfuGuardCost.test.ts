import type { SfuMode } from '@wava/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SFU_HANDLES_PER_TOKEN } from '../../src/sfu/handlesBeyondLimit.js';
import { ADMIN_REQUESTS_IN_FLIGHT } from '../../src/sfu/listClientHandles.js';
import { JANUS_PROTOCOL, openJanusSocket, type JanusSocket } from '../../src/sfu/openJanusSocket.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { startCountingRelay, type CountingRelay } from './countingRelay.js';
import { meetingOnSfu } from './meetingOnSfu.js';
import { handlesWithToken, joinAsPublisher, SFU_SECRET, videoRoomHandle } from './sfuSupport.js';
import { useSfuServer } from './useSfuServer.js';

const VIDEOROOM = 'janus.plugin.videoroom';
/** What the attacker opens, and how many audits it asks for. */
const EXTRA_HANDLES = 40;
const TRIGGERS = 40;

/**
 * Review: in direct mode (WAVA_SFU_PUBLIC_URLS) the guard audits a room by listing every session and handle of
 * the Janus instance (one admin request each), and every join in the room started another audit. A participant
 * talking to Janus directly could open many handles and join again and again: each join then cost the Janus
 * admin API (and our server) one request per handle on the instance, all at once. The server's admin requests
 * go through a counting relay here; everything else is real (Janus, the server, its websockets).
 */
describe('the direct-mode guard under attack (real Janus, admin requests counted)', () => {
  let relay: CountingRelay;
  let server: TestServer;
  let admin: JanusSocket;
  let users: TestUser[];
  const closers: (() => void)[] = [];

  // Registered before useSfuServer's: the relay closes after the server and Janus have stopped.
  afterAll(async () => {
    await relay?.close();
  });
  useSfuServer(
    {
      instances: 1,
      people: 3,
      admin: true,
      env: async ([instance]) => {
        relay = await startCountingRelay(instance!.adminUrl);
        return { WAVA_SFU_ADMIN_URLS: relay.url, WAVA_SFU_PUBLIC_URLS: instance!.url };
      },
    },
    (started, _janus, registered, adminSocket) => {
      server = started;
      users = registered;
      admin = adminSocket!;
    },
  );
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  it('keeps the admin requests bounded and detaches the handles one participant opens beyond the limit', async () => {
    const [honest, attacker] = (await meetingOf(3)).slice(1) as [SfuMode, SfuMode];
    // An honest participant as the Wava client is: a publisher under its own id, and a second handle.
    const publisher = await joinAsPublisher(honest.url, honest.token, honest.room, honest.publisherId);
    closers.push(() => publisher.janus.close());
    const second = await videoRoomHandle(honest.url, honest.token);
    closers.push(() => second.janus.close());
    relay.reset();

    // Many handles in one session of the attacker's (they join nothing: no impostor for the guard to catch).
    const hoard = await openJanusSocket(attacker.url, JANUS_PROTOCOL);
    closers.push(() => hoard.close());
    const auth = { token: attacker.token };
    const session = (await hoard.request({ janus: 'create', ...auth })).data?.id;
    for (let i = 0; i < EXTRA_HANDLES; i++) {
      await hoard.request({ janus: 'attach', session_id: session, plugin: VIDEOROOM, ...auth });
    }
    // Many audits asked for: each join in the room is one (the attacker joins under its own id, and leaves; a
    // handle that left cannot join again, so each time on a new one).
    for (let i = 0; i < TRIGGERS; i++) await joinAndLeave(attacker);
    // Without coalescing, every join listed every handle on the instance: about TRIGGERS x EXTRA_HANDLES
    // (1,600) handle_info requests alone. With one audit loop per instance, each handle the attacker opened is
    // asked about about once (then detached), and an audit of what is left costs about a dozen requests.
    const bounded = () => {
      expect(relay.total(), `admin requests: ${JSON.stringify(countsOf(relay))}`).toBeLessThan(
        4 * (EXTRA_HANDLES + TRIGGERS) + 100,
      );
      expect(relay.count('handle_info')).toBeLessThan(2 * EXTRA_HANDLES + 4 * TRIGGERS);
      // Never more than a few admin requests waiting at once, however many handles there are.
      expect(relay.maxInFlight()).toBeLessThanOrEqual(ADMIN_REQUESTS_IN_FLIGHT);
    };
    bounded();

    // The handles beyond the limit are detached.
    await waitUntil(async () => (await handlesOf(attacker.token)).length <= SFU_HANDLES_PER_TOKEN);
    bounded();
    // The honest participant's are untouched, and they still publish.
    expect(await handlesOf(honest.token)).toHaveLength(2);
    expect(publisher.janus.closed).toBe(false);
    const listed = await second.send({ request: 'listparticipants', room: honest.room });
    expect((listed.participants as { id: string }[]).map((p) => p.id)).toContain(honest.publisherId);
  });

  it('destroys sessions an attacker keeps without a handle (each costs every audit a request)', async () => {
    const [, attacker] = (await meetingOf(3)).slice(1) as [SfuMode, SfuMode];
    const idle = await openJanusSocket(attacker.url, JANUS_PROTOCOL);
    closers.push(() => idle.close());
    const sessions: number[] = [];
    for (let i = 0; i < 10; i++) {
      sessions.push(Number((await idle.request({ janus: 'create', token: attacker.token })).data?.id));
    }
    // The attacker keeps joining (as itself; each join asks for an audit) until its empty sessions are gone.
    for (let i = 0; i < 200; i++) {
      const listed = (await admin.request({ janus: 'list_sessions', admin_secret: SFU_SECRET })).sessions as number[];
      if (!sessions.some((id) => listed.includes(id))) return;
      await joinAndLeave(attacker);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the empty sessions are still there');
  }, 60_000);

  it('cleans up what an attacker opens without ever joining a room (nothing else asks for an audit)', async () => {
    const [, attacker] = (await meetingOf(3)).slice(1) as [SfuMode, SfuMode];
    // Review: audits ran only when someone joined or published, or a token was revoked. Sessions and handles
    // that join nothing ask for none: in a quiet meeting they stayed (kept alive by keepalives) whatever the
    // limits said, each one costing Janus memory and every later audit a request.
    const hoard = await openJanusSocket(attacker.url, JANUS_PROTOCOL);
    closers.push(() => hoard.close());
    const auth = { token: attacker.token };
    const empty: number[] = [];
    for (let i = 0; i < 5; i++) empty.push(Number((await hoard.request({ janus: 'create', ...auth })).data?.id));
    const session = (await hoard.request({ janus: 'create', ...auth })).data?.id;
    for (let i = 0; i < SFU_HANDLES_PER_TOKEN + 6; i++) {
      await hoard.request({ janus: 'attach', session_id: session, plugin: VIDEOROOM, ...auth });
    }
    // Well within Janus's own 60 s session timeout.
    for (let i = 0; i < 150; i++) {
      const listed = (await admin.request({ janus: 'list_sessions', admin_secret: SFU_SECRET })).sessions as number[];
      const emptyLeft = empty.filter((id) => listed.includes(id));
      if (emptyLeft.length === 0 && (await handlesOf(attacker.token)).length <= SFU_HANDLES_PER_TOKEN) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the attacker still holds its empty sessions or its handles beyond the limit');
  }, 90_000);

  /** Joins the room as publisher under the seat's own id, on a new session and handle, and leaves. */
  async function joinAndLeave(mode: SfuMode): Promise<void> {
    const { janus: socket, send } = await videoRoomHandle(mode.url, mode.token);
    try {
      await send({ request: 'join', ptype: 'publisher', room: mode.room, id: mode.publisherId, token: mode.token });
      await send({ request: 'leave' });
    } finally {
      socket.close();
    }
  }

  /** `count` people in one meeting (the first is its host), each with their SFU credentials for Janus itself. */
  async function meetingOf(count: number): Promise<SfuMode[]> {
    return (await meetingOnSfu(server, users.slice(0, count))).map(({ mode }) => mode);
  }

  /** The handles attached with `token`, and the room each joined (asked by the test itself, not counted). */
  function handlesOf(token: string): Promise<{ room: string | null }[]> {
    return handlesWithToken(admin, SFU_SECRET, token);
  }
});

function countsOf(relay: CountingRelay): Record<string, number> {
  const verbs = ['list_sessions', 'list_handles', 'handle_info', 'detach_handle', 'destroy_session', 'add_token'];
  return Object.fromEntries(verbs.map((verb) => [verb, relay.count(verb)]));
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met');
}
