import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { STORE_PLACEMENT_SCRIPT } from '../../src/cluster/sfuLockScripts.js';
import type { JanusInstance } from '../../src/sfu/createJanusInstance.js';
import { createSfuGraceSweep, type SfuGraceSweep } from '../../src/sfu/createSfuGraceSweep.js';
import { createSfuMoves } from '../../src/sfu/createSfuMoves.js';
import { createSfuRoomPlacer } from '../../src/sfu/createSfuRoomPlacer.js';
import { endRoomForEveryone } from '../../src/sfu/endRoomForEveryone.js';
import { SfuLockLostError } from '../../src/sfu/SfuLockLostError.js';
import { createSfuMeetingState } from '../../src/sfu/SfuMeetingState.js';
import type { SfuStore } from '../../src/sfu/SfuStore.js';
import { useRedis } from './useRedis.js';
import { janusRooms, janusTokens, SFU_SECRET } from '../sfu/sfuSupport.js';
import { useJanusInstance } from '../sfu/useJanusInstance.js';
import { expireSfuLock } from './expireSfuLock.js';
import { quietSfuStore } from './quietSfuStore.js';
import { recordedLog } from './recordedLog.js';

/**
 * A room ended for everyone (endRoomForEveryone) by a server whose meeting lock is lost (expired, taken by another
 * server) after the room's tokens are taken out of Redis and before the placement forgetting the room is stored.
 * Those tokens must not leave Redis without leaving Janus too: either both happen (the lock still held) or
 * neither (the lock lost: whoever has it then ends the room, tokens and all). Two servers' grace sweeps and a
 * meeting growing past the threshold (createSfuMoves), real Redis and a real Janus; the first server's Redis
 * connection loses the lock right before the placement write.
 */
const redis = useRedis();
const { logger, logged } = recordedLog('warn');
const { janus, instance } = useJanusInstance(logger);

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/**
 * `redis` whose next placement write of `meetingId` (STORE_PLACEMENT_SCRIPT) first runs `before` (once): what
 * happens between the holder's last step under the lock and that write.
 */
