import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { SFU_ABANDONED_AFTER_START_MS } from '../../src/sfu/createSfuGraceSweep.js';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket } from '../../src/sfu/openJanusSocket.js';
import { request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { MeetingPerson } from '../sfu/enterMeeting.js';
import { handlesWithToken, isSfu, janusRooms, janusTokens, joinAsPublisher, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';

/**
 * The grace sweep (createSfuGraceSweep): what no server is left to end, the next server to look ends. A grace
 * over while every server keeping it was stopped, and a meeting still on the SFU that every server left (it goes
 * into the grace first, so that people coming back go into its room).
 */
describe('the SFU grace sweep (real Janus, PostgreSQL, Redis)', () => {
  const { janus, deployment } = useGraceDeployment();

  const tokens = () => janusTokens(janus().adminUrl, SFU_SECRET);
  const rooms = () => janusRooms(janus().url, SFU_SECRET);

  /**
   * Three people on the SFU through a second server, then every server stops with the meeting still there (not in a
   * grace): the room it had, and `start` for the next server, `enter` to come back to it.
   */
  async function everyServerStopsOnTheSfu(graceMs: number) {
    const { start, enter, stopEveryServer } = await deployment(graceMs, 3);
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    await stopEveryServer();
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

  it('destroys the room of a grace over while every server was stopped: the next server to start does', async () => {
    const graceMs = 4_000; // longer than stopping two servers takes, even on a busy machine
    const { start, enter, stopEveryServer } = await deployment(graceMs, 3);
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);

    // Every server stops within the grace (a deployment shut down): none is left to end it.
    await stopEveryServer();
    expect(await rooms()).toContain(before.room);
    expect(await tokens()).toContain(before.token);
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));
    expect(await rooms()).toContain(before.room);

    // The next server to start ends the grace: the room goes, though nobody comes back to the meeting.
    await start();
    await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(before.room);
    expect(await tokens()).not.toContain(before.token);
  });

  it('ends the Janus session of a client talking to Janus itself (direct mode) when the grace it ends is over', async () => {
    const graceMs = 4_000; // longer than stopping two servers takes, even on a busy machine
    const direct = { WAVA_SFU_PUBLIC_URLS: janus().url };
    const { start, enter, stopEveryServer } = await deployment(graceMs, 3, direct);
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    // The first person publishes in the room at Janus's own address, with their token: no proxy in between.
    const publisher = await joinAsPublisher(before.url, before.token, before.room, before.publisherId);
    try {
      expect(publisher.joined).toMatchObject({ videoroom: 'joined' });
      await request(people[2]!.socket, 'meeting:leave', {});
      await backToMesh(people[0]!);
      // Every server stops within the grace; the session lives on at Janus (its client keeps it).
      await stopEveryServer();
      await new Promise((resolve) => setTimeout(resolve, graceMs + 500));
      const admin = await openJanusSocket(janus().adminUrl, JANUS_ADMIN_PROTOCOL);
      try {
        expect(await handlesWithToken(admin, SFU_SECRET, before.token)).not.toEqual([]);

        // The next server to start ends the grace: the room goes, and so does the session its token opened.
        await start();
        await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(before.room);
        await expect
          .poll(() => handlesWithToken(admin, SFU_SECRET, before.token), { timeout: 10_000, interval: 250 })
          .toEqual([]);
      } finally {
        admin.close();
      }
    } finally {
      publisher.janus.close();
    }
  });

  it('ends the room of a meeting still on the SFU when every server stopped: the next server graces it, then ends it', async () => {
    const graceMs = 2_000;
    // Every server stops while the meeting is on the SFU (not in a grace): nobody comes back to it.
    const { start, before } = await everyServerStopsOnTheSfu(graceMs);
    expect(await rooms()).toContain(before.room);

    // The next server to start finds it left by every server: once nobody came back while it settled, its grace
    // starts, and once over its room goes.
    await start();
    await expect
      .poll(rooms, { timeout: SFU_ABANDONED_AFTER_START_MS + graceMs + 15_000, interval: 250 })
      .not.toContain(before.room);
    expect(await tokens()).not.toContain(before.token);
  });

  it('keeps the room for people who take longer than the grace to come back after every server restarted', async () => {
    const graceMs = 1_000;
    const { start, enter, before } = await everyServerStopsOnTheSfu(graceMs);

    // A server starts again; its people reconnect with their backoff, here later than the grace. Their media went on
    // through Janus meanwhile: the room must still be there, the same one.
    const next = await start();
    await new Promise((resolve) => setTimeout(resolve, graceMs * 3));
    expect(await rooms()).toContain(before.room);
    expect(await everyoneBack(next, enter)).toMatchObject({ room: before.room, generation: before.generation });
  });

  it('takes people back into their room when they come back within that grace, after every server stopped', async () => {
    const { start, enter, before } = await everyServerStopsOnTheSfu(60_000);

    // A server starts again (it graces the meeting) and everyone comes back to it: the same room, still there.
    const next = await start();
    expect(await everyoneBack(next, enter)).toMatchObject({ room: before.room, generation: before.generation });
    expect(await rooms()).toContain(before.room);
  });
});
