import type { SfuMode } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { useRedis } from './useRedis.js';
import { startHoldingRelay, type HoldingRelay } from '../sfu/holdingRelay.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';
import { recordedLog } from './recordedLog.js';

/** What the servers logged (pino's JSON lines). */
const { logger, logged } = recordedLog('info');

/** The meeting the servers logged as placed on the SFU. */
function placedMeetingId(): string | undefined {
  const meetingId = logged.find((record) => record.msg === 'meeting placed on the SFU')?.meetingId;
  expect(meetingId).toBeDefined();
  return meetingId;
}

const redis = useRedis();

/**
 * A Janus slow to answer (each request may take up to openJanusSocket's timeout) while a meeting moves or its
 * grace ends: the meeting's lock (30 s) is held only for the store and the new room, and the room it leaves behind
 * goes with Janus after it. The servers talk to the Janus API through a relay that holds that room's `destroy`.
 */
describe('a slow Janus while a meeting leaves a room behind (real Janus, PostgreSQL, Redis)', () => {
  let relay: HoldingRelay | undefined;
  // Registered first, so that it runs after the deployment's servers are gone.
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
  });
  const { janus, deployment } = useGraceDeployment();
  const rooms = () => janusRooms(janus().url, SFU_SECRET);

  /** A relay to Janus (closed after the test) that holds the `destroy` of the room `slowRoom.name` names. */
  async function holdingDestroyOf(slowRoom: { name?: string }): Promise<HoldingRelay> {
    const slow = await startHoldingRelay(
      janus().url,
      (body) => body.request === 'destroy' && body.room === slowRoom.name,
    );
    relay = slow;
    return slow;
  }

  it('places a meeting growing past a grace nobody ended in its new room while Janus is still destroying the old one', async () => {
    const graceMs = 1_000;
    const slowRoom: { name?: string } = {};
    const slow = await holdingDestroyOf(slowRoom);
    const { first, start, enter } = await deployment(graceMs, 6, { WAVA_SFU_URLS: slow.url });
    const second = await start({ logger });
    const onSecond = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await onSecond[0]!.modes.next(isSfu)) as SfuMode;
    slowRoom.name = before.room;
    const meetingId = placedMeetingId();

    // Back to mesh, and the only server keeping the grace stops within it: nobody ends it.
    await request(onSecond[2]!.socket, 'meeting:leave', {});
    await backToMesh(onSecond[0]!);
    await second.dispose();
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));

    // Past the grace, three people on the other server: a new room, and the old one ends (its destroy held).
    const people = [await enter(first, 3), await enter(first, 4), await enter(first, 5)];
    await expect.poll(() => slow.held(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    // Meanwhile the meeting is in its new room already, for everyone, and its lock is free for the next change.
    expect(await redis().exists(`wava:sfu:lock:${meetingId}`)).toBe(0);
    const placed = (await people[0]!.modes.next(isSfu)) as SfuMode;
    expect(placed.room).not.toBe(before.room);
    expect(placed.generation).toBeGreaterThan(before.generation);
    expect(await redis().hgetall(`wava:sfu:meeting:${meetingId}`)).toMatchObject({ mode: 'sfu', room: placed.room });
    expect(await rooms()).toContain(before.room);

    // Janus answers at last: the room left behind goes; the new one stays.
    slow.release();
    await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(before.room);
    expect(await rooms()).toContain(placed.room);
  }, 60_000);

  it('ends a grace without holding the meeting lock while Janus destroys its room: a join elsewhere moves the meeting meanwhile', async () => {
    logged.length = 0;
    const graceMs = 1_000;
    const slowRoom: { name?: string } = {};
    const slow = await holdingDestroyOf(slowRoom);
    const { first, start, enter } = await deployment(graceMs, 4, { WAVA_SFU_URLS: slow.url }, { logger });
    const people = [await enter(first, 0), await enter(first, 1), await enter(first, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    slowRoom.name = before.room;
    const meetingId = placedMeetingId();

    // Back to mesh; the server keeping the grace ends it once it is over, and Janus holds that room's destroy.
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);
    await expect.poll(() => slow.held(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);

    // Meanwhile the meeting's lock is free and its placement names the room no more: nobody goes back into it.
    expect(await redis().exists(`wava:sfu:lock:${meetingId}`)).toBe(0);
    expect(await redis().hget(`wava:sfu:meeting:${meetingId}`, 'room')).toBeNull();
    expect(await rooms()).toContain(before.room);

    // Someone joining through another server takes the meeting past the threshold: a new room, at once.
    const second = await start();
    const newcomer = await enter(second, 3);
    const placed = (await newcomer.modes.next(isSfu)) as SfuMode;
    expect(placed.room).not.toBe(before.room);
    expect(placed.generation).toBeGreaterThan(before.generation);

    // Janus answers at last: the grace's room goes; the new one stays, and everyone is in it.
    slow.release();
    await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(before.room);
    expect(await rooms()).toContain(placed.room);
    await people[0]!.modes.next((mode) => isSfu(mode) && mode.room === placed.room);
  }, 60_000);

  it('destroys the room it made when the meeting lock expired meanwhile and another server took it, storing nothing', async () => {
    logged.length = 0;
    const made: { holding: boolean; room?: string } = { holding: false };
    // Janus holds the creation of the meeting's room (once asked to): long enough for the lock (30 s) to expire.
    const slow = await startHoldingRelay(janus().url, (body) => {
      if (!made.holding || body.request !== 'create') return false;
      made.room = body.room as string;
      return true;
    });
    relay = slow;
    const graceMs = 1_000;
    const { first, enter } = await deployment(graceMs, 5, { WAVA_SFU_URLS: slow.url }, { logger });
    // The meeting on the SFU once (which tells its id), then back to mesh for good (its grace over, its room gone).
    const people = [await enter(first, 0), await enter(first, 1), await enter(first, 2)];
    const before = (await people[0]!.modes.next(isSfu)) as SfuMode;
    const meetingId = placedMeetingId();
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);
    await expect.poll(rooms, { timeout: graceMs + 10_000, interval: 250 }).not.toContain(before.room);

    // Past the threshold again: the server takes the lock and asks Janus for a new room, which Janus holds.
    made.holding = true;
    const third = await enter(first, 3);
    await expect.poll(() => slow.held(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    // The lock expires and another server holds it now; then Janus makes the room.
    const lockKey = `wava:sfu:lock:${meetingId}`;
    expect(await redis().exists(lockKey)).toBe(1);
    await redis().set(lockKey, 'another server', 'PX', 60_000);
    slow.release();

    // The room made under the lost lock is not stored, and goes: nobody is told of it.
    const lost = () =>
      logged.some((record) => record.msg.startsWith('SFU meeting lock lost') && record.meetingId === meetingId);
    await expect.poll(lost, { timeout: 10_000, interval: 50 }).toBe(true);
    await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(made.room);
    expect(await redis().hget(`wava:sfu:meeting:${meetingId}`, 'mode')).toBe('mesh');
    expect(third.modes.all.some(isSfu)).toBe(false);

    // Once the other server lets go of the lock, the next join moves the meeting to the SFU.
    await redis().del(lockKey);
    const next = await enter(first, 4);
    const placed = (await next.modes.next(isSfu)) as SfuMode;
    expect(placed.room).not.toBe(made.room);
    expect(await rooms()).toContain(placed.room);
  }, 60_000);
});