function beforePlacementWrite(meetingId: string, before: () => Promise<void>): Redis {
  let pending: (() => Promise<void>) | null = before;
  return new Proxy(redis(), {
    get(target, property) {
      if (property === 'eval') {
        return async (script: string, numberOfKeys: number, ...args: (string | number)[]) => {
          if (script === STORE_PLACEMENT_SCRIPT && args.includes(`wava:sfu:meeting:${meetingId}`) && pending) {
            const step = pending;
            pending = null;
            await step();
          }
          return target.eval(script, numberOfKeys, ...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const storeOn = (connection: Redis): SfuStore => quietSfuStore(connection, newId('server'), logger);

const instanceAt = (url: string | null) => (url === janus().url ? instance() : null);
const endRoom =
  (store: SfuStore) =>
  (meetingId: string, on: JanusInstance, room: string, lock: Parameters<SfuStore['dropTokens']>[0]) =>
    endRoomForEveryone({ store, guard: { endSessionsOf: async () => {} }, logger }, meetingId, on, room, lock);

/** A server's grace sweep over `store`, ending rooms on this test's Janus (as createSfuController wires it). */
function sweepOf(store: SfuStore): SfuGraceSweep {
  return createSfuGraceSweep({
    store,
    logger,
    meshGraceMs: 60_000,
    instanceAt,
    keepsGrace: () => false,
    endRoom: endRoom(store),
    periodic: false,
    now: Date.now,
  });
}

/**
 * A meeting that left its room on Janus for the mesh, whose grace is over with nobody to end it (every server
 * keeping it stopped): the room and its people's tokens still in Janus and in Redis.
 */
async function graceNobodyEnded(store: SfuStore): Promise<{ meetingId: string; room: string; tokens: string[] }> {
  const meetingId = newId('meeting');
  const room = newId('wava');
  const tokens = [newId('token'), newId('token')];
  await instance().createRoom(room, { publishers: 4, allowed: [] });
  await instance().allow(room, tokens);
  await store.change(meetingId, async () => ({ mode: 'sfu', generation: 1, instance: janus().url, room }));
  await store.addTokens(new Map(tokens.map((token, i) => [token, { meetingId, peerId: `peer-${i}`, generation: 1 }])));
  await store.change(meetingId, async (current) => ({ ...current, mode: 'mesh', graceLeftMs: 1 }));
  await expect.poll(async () => (await store.placement(meetingId)).graceLeftMs).toBe(0);
  return { meetingId, room, tokens };
}

/** The first server's sweep gave up ending the meeting's grace (its change failed: nothing stored). */
async function gaveUp(meetingId: string): Promise<void> {
  await expect
    .poll(() => logged.some((record) => record.msg === 'could not end an SFU grace' && record.meetingId === meetingId))
    .toBe(true);
}

/** Which of `tokens` Redis still holds (a holder), and which Janus still takes. */
async function whereTokensAre(store: SfuStore, tokens: readonly string[]) {
  const inJanus = new Set(await janusTokens(janus().adminUrl, SFU_SECRET));
  const inRedis = await Promise.all(tokens.map(async (token) => (await store.holder(token)) !== null));
  return {
    inRedis: tokens.filter((_token, i) => inRedis[i]),
    inJanus: tokens.filter((token) => inJanus.has(token)),
  };
}

describe('a room ended for everyone under a meeting lock lost before the placement write (real Redis, real Janus)', () => {
  it('leaves its tokens in Redis and in Janus, and the other server ending the room takes them out of both', async () => {
    const other = storeOn(redis());
    const otherSweep = sweepOf(other);
    const { meetingId, room, tokens } = await graceNobodyEnded(other);
    // The first server's lock is lost right before its placement write; the other server's sweep then ends the
    // same grace, holding the lock.
    const first = storeOn(
      beforePlacementWrite(meetingId, async () => {
        await expireSfuLock(redis(), meetingId);
        otherSweep.request();
        await expect.poll(() => other.placement(meetingId)).toMatchObject({ room: null });
      }),
    );
    const firstSweep = sweepOf(first);
    try {
      firstSweep.request();
      await gaveUp(meetingId);

      expect(logged).toContainEqual(
        expect.objectContaining({ msg: 'SFU meeting lock lost before a write under it: nothing written', meetingId }),
      );
      expect(await other.placement(meetingId)).toEqual({ mode: 'mesh', generation: 1, instance: null, room: null });
      // No token admits any more anywhere: none left in Janus that nobody will ever revoke.
      await expect.poll(() => whereTokensAre(other, tokens)).toEqual({ inRedis: [], inJanus: [] });
      await expect.poll(() => janusRooms(janus().url, SFU_SECRET)).not.toContain(room);
    } finally {
      await firstSweep.close();
      await otherSweep.close();
    }
  }, 30_000);

  it('leaves its tokens in Redis and in Janus when the lock was lost to a server that changed nothing; a later sweep ends both', async () => {
    const store = storeOn(redis());
    const { meetingId, room, tokens } = await graceNobodyEnded(store);
    const first = storeOn(beforePlacementWrite(meetingId, () => expireSfuLock(redis(), meetingId)));
    const firstSweep = sweepOf(first);
    try {
      firstSweep.request();
      await gaveUp(meetingId);
      // Neither: the room is still named, its tokens still admit (Redis and Janus agree).
      expect(await store.placement(meetingId)).toMatchObject({ mode: 'mesh', room, graceLeftMs: 0 });
      expect(await whereTokensAre(store, tokens)).toEqual({ inRedis: tokens, inJanus: tokens });

      // Both: the next sweep, its lock held, ends the room, its tokens out of Redis and Janus.
      firstSweep.request();
      await expect
        .poll(() => store.placement(meetingId))
        .toEqual({ mode: 'mesh', generation: 1, instance: null, room: null });
      await expect.poll(() => whereTokensAre(store, tokens)).toEqual({ inRedis: [], inJanus: [] });
      await expect.poll(() => janusRooms(janus().url, SFU_SECRET)).not.toContain(room);
    } finally {
      await firstSweep.close();
    }
  }, 30_000);

  it('leaves the old room’s tokens in Redis and in Janus when a meeting growing past such a grace loses its lock: its new room goes', async () => {
    const store = storeOn(redis());
    const { meetingId, room, tokens } = await graceNobodyEnded(store);
    const first = storeOn(beforePlacementWrite(meetingId, () => expireSfuLock(redis(), meetingId)));
    const rooms = await janusRooms(janus().url, SFU_SECRET);
    const moves = createSfuMoves({
      settings: {
        urls: [janus().url],
        adminUrls: [janus().adminUrl],
        publicUrls: null,
        secret: SFU_SECRET,
        threshold: 2,
        maxParticipants: 4,
        lastN: 9,
        meshGraceMs: 60_000,
        talking: { packets: 50, level: 50 },
      },
      store: { change: first.change, readyCount: async () => 3 },
      placer: createSfuRoomPlacer({ store: first, instances: [instance()], instanceAt, publishers: 4, logger }),
      instanceAt,
      endRoom: endRoom(first),
      sync: async () => undefined,
      logger,
    });

    await expect(
      moves.grow(
        meetingId,
        createSfuMeetingState(() => {}),
      ),
    ).rejects.toBeInstanceOf(SfuLockLostError);

    // Neither: the old room is still named and its tokens still admit (Redis and Janus agree); the room made for
    // the move is gone again.
    expect(await store.placement(meetingId)).toMatchObject({ mode: 'mesh', room, graceLeftMs: 0 });
    expect(await whereTokensAre(store, tokens)).toEqual({ inRedis: tokens, inJanus: tokens });
    expect((await janusRooms(janus().url, SFU_SECRET)).sort()).toEqual(rooms.sort());
  }, 30_000);
});
