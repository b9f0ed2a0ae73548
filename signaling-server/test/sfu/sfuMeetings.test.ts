import type { JoinResult, SfuMode } from '@wava/protocol';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JANUS_PROTOCOL, openJanusSocket } from '../../src/sfu/openJanusSocket.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { closeAllSockets, connectSocket, joinReady, nextEvent, openPeerOf, request } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser, type TestUser } from '../support/users.js';
import {
  isSfu,
  joinAsPublisher,
  logModes,
  proxyUrl,
  videoRoomHandle,
  type ModeLog,
  SFU_SECRET as SECRET,
} from './sfuSupport.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { useSfuServer } from './useSfuServer.js';

/** Real Janus instances next to a real Wava server: meetings move between mesh and SFU as people come and go. */
describe('meetings on the SFU (real Janus)', () => {
  let janusA: JanusProcess;
  let janusB: JanusProcess;
  let server: TestServer;
  let users: TestUser[];

  useSfuServer(
    { instances: 2, people: 7, env: { WAVA_PEER_READY_TIMEOUT: '2s', WAVA_SFU_MESH_GRACE: '2s' } },
    (started, instances, registered) => {
      server = started;
      [janusA, janusB] = instances as [JanusProcess, JanusProcess];
      users = registered;
    },
  );

  const enter = (user: TestUser, code: string) => enterMeeting(server, user, code, { firstMode: true });

  it('moves a meeting to the SFU past the threshold, each person with their own token, and back to mesh at 2', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const first = await enter(users[0]!, code);
    const second = await enter(users[1]!, code);
    expect(first.modes.all).toEqual([{ mode: 'mesh', maxParticipants: 50 }]);
    expect(second.modes.last()?.mode).toBe('mesh');

    const third = await enter(users[2]!, code);
    const modes = await Promise.all([first, second, third].map(sfuOf));
    expect(new Set(modes.map((mode) => mode.room)).size).toBe(1);
    expect(new Set(modes.map((mode) => mode.token)).size).toBe(3);
    expect(modes.map((mode) => mode.publisherId)).toEqual([first, second, third].map((p) => p.join.self.peerId));
    expect(modes[0]).toMatchObject({ generation: 1, lastN: 9, maxParticipants: 50 });
    expect(modes[0]!.url).toMatch(/^wss:\/\/meet\.wava\.test\/sfu\?token=/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^wava_sfu_instances_up 2$/m);
    expect(metrics).toMatch(/^wava_sfu_meetings 1$/m);
    expect(metrics).toMatch(/^wava_sfu_participants 3$/m);
    await expect(request(first.socket, 'sfu:credentials', {})).resolves.toEqual({ ok: true, data: modes[0] });

    // Through the /sfu proxy, with its token, each person publishes in the meeting's room: as themselves,
    // whatever id they ask for.
    const sessions = await Promise.all(
      modes.map((mode) => joinAsPublisher(proxyUrl(server.url, mode), mode.token, mode.room, 'someone-else')),
    );
    expect(sessions[2]!.joined).toMatchObject({ videoroom: 'joined', id: modes[2]!.publisherId });
    const closed = sessions.map((session) => new Promise<void>((resolve) => session.janus.onClose(resolve)));
    const open = sessions.map(() => true);
    closed.forEach((done, index) => void done.then(() => (open[index] = false)));

    // The third person leaves: their proxied websocket closes at once, and the meeting (2 people) goes back to
    // mesh. Make before break: the two others' SFU credentials (and the room) stay for the grace, which the
    // move announces, so their pictures go on through the SFU until their mesh call shows them.
    await request(third.socket, 'meeting:leave', {});
    await closed[2];
    const back = await Promise.all(
      [first, second].map((p) => p.modes.next((m) => m.mode === 'mesh' && p.modes.all.indexOf(m) > 0)),
    );
    for (const mode of back) {
      expect(mode).toMatchObject({ mode: 'mesh', maxParticipants: 50 });
      expect(mode.mode === 'mesh' && mode.sfuGraceMs).toBeGreaterThan(0);
      expect(mode.mode === 'mesh' && mode.sfuGraceMs).toBeLessThanOrEqual(2_000);
    }
    expect(open.slice(0, 2)).toEqual([true, true]);
    const holder = (await roomExists(janusA, modes[0]!.room)) ? janusA : janusB;
    expect(await roomExists(holder, modes[0]!.room)).toBe(true);
    await expect(request(first.socket, 'sfu:credentials', {})).resolves.toMatchObject({
      ok: true,
      data: { mode: 'mesh', sfuGraceMs: expect.any(Number) },
    });

    // The second person leaves within the grace: theirs goes at once, the first person's stays.
    await request(second.socket, 'meeting:leave', {});
    await closed[1];
    expect(open[0]).toBe(true);

    // The grace is over: the last session closes, the room and every token are gone from Janus.
    await closed[0];
    await waitUntil(async () => !(await roomExists(holder, modes[0]!.room)));
    for (const old of modes) {
      await expect(joinAsPublisher(janusA.url, old.token, old.room, old.publisherId)).rejects.toThrow(
        /403|Unauthorized/,
      );
      await expect(joinAsPublisher(janusB.url, old.token, old.room, old.publisherId)).rejects.toThrow(
        /403|Unauthorized/,
      );
    }
    await expect(request(first.socket, 'sfu:credentials', {})).resolves.toEqual({
      ok: true,
      data: { mode: 'mesh', maxParticipants: 50 },
    });
  });

  it('keeps a dropped connection’s SFU session for a rejoin with its peer id, and revokes it when none comes', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, code), await enter(users[1]!, code), await enter(users[2]!, code)];
    const modes = await Promise.all(people.map(sfuOf));
    const mine = modes[2]!;
    const publishing = await joinAsPublisher(proxyUrl(server.url, mine), mine.token, mine.room, mine.publisherId);
    let closed = false;
    publishing.janus.onClose(() => (closed = true));

    // The connection drops (no leave): the meeting stays on the SFU, the session lives on.
    people[2]!.socket.disconnect();
    await nextEvent(people[0]!.socket, 'participant:left');
    await expect(request(people[0]!.socket, 'sfu:credentials', {})).resolves.toEqual({ ok: true, data: modes[0] });
    expect(closed).toBe(false);

    // Back with the same peer id: the same credentials, and the Janus session it kept.
    const socket = await connectSocket(server.url, users[2]!.session.accessToken);
    const again = logModes(socket);
    const resumed = await request<JoinResult>(socket, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: people[2]!.join.peer.id, token: people[2]!.join.peer.token },
    });
    if (!resumed.ok) throw new Error(resumed.error.code);
    await openPeerOf(socket, resumed.data);
    await expect(again.next(isSfu)).resolves.toEqual(mine);
    expect(closed).toBe(false);

    // Dropped again, and not back: the token goes, with its session, and the meeting (2 people) goes to mesh.
    const sessionEnded = new Promise<void>((resolve) => publishing.janus.onClose(resolve));
    socket.disconnect();
    await sessionEnded;
    await people[0]!.modes.next((m) => m.mode === 'mesh' && people[0]!.modes.all.indexOf(m) > 0);
    await expect(videoRoomHandle(proxyUrl(server.url, mine), mine.token)).rejects.toThrow(/403/);
  });

  it('destroys the room and revokes every token when the meeting ends', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, code), await enter(users[1]!, code), await enter(users[2]!, code)];
    const modes = await Promise.all(people.map(sfuOf));
    const holder = await instanceHolding(modes[0]!);
    expect(await roomExists(holder, modes[0]!.room)).toBe(true);

    const ended = nextEvent(people[1]!.socket, 'meeting:ended');
    await request(people[0]!.socket, 'meeting:end', {});
    await ended;
    await waitUntil(async () => !(await roomExists(holder, modes[0]!.room)));
    for (const mode of modes) await expect(videoRoomHandle(holder.url, mode.token)).rejects.toThrow(/403/);
  });

  // Last in this group: it kills both instances.
  it('moves meetings off an instance that dies, and back to mesh when none is left', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enter(users[0]!, code), await enter(users[1]!, code), await enter(users[6]!, code)];
    const before = await Promise.all(people.map(sfuOf));
    const placedOn = await instanceHolding(before[0]!);
    const other = placedOn === janusA ? janusB : janusA;

    await placedOn.kill();
    const after = await Promise.all(people.map((p) => p.modes.next((m) => isSfu(m) && m.generation === 2)));
    for (const mode of after as SfuMode[]) {
      expect(mode.room).not.toBe(before[0]!.room);
    }
    const moved = after[0] as SfuMode;
    expect(await instanceHolding(moved)).toBe(other);
    // The new room takes its people's publishers (through the proxy, to the instance that lives).
    const { janus, joined } = await joinAsPublisher(proxyUrl(server.url, moved), moved.token, moved.room, 'x');
    expect(joined).toMatchObject({ videoroom: 'joined', id: moved.publisherId });
    janus.close();

    await other.kill();
    await Promise.all(people.map((p) => p.modes.next((m) => m.mode === 'mesh' && p.modes.all.indexOf(m) > 0)));
    // With no SFU up, the meeting's limit is the mesh's again.
    await expect(request(people[0]!.socket, 'sfu:credentials', {})).resolves.toEqual({
      ok: true,
      data: { mode: 'mesh', maxParticipants: 6 },
    });
  });

  /** Which of the two instances has the mode's room (the token joins it there). */
  async function instanceHolding(mode: SfuMode): Promise<JanusProcess> {
    for (const janus of [janusA, janusB]) {
      // Another id than the person's: Janus may not have ended this probe yet when the test joins as them.
      const probe = `${mode.publisherId}-probe`;
      const attempt = await joinAsPublisher(janus.url, mode.token, mode.room, probe).catch(() => null);
      if (attempt) {
        attempt.janus.close();
        return janus;
      }
    }
    throw new Error('no instance holds the room');
  }
});

