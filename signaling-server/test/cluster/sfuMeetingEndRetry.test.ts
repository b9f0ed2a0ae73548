import type { SfuMode } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { useRedis } from './useRedis.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';
import { useGraceDeployment } from './useGraceDeployment.js';
import { recordedLog } from './recordedLog.js';

const { logger, logged } = recordedLog('info');

const redis = useRedis();

/**
 * A meeting on the SFU that its host ends while Redis fails partway: taking it off the SFU fails (the meeting's
 * lock not had: the test holds it, as another server stuck in a change would), and what did not need the lock goes
 * all the same; the rest is tried again, so that its room and placement go once Redis lets them. One server.
 */
describe('a meeting on the SFU ended while Redis fails partway (real Janus, PostgreSQL, Redis)', () => {
  const { janus, deployment } = useGraceDeployment();

  it("takes this server's tokens out at once, and the room and placement once the lock can be had", async () => {
    // The server's clock stands still: its sweep never judges the meeting abandoned (it waits for the server to
    // have been up a while), so only the meeting's end can take its room.
    const startedAt = Date.now();
    const { first, enter } = await deployment(2_000, 3, {}, { logger, now: () => startedAt });
    const people = [await enter(first, 0), await enter(first, 1), await enter(first, 2)];
    const placed = (await people[0]!.modes.next(isSfu)) as SfuMode;
    const meetingId = logged.find((record) => record.msg === 'meeting placed on the SFU')?.meetingId;
    expect(meetingId).toBeDefined();
    const tokens = () => redis().scard(`wava:sfu:tokens:${meetingId}`);
    await expect.poll(tokens).toBe(3);

    const lockKey = `wava:sfu:lock:${meetingId}`;
    expect(await redis().set(lockKey, 'elsewhere', 'PX', 60_000, 'NX')).toBe('OK');
    await request(people[0]!.socket, 'meeting:end', {});
    const failed = () =>
      logged.some((record) => record.meetingId === meetingId && record.err?.message?.includes('could not be had'));
    await expect.poll(failed, { timeout: 25_000, interval: 250 }).toBe(true);
    // What needs no lock went: no token of the ended meeting admits anyone any more.
    await expect.poll(tokens).toBe(0);
    expect(await janusRooms(janus().url, SFU_SECRET)).toContain(placed.room);

    // The lock is free again: the meeting's end is tried again, and its room and placement go.
    await redis().del(lockKey);
    await expect
      .poll(() => janusRooms(janus().url, SFU_SECRET), { timeout: 20_000, interval: 250 })
      .not.toContain(placed.room);
    expect(await redis().hget(`wava:sfu:meeting:${meetingId}`, 'room')).toBeNull();
  }, 90_000);
});
