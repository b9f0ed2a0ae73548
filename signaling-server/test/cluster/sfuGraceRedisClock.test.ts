import type { SfuMode } from '@wava/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket } from '../../src/sfu/openJanusSocket.js';
import { SFU_ABANDONED_AFTER_START_MS } from '../../src/sfu/createSfuController.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { newMeeting } from '../support/meetings.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { createPostgresDatabase, type PostgresDatabase } from '../support/postgresDatabase.js';
import { closeAllSockets, request } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { deploymentEnv } from '../support/twoServers.js';
import { registerUser, type TestUser } from '../support/users.js';
import { enterMeeting, type MeetingPerson } from '../sfu/enterMeeting.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';

/** Five minutes: what a server whose clock is off (no NTP) may be apart from the others. */
const SKEW_MS = 5 * 60_000;

/**
 * A room's grace (WAVA_SFU_MESH_GRACE) across servers that do not share a clock, and across every server
 * stopping: the grace is measured by Redis alone, and whoever comes next ends one that is over.
 */
describe('the mesh grace kept by Redis (real Janus, PostgreSQL, Redis)', () => {
  let janus: JanusProcess | undefined;
  let database: PostgresDatabase | undefined;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    janus = await startJanus({ secret: SFU_SECRET });
  });
  afterAll(async () => {
    await janus?.stop();
  });
  afterEach(async () => {
    closeAllSockets();
    closeAllPeerSockets();
    await Promise.allSettled(servers.splice(0).map((server) => server.dispose()));
    await database?.drop();
    database = undefined;
  });

  /** A deployment sharing the file's Janus with a threshold of 2; `start` adds a server (its own clock). */
  async function deployment(graceMs: number, people: number) {
    database = await createPostgresDatabase();
    const env = deploymentEnv(database, {
      WAVA_SFU_URLS: janus!.url,
      WAVA_SFU_ADMIN_URLS: janus!.adminUrl,
      WAVA_SFU_SECRET: SFU_SECRET,
      WAVA_SFU_THRESHOLD: '2',
      WAVA_SFU_MESH_GRACE: `${graceMs}ms`,
    });
    const start = async (now?: () => number) => {
      const server = await startTestServer({ env, ...(now ? { now } : {}) });
      servers.push(server);
      return server;
    };
    const first = await start();
    const users: TestUser[] = [];
    for (let i = 0; i < people; i += 1) users.push(await registerUser(first.api, `Person ${i + 1}`));
    const code = await newMeeting(first.api, users[0]!);
    const enter = (server: TestServer, index: number): Promise<MeetingPerson> =>
      enterMeeting(server, users[index]!, code);
    return { first, start, enter };
  }

  /** Every token Janus takes (admin `list_tokens`). */
  async function janusTokens(): Promise<string[]> {
    const admin = await openJanusSocket(janus!.adminUrl, JANUS_ADMIN_PROTOCOL);
    try {
      const listed = await admin.request({ janus: 'list_tokens', admin_secret: SFU_SECRET });
      return ((listed.data?.tokens ?? []) as { token?: unknown }[]).flatMap(({ token }) =>
        typeof token === 'string' ? [token] : [],
      );
    } finally {
      admin.close();
    }
  }

  /**
   * Three people on the SFU through a second server, then every server stops with the meeting still there (not in a
   * grace): the room it had, and `start` for the next server, `enter` to come back to it.
   */
  async function everyServerStopsOnTheSfu(graceMs: number) {
    const { start, enter } = await deployment(graceMs, 3);
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    closeAllSockets();
    for (const server of servers.splice(0)) await server.dispose();
    return { start, enter, before };
  }

  /** Everyone (three) comes back through `server`: the SFU mode they are told. */
  async function everyoneBack(
    server: TestServer,
    enter: (server: TestServer, index: number) => Promise<MeetingPerson>,
  ) {
    const back = [await enter(server, 0), await enter(server, 1), await enter(server, 2)];
    return (await back[0]!.modes.next(isSfu)) as SfuMode;
  }

  /** The mode `person` heard after their first SFU one: the mesh, back from the SFU. */
  const backToMesh = (person: MeetingPerson) => {
    const sfuAt = person.modes.all.findIndex(isSfu);
    return person.modes.next((mode) => mode.mode === 'mesh' && person.modes.all.indexOf(mode) > sfuAt);
  };

  it('goes back into the room within the grace when the server that decides has a clock minutes ahead', async () => {
    const { first, start, enter } = await deployment(60_000, 4);
    const ahead = await start(() => Date.now() + SKEW_MS);
    const leaving = await enter(first, 0);
    const staying = [await enter(ahead, 1), await enter(ahead, 2)];
    const before = (await staying[0]!.modes.next(isSfu)) as SfuMode;
    await leaving.modes.next(isSfu);

    // The first server moves the meeting to mesh and starts the grace; the people on the other one keep the room.
    await request(leaving.socket, 'meeting:leave', {});
    for (const person of staying) expect(await backToMesh(person)).toMatchObject({ sfuGraceMs: expect.any(Number) });

    // A newcomer on the server whose clock is ahead, seconds later: still within the grace, back into that room.
    const newcomer = await enter(ahead, 3);
    const placedAgain = (await newcomer.modes.next(isSfu)) as SfuMode;
    expect(placedAgain).toMatchObject({ room: before.room, generation: before.generation });
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);
  });

  it('destroys the room of a grace over while every server was stopped: the next server to start does', async () => {
    const graceMs = 4_000; // longer than stopping two servers takes, even on a busy machine
    const { start, enter } = await deployment(graceMs, 3);
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);

    // Every server stops within the grace (a deployment shut down): none is left to end it.
    closeAllSockets();
    for (const server of servers.splice(0)) await server.dispose();
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);
    expect(await janusTokens()).toContain(before.token);
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);

    // The next server to start ends the grace: the room goes, though nobody comes back to the meeting.
    await start();
    await expect
      .poll(() => janusRooms(janus!.url, SFU_SECRET), { timeout: 10_000, interval: 250 })
      .not.toContain(before.room);
    expect(await janusTokens()).not.toContain(before.token);
  });

  it('ends the room of a meeting still on the SFU when every server stopped: the next server graces it, then ends it', async () => {
    const graceMs = 2_000;
    // Every server stops while the meeting is on the SFU (not in a grace): nobody comes back to it.
    const { start, before } = await everyServerStopsOnTheSfu(graceMs);
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);

    // The next server to start finds it left by every server: once nobody came back while it settled, its grace
    // starts, and once over its room goes.
    await start();
    await expect
      .poll(() => janusRooms(janus!.url, SFU_SECRET), {
        timeout: SFU_ABANDONED_AFTER_START_MS + graceMs + 15_000,
        interval: 250,
      })
      .not.toContain(before.room);
    expect(await janusTokens()).not.toContain(before.token);
  });

  it('keeps the room for people who take longer than the grace to come back after every server restarted', async () => {
    const graceMs = 1_000;
    const { start, enter, before } = await everyServerStopsOnTheSfu(graceMs);

    // A server starts again; its people reconnect with their backoff, here later than the grace. Their media went on
    // through Janus meanwhile: the room must still be there, the same one.
    const next = await start();
    await new Promise((resolve) => setTimeout(resolve, graceMs * 3));
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);
    expect(await everyoneBack(next, enter)).toMatchObject({ room: before.room, generation: before.generation });
  });

  it('takes people back into their room when they come back within that grace, after every server stopped', async () => {
    const { start, enter, before } = await everyServerStopsOnTheSfu(60_000);

    // A server starts again (it graces the meeting) and everyone comes back to it: the same room, still there.
    const next = await start();
    expect(await everyoneBack(next, enter)).toMatchObject({ room: before.room, generation: before.generation });
    expect(await janusRooms(janus!.url, SFU_SECRET)).toContain(before.room);
  });
});
