import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import { useRedis } from './useRedis.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';
import { recordedLog } from './recordedLog.js';

const { logger, logged } = recordedLog('info');

const redis = useRedis();

/** The SFU state meetings the server keeps (`wava_sfu_meetings_held`). */
async function meetingsHeld(server: TestServer): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^wava_sfu_meetings_held (\d+)$/m.exec(metrics)?.[1]);
}

/**
 * A room's grace (WAVA_SFU_MESH_GRACE) whose end fails: the server keeping it tries again (GRACE_END_RETRY_MS),
 * so that its room goes and the meeting is forgotten, rather than kept for ever (the grace sweep leaves alone a
 * grace a server keeps). One server with Redis; the test holds the meeting's lock as another server stuck in a
 * change would.
 */
describe('the end of an SFU grace that failed (real Janus, PostgreSQL, Redis)', () => {
  const { janus, deployment } = useGraceDeployment();

  it('ends the grace once the meeting lock it could not have is free again, and forgets the meeting', async () => {
    const graceMs = 2_000;
    const { first, enter } = await deployment(graceMs, 3, {}, { logger });
    const people = [await enter(first, 0), await enter(first, 1), await enter(first, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    const meetingId = logged.find((record) => record.msg === 'meeting placed on the SFU')?.meetingId;
    expect(meetingId).toBeDefined();
    const lockKey = `wava:sfu:lock:${meetingId}`;

    // Back to mesh; the room is kept for the grace. Within it, something else holds the meeting's lock (kept
    // until the test lets go of it), and everyone leaves: only the grace keeps the meeting here.
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);
    expect(await redis().set(lockKey, 'elsewhere', 'PX', 60_000, 'NX')).toBe('OK');
    await request(people[1]!.socket, 'meeting:leave', {});
    await request(people[0]!.socket, 'meeting:leave', {});

    // The grace is over; ending it fails (the lock not had within its wait).
    const failed = () =>
      logged.some((record) => record.meetingId === meetingId && record.err?.message?.includes('could not be had'));
    await expect.poll(failed, { timeout: graceMs + 25_000, interval: 250 }).toBe(true);
    expect(await janusRooms(janus().url, SFU_SECRET)).toContain(before.room);
    expect(await meetingsHeld(first)).toBe(1);

    // The lock is free again: the grace ends after all, its room goes, and the server forgets the meeting.
    await redis().del(lockKey);
    await expect
      .poll(() => janusRooms(janus().url, SFU_SECRET), { timeout: 20_000, interval: 250 })
      .not.toContain(before.room);
    await expect.poll(() => meetingsHeld(first)).toBe(0);
    expect(await redis().hget(`wava:sfu:meeting:${meetingId}`, 'room')).toBeNull();
  }, 90_000);
});