describe('SFU credentials (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let users: TestUser[];

  useSfuServer({ instances: 1, people: 6 }, (started, [instance], registered) => {
    server = started;
    janus = instance!;
    users = registered;
  });

  const enter = (user: TestUser, code: string) => enterMeeting(server, user, code, { firstMode: true });

  it('admits nobody to a room without credentials, with made-up ones, or with another meeting’s', async () => {
    const codeA = await newMeeting(server.api, users[0]!);
    const codeB = await newMeeting(server.api, users[3]!);
    const a = [await enter(users[0]!, codeA), await enter(users[1]!, codeA), await enter(users[2]!, codeA)];
    const b = [await enter(users[3]!, codeB), await enter(users[4]!, codeB), await enter(users[5]!, codeB)];
    const modeA = await sfuOf(a[0]!);
    const modeB = await sfuOf(b[0]!);
    expect(modeA.room).not.toBe(modeB.room);
    // One instance: both rooms are on it, and A's token is a valid token there, but not for B's room.
    const janusUrls = [janus.url];

    for (const url of janusUrls) {
      // No token, a made-up one: no Janus session at all.
      await expect(videoRoomHandle(url, undefined)).rejects.toThrow(/403|Unauthorized/);
      await expect(videoRoomHandle(url, 'made-up-token-of-some-length')).rejects.toThrow(/403|Unauthorized/);
    }
    // Meeting A's token opens a session where A's room is, but cannot join meeting B's room, directly or through
    // the proxy (as publisher or as subscriber).
    for (const url of janusUrls) {
      const attempt = joinAsPublisher(url, modeA.token, modeB.room, modeA.publisherId);
      await expect(attempt).rejects.toThrow(/433: Unauthorized \(not in the allowed list\)/);
    }
    // The proxy does not even pass it on.
    const viaProxy = joinAsPublisher(proxyUrl(server.url, modeA), modeA.token, modeB.room, modeA.publisherId);
    await expect(viaProxy).rejects.toThrow(/closed/);
    const handle = await videoRoomHandle(proxyUrl(server.url, modeA), modeA.token);
    // Nor create a room of its own: only the Wava server holds the VideoRoom's admin key.
    const direct = await videoRoomHandle(janus.url, modeA.token);
    await expect(direct.send({ request: 'create', room: 'mine', admin_key: 'guess' })).rejects.toThrow(/admin_key/);
    direct.janus.close();
    // Through the proxy, any request about another room (a subscription, its participant list) ends the connection.
    await expect(
      handle.send({ request: 'join', ptype: 'subscriber', room: modeB.room, streams: [{ feed: modeB.publisherId }] }),
    ).rejects.toThrow(/closed/);
    const lister = await videoRoomHandle(proxyUrl(server.url, modeA), modeA.token);
    await expect(lister.send({ request: 'listparticipants', room: modeA.room })).resolves.toMatchObject({
      participants: [],
    });
    await expect(lister.send({ request: 'listparticipants', room: modeB.room })).rejects.toThrow(/closed/);
    lister.janus.close();

    // The /sfu proxy refuses unknown tokens before Janus sees anything.
    // Nor lets one token hold many websockets (each is one to Janus too).
    const other = await sfuOf(a[1]!);
    const held = await Promise.all([1, 2, 3].map(() => videoRoomHandle(proxyUrl(server.url, other), other.token)));
    expect(await upgradeStatus(proxyUrl(server.url, other))).toBe(429);
    for (const { janus: socket } of held) socket.close();

    const refused = await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/sfu?token=made-up-token-of-some-length`);
    expect(refused).toBe(403);

    // A person who leaves loses their token at once: no new session, and they are out of the room.
    const leaver = await sfuOf(a[2]!);
    const inRoom = await joinAsPublisher(proxyUrl(server.url, leaver), leaver.token, leaver.room, leaver.publisherId);
    const kicked = new Promise<void>((resolve) => inRoom.janus.onClose(resolve));
    await request(a[2]!.socket, 'meeting:leave', {});
    await kicked;
    expect(await upgradeStatus(proxyUrl(server.url, leaver))).toBe(403);
    for (const url of janusUrls) await expect(videoRoomHandle(url, leaver.token)).rejects.toThrow(/403|Unauthorized/);
  });
});

describe('an SFU instance that comes back (real Janus)', () => {
  it('moves a meeting that grew while no instance was up to the SFU once one is', async () => {
    const first = await startJanus({ secret: SECRET });
    const server = await startTestServer({
      env: {
        WAVA_SFU_URLS: first.url,
        WAVA_SFU_ADMIN_URLS: first.adminUrl,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
      },
    });
    let again: JanusProcess | undefined;
    try {
      const users = await Promise.all(['A', 'B', 'C'].map((name) => registerUser(server.api, name)));
      const code = await newMeeting(server.api, users[0]!);
      await first.kill();
      const people: MeetingPerson[] = [];
      for (const user of users) people.push(await enterMeeting(server, user, code, { firstMode: true }));
      // No instance: a mesh, with the mesh's limit.
      await expect(request(people[0]!.socket, 'sfu:credentials', {})).resolves.toEqual({
        ok: true,
        data: { mode: 'mesh', maxParticipants: 6 },
      });
      // The same instance restarts (as systemd would): the server reconnects and the meeting moves.
      again = await startJanus({ secret: SECRET, wsPort: portOf(first.url), adminPort: portOf(first.adminUrl) });
      const modes = await Promise.all(people.map((person) => person.modes.next(isSfu, 25_000)));
      const mode = modes[0] as SfuMode;
      const { janus, joined } = await joinAsPublisher(proxyUrl(server.url, mode), mode.token, mode.room, 'x');
      expect(joined).toMatchObject({ videoroom: 'joined', id: mode.publisherId });
      janus.close();
    } finally {
      closeAllPeerSockets();
      closeAllSockets();
      await server.dispose();
      await again?.stop();
    }
  }, 40_000);
});

describe('Janus at a separate public address (WAVA_SFU_PUBLIC_URLS)', () => {
  it('tells clients that address, where their token works as it does through /sfu', async () => {
    const janus = await startJanus({ secret: SECRET });
    const server = await startTestServer({
      env: {
        WAVA_SFU_URLS: janus.url,
        WAVA_SFU_ADMIN_URLS: janus.adminUrl,
        WAVA_SFU_PUBLIC_URLS: janus.url,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
      },
    });
    try {
      const users = await Promise.all(['A', 'B', 'C'].map((name) => registerUser(server.api, name)));
      const code = await newMeeting(server.api, users[0]!);
      const people: MeetingPerson[] = [];
      for (const user of users) people.push(await enterMeeting(server, user, code, { firstMode: true }));
      const mode = (await sfuOf(people[0]!)) as SfuMode;
      expect(mode.url).toBe(janus.url);
      // The web client's policy lets it connect there.
      const csp = (await fetch(`${server.url}/healthz`)).headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(new RegExp(`connect-src [^;]*${new URL(janus.url).origin.replace(/[.:/]/g, '\\$&')}`));
      const { janus: socket, joined } = await joinAsPublisher(mode.url, mode.token, mode.room, mode.publisherId);
      expect(joined).toMatchObject({ videoroom: 'joined', id: mode.publisherId });
      socket.close();
    } finally {
      closeAllPeerSockets();
      closeAllSockets();
      await server.dispose();
      await janus.stop();
    }
  });
});

const portOf = (url: string) => Number(new URL(url).port);

/** Whether Janus knows the room, asked as the Wava server would (with the secret). */
async function roomExists(janus: JanusProcess, room: string): Promise<boolean> {
  const socket = await openJanusSocket(janus.url, JANUS_PROTOCOL);
  try {
    const auth = { apisecret: janus.secret };
    const session = await socket.request({ janus: 'create', ...auth });
    const handle = await socket.request({
      janus: 'attach',
      session_id: session.data?.id,
      plugin: 'janus.plugin.videoroom',
      ...auth,
    });
    const answer = await socket.request({
      janus: 'message',
      session_id: session.data?.id,
      handle_id: handle.data?.id,
      body: { request: 'exists', room },
      ...auth,
    });
    return answer.plugindata?.data.exists === true;
  } finally {
    socket.close();
  }
}

/** Polls `check` (every 50 ms, 5 s at most): for what the server does after answering. */
async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 5 s');
}

describe('without an SFU configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('keeps every meeting a mesh up to the mesh limit, and has no /sfu websocket', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => registerUser(server.api, `P${i}`)));
    const code = await newMeeting(server.api, users[0]!);
    const logs: ModeLog[] = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      logs.push(logModes(socket));
      await joinReady(socket, code);
    }
    await Promise.all(logs.map((log) => log.next(() => true)));
    for (const log of logs) expect(log.all).toEqual([{ mode: 'mesh', maxParticipants: 6 }]);
    const late = await registerUser(server.api, 'Late');
    const socket = await connectSocket(server.url, late.session.accessToken);
    const full = await request(socket, 'meeting:join', { code, media: { audio: true, video: true } });
    expect(full).toMatchObject({ ok: false, error: { code: 'MEETING_FULL' } });
    expect(await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/sfu?token=anything-at-all-here`)).toBe(403);
  });
});

const sfuOf = (person: MeetingPerson) => person.modes.next(isSfu) as Promise<SfuMode>;

/** The HTTP status a websocket upgrade is refused with (101 when accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'janus-protocol');
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}
