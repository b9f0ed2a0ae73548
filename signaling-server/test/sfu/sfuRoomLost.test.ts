import type { SfuMode } from '@wava/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { roomSecret } from '../../src/sfu/createJanusInstance.js';
import { freePort } from '../../src/net/freePort.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { closeAllSockets, request } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser, type TestUser } from '../support/users.js';
import { startCountingRelay, type CountingRelay } from './countingRelay.js';
import { startRestartHidingRelay, type RestartHidingRelay } from './restartHidingRelay.js';
import { isSfu, janusRooms, joinAsPublisher, proxyUrl, videoRoomRequest, SFU_SECRET as SECRET } from './sfuSupport.js';
import { enterMeeting, type MeetingPerson } from './enterMeeting.js';
import { useSfuServer } from './useSfuServer.js';

/**
 * Janus lost a meeting's room while the Wava server still counts on it: someone new joining gets working SFU
 * credentials, and the meeting is back on the SFU for everyone (a new room, everyone publishes again), where it
 * used to answer that person "mesh" alone in a meeting on the SFU.
 */
describe('a room Janus lost (real Janus)', () => {
  let janus: JanusProcess;
  let server: TestServer;
  let users: TestUser[];

  useSfuServer({ instances: 1, people: 4 }, (started, [instance], registered) => {
    server = started;
    janus = instance!;
    users = registered;
  });

  it('makes the room again for someone joining after it was destroyed behind the server’s back', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enterMeeting(server, users[0]!, code), await enterMeeting(server, users[1]!, code)];
    people.push(await enterMeeting(server, users[2]!, code));
    const before = await sfuOf(people[0]!);
    // An operator (or a crash of the plugin) ends the room; Janus answers "no such room" (426) from now on.
    await videoRoomRequest(janus.url, SECRET, {
      request: 'destroy',
      room: before.room,
      secret: roomSecret(SECRET, before.room),
    });

    people.push(await enterMeeting(server, users[3]!, code));
    await expectBackOnSfu(server, people, before);
  });
});

/**
 * Janus restarts between two of the server's health checks (its keepalives), behind a proxy that keeps the
 * server's connections open, so nothing tells the server until Janus answers that it knows neither the server's
 * session nor the meeting's room.
 */
describe('a Janus restart the server did not notice (real Janus)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wava-janus-restart-'));
  let janus: JanusProcess;
  let ports: { wsPort: number; adminPort: number };
  let api: RestartHidingRelay;
  let admin: RestartHidingRelay;
  let server: TestServer;
  let users: TestUser[];

  beforeAll(async () => {
    ports = { wsPort: await freePort(), adminPort: await freePort() };
    janus = await startJanus({ secret: SECRET, dir, ...ports });
    [api, admin] = await Promise.all([startRestartHidingRelay(janus.url), startRestartHidingRelay(janus.adminUrl)]);
    server = await startTestServer({
      env: {
        WAVA_SFU_URLS: api.url,
        WAVA_SFU_ADMIN_URLS: admin.url,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
      },
    });
    users = await Promise.all(Array.from({ length: 4 }, (_, i) => registerUser(server.api, `Person ${i + 1}`)));
  });
  afterAll(async () => {
    await server?.dispose();
    await Promise.all([api?.close(), admin?.close()]);
    await janus?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('gives someone joining after the restart working SFU credentials, and brings everyone back to the SFU', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enterMeeting(server, users[0]!, code), await enterMeeting(server, users[1]!, code)];
    people.push(await enterMeeting(server, users[2]!, code));
    const before = await sfuOf(people[0]!);

    // Right after a keepalive went through, Janus is killed and started again with the same configuration.
    await api.next('keepalive');
    await janus.kill();
    janus = await startJanus({ secret: SECRET, dir, ...ports });

    people.push(await enterMeeting(server, users[3]!, code));
    await expectBackOnSfu(server, people, before);
  }, 60_000);
});

/**
 * A Janus that answers "no such room" (426) for every room the server places a meeting in (here a relay sends
 * the server's `allowed` requests to a room Janus does not have): the server places the meeting again once, then
 * gives up and keeps it a mesh, where it used to place it in new room after new room forever.
 */
describe('a Janus that loses every room (real Janus)', () => {
  let janus: JanusProcess;
  let api: CountingRelay;
  let server: TestServer;
  let users: TestUser[];

  beforeAll(async () => {
    janus = await startJanus({ secret: SECRET });
    api = await startCountingRelay(janus.url, (message) => {
      const body = message.body as { request?: unknown; action?: unknown } | undefined;
      if (body?.request !== 'allowed' || body.action !== 'add') return message;
      return { ...message, body: { ...body, room: 'wava-never-created' } };
    });
    server = await startTestServer({
      env: {
        WAVA_SFU_URLS: api.url,
        WAVA_SFU_ADMIN_URLS: janus.adminUrl,
        WAVA_SFU_SECRET: SECRET,
        WAVA_SFU_THRESHOLD: '2',
      },
    });
    users = await Promise.all(Array.from({ length: 3 }, (_, i) => registerUser(server.api, `Person ${i + 1}`)));
  });
  afterAll(async () => {
    await server?.dispose();
    await api?.close();
    await janus?.stop();
  });
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });

  it('places the meeting again at most once, then keeps it a mesh', async () => {
    const code = await newMeeting(server.api, users[0]!);
    const people = [await enterMeeting(server, users[0]!, code), await enterMeeting(server, users[1]!, code)];
    people.push(await enterMeeting(server, users[2]!, code));

    // Each answer waits for the meeting's changes queued before it: a server placing the meeting again and again
    // makes at least one more room in between.
    for (let i = 0; i < 5; i++) {
      const answer = await request(people[2]!.socket, 'sfu:credentials', {});
      expect(answer).toMatchObject({ ok: true, data: { mode: 'mesh' } });
    }
    expect((await janusRooms(janus.url, SECRET)).length).toBeLessThanOrEqual(2);
    expect(people.flatMap((person) => person.modes.all).filter(isSfu)).toEqual([]);
  }, 60_000);
});

/** Everyone (the newcomer last) is told a newer placement on the SFU, one room for all, where the newcomer publishes. */
async function expectBackOnSfu(server: TestServer, people: MeetingPerson[], before: SfuMode): Promise<void> {
  const after = await Promise.all(
    people.map((person) => person.modes.next((mode) => isSfu(mode) && mode.generation > before.generation)),
  );
  const modes = after as SfuMode[];
  expect(new Set(modes.map((mode) => mode.room)).size).toBe(1);
  expect(modes[0]!.room).not.toBe(before.room);
  const newcomer = modes.at(-1)!;
  const { janus, joined } = await joinAsPublisher(proxyUrl(server.url, newcomer), newcomer.token, newcomer.room, 'x');
  expect(joined).toMatchObject({ videoroom: 'joined', id: newcomer.publisherId });
  janus.close();
}

const sfuOf = (person: MeetingPerson) => person.modes.next(isSfu) as Promise<SfuMode>;
