import type { SfuMode } from '@wava/protocol';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/sockets.js';
import { redisUrl } from '../support/twoServers.js';
import { startHoldingRelay, type HoldingRelay } from '../sfu/holdingRelay.js';
import { isSfu, janusRooms, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';

/** What the servers logged (pino's JSON lines). */
const logged: { msg: string; meetingId?: string }[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisUrl());
});
afterAll(async () => {
  await redis.quit();
});

/**
 * A Janus slow to answer (each request may take up to openJanusSocket's timeout) while a meeting moves: the
 * meeting's lock (30 s) is held only for the store and the new room, and the room it leaves behind goes with
 * Janus after it. The servers talk to the Janus API through a relay that holds that room's `destroy`.
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

  it('places a meeting growing past a grace nobody ended in its new room while Janus is still destroying the old one', async () => {
    const graceMs = 1_000;
    const slowRoom: { name?: string } = {};
    const slow = await startHoldingRelay(
      janus().url,
      (body) => body.request === 'destroy' && body.room === slowRoom.name,
    );
    relay = slow;
    const { first, start, enter } = await deployment(graceMs, 6, { WAVA_SFU_URLS: slow.url });
    const second = await start({ logger });
    const onSecond = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const before = (await onSecond[0]!.modes.next(isSfu)) as SfuMode;
    slowRoom.name = before.room;
    const meetingId = logged.find((record) => record.msg === 'meeting placed on the SFU')?.meetingId;
    expect(meetingId).toBeDefined();

    // Back to mesh, and the only server keeping the grace stops within it: nobody ends it.
    await request(onSecond[2]!.socket, 'meeting:leave', {});
    await backToMesh(onSecond[0]!);
    await second.dispose();
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));

    // Past the grace, three people on the other server: a new room, and the old one ends (its destroy held).
    const people = [await enter(first, 3), await enter(first, 4), await enter(first, 5)];
    await expect.poll(() => slow.held(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    // Meanwhile the meeting is in its new room already, for everyone, and its lock is free for the next change.
    expect(await redis.exists(`wava:sfu:lock:${meetingId}`)).toBe(0);
    const placed = (await people[0]!.modes.next(isSfu)) as SfuMode;
    expect(placed.room).not.toBe(before.room);
    expect(placed.generation).toBeGreaterThan(before.generation);
    expect(await redis.hgetall(`wava:sfu:meeting:${meetingId}`)).toMatchObject({ mode: 'sfu', room: placed.room });
    expect(await rooms()).toContain(before.room);

    // Janus answers at last: the room left behind goes; the new one stays.
    slow.release();
    await expect.poll(rooms, { timeout: 10_000, interval: 250 }).not.toContain(before.room);
    expect(await rooms()).toContain(placed.room);
  }, 60_000);
});
