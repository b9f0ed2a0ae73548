import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seatsKey } from '../../src/cluster/seatScripts.js';
import { createSfuGraceSweep, SFU_ABANDONED_AFTER_START_MS } from '../../src/sfu/createSfuGraceSweep.js';
import { endRoomForEveryone } from '../../src/sfu/endRoomForEveryone.js';
import type { SfuPlacement, SfuStore } from '../../src/sfu/SfuStore.js';
import { useRedis } from './useRedis.js';
import { useJanusInstance } from '../sfu/useJanusInstance.js';
import { quietSfuStore } from './quietSfuStore.js';
import { recordedLog } from './recordedLog.js';

/**
 * Which meetings on the SFU nobody is in any more on a live server (store.abandoned, what the grace sweep puts in
 * a grace): not one whose seats wait on a live server for their people to reconnect, nor one with a ready seat
 * there. Two servers' stores on real Redis; each server's liveness key as createRedisCluster keeps it.
 */
const redis = useRedis();

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const liveness = (serverId: string) => `wava:server:${serverId}`;
/** What the stores logged (pino's JSON lines). */
const { logger, logged } = recordedLog('warn');

/** A server's store, alive (its liveness key set) until `stop`. */
async function server(): Promise<{ id: string; store: SfuStore; stop: () => Promise<number> }> {
  const id = newId('server');
  await redis().set(liveness(id), '1', 'PX', 60_000);
  const store = quietSfuStore(redis(), id, logger);
  return { id, store, stop: () => redis().del(liveness(id)) };
}

/** The meetings of store.abandoned's answer. */
const meetingIds = (abandoned: { meetingId: string }[]) => abandoned.map(({ meetingId }) => meetingId);

/** A meeting placed on the SFU by `store`. */
async function placed(store: SfuStore): Promise<string> {
  const meetingId = newId('meeting');
  const room = newId('wava');
  await store.change(meetingId, async () => ({ mode: 'sfu', generation: 1, instance: 'ws://janus.test:8188', room }));
  return meetingId;
}

describe('SFU meetings every server left (real Redis)', () => {
  it('are not those whose seats wait on a live server for their people, until that server is gone', async () => {
    const first = await server();
    const other = await server();
    const meetingId = await placed(first.store);
    // Its people's connections dropped: no ready seat anywhere, their tokens kept by the server that issued them.
    await first.store.addTokens(new Map([[newId('token'), { meetingId, peerId: 'peer-1', generation: 1 }]]));
    expect(await other.store.abandoned().then(meetingIds)).not.toContain(meetingId);

    await first.stop();
    expect(await other.store.abandoned().then(meetingIds)).toContain(meetingId);
    await other.stop();
  });

  it('are not those with a ready seat on a live server, and no longer listed once back to the mesh', async () => {
    const first = await server();
    const other = await server();
    const meetingId = await placed(first.store);
    const seat = { u: 'user-1', s: 'seat-1', r: 1, srv: other.id, sid: 'socket-1', p: '{}' };
    await redis().hset(seatsKey(meetingId), 'peer-1', JSON.stringify(seat));
    expect(await first.store.abandoned().then(meetingIds)).not.toContain(meetingId);

    await other.stop();
    expect(await first.store.abandoned().then(meetingIds)).toContain(meetingId);
    await first.store.change(meetingId, async (current) => ({ ...current, mode: 'mesh', instance: null, room: null }));
    expect(await first.store.abandoned().then(meetingIds)).not.toContain(meetingId);
    await first.stop();
  });

  it('carry on past an unreadable token entry: it is dropped (logged), its meeting judged on its other tokens', async () => {
    const gone = await server();
    const live = await server();
    const unreadable = async (meetingId: string) => {
      const token = newId('token');
      await redis()
        .multi()
        .set(`wava:sfu:token:${token}`, '{"meetingId":')
        .sadd(`wava:sfu:tokens:${meetingId}`, token)
        .exec();
      return token;
    };
    // Every server that issued tokens in it is gone; one entry cannot be read.
    const left = await placed(gone.store);
    await gone.store.addTokens(new Map([[newId('token'), { meetingId: left, peerId: 'peer-1', generation: 1 }]]));
    const bad = await unreadable(left);
    // A live server waits there for its people to reconnect; one entry cannot be read either.
    const waiting = await placed(live.store);
    await live.store.addTokens(new Map([[newId('token'), { meetingId: waiting, peerId: 'peer-1', generation: 1 }]]));
    await unreadable(waiting);
    // A meeting every server left, with nothing wrong in it.
    const other = await placed(gone.store);
    await gone.store.addTokens(new Map([[newId('token'), { meetingId: other, peerId: 'peer-1', generation: 1 }]]));
    await gone.stop();

    const abandoned = await live.store.abandoned().then(meetingIds);
    expect(abandoned).toEqual(expect.arrayContaining([left, other]));
    expect(abandoned).not.toContain(waiting);
    // The entry admits nobody and is not read again; the meeting still lists the token, so that ending its room
    // takes it out of Janus too.
    expect(await redis().exists(`wava:sfu:token:${bad}`)).toBe(0);
    expect(await live.store.holder(bad)).toBeNull();
    expect(await live.store.tokensOf(left)).toContain(bad);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'unreadable SFU token entry dropped', meetingId: left }),
    );
    await live.stop();
  });

  it('count a previous version’s tokens (no server id) as no live server’s, however many servers are live', async () => {
    const live = await server();
    const legacy = async (meetingId: string) => {
      const token = newId('token');
      const entry = JSON.stringify({ meetingId, peerId: 'peer-old', generation: 1 }); // as written before the id was
      await redis().multi().set(`wava:sfu:token:${token}`, entry).sadd(`wava:sfu:tokens:${meetingId}`, token).exec();
    };
    // Only tokens of the previous version, and no ready seat anywhere: nothing says a live server waits there.
    const old = await placed(live.store);
    await legacy(old);
    // A live server of this version waits there too.
    const mixed = await placed(live.store);
    await legacy(mixed);
    await live.store.addTokens(new Map([[newId('token'), { meetingId: mixed, peerId: 'peer-1', generation: 1 }]]));

    const abandoned = await live.store.abandoned().then(meetingIds);
    expect(abandoned).toContain(old);
    expect(abandoned).not.toContain(mixed);
    await live.stop();
  });
});

/**
 * The grace sweep (createSfuGraceSweep) acts on such a meeting under its lock, judging it again there: the sweep
 * judged it while another server held the lock, and the meeting changed before the sweep had it. Real Redis and a
 * real Janus instance (the meetings' placements name it; their rooms need not exist for their grace to start).
 */
describe('SFU meetings every server left, when the sweep gets their lock (real Redis, real Janus)', () => {
  const { janus, instance } = useJanusInstance(logger);

  /**
   * A meeting on the instance whose only server is gone; a live server's sweep judges it abandoned while a third
   * server holds its lock, changing it meanwhile with `meanwhile` (the placement it returns stored, if any), then
   * lets the sweep have the lock. The meeting's placement once the sweep is over.
   */
  async function sweptAfter(
    meanwhile: (meetingId: string, current: SfuPlacement, live: SfuStore) => Promise<SfuPlacement | null>,
  ): Promise<SfuPlacement> {
    const gone = await server();
    const live = await server();
    const mover = await server();
    const meetingId = newId('meeting');
    const room = newId('wava');
    await gone.store.change(meetingId, async () => ({ mode: 'sfu', generation: 1, instance: janus().url, room }));
    await gone.store.addTokens(new Map([[newId('token'), { meetingId, peerId: 'peer-1', generation: 1 }]]));
    await gone.stop();

    let judged!: () => void;
    const sweepJudged = new Promise<void>((resolve) => (judged = resolve));
    const watched: SfuStore = { ...live.store, abandoned: () => live.store.abandoned().finally(judged) };
    let clock = 0;
    const sweep = createSfuGraceSweep({
      store: watched,
      logger,
      meshGraceMs: 60_000,
      instanceAt: (url) => (url === janus().url ? instance() : null),
      keepsGrace: () => false,
      endRoom: (id, on, ended, lock) =>
        endRoomForEveryone({ store: watched, guard: { endSessionsOf: async () => {} }, logger }, id, on, ended, lock),
      periodic: false,
      now: () => Date.now() + clock,
    });
    clock = SFU_ABANDONED_AFTER_START_MS; // this server has been up long enough to judge
    try {
      await mover.store.change(meetingId, async (current) => {
        sweep.request();
        await sweepJudged;
        return meanwhile(meetingId, current, live.store);
      });
      await sweep.close(); // once the sweep running (waiting for the lock until now) is over
      return await live.store.placement(meetingId);
    } finally {
      await sweep.close();
      await live.stop();
      await mover.stop();
    }
  }

  it('leaves one whose seat on a live server got a token meanwhile (its person reconnecting)', async () => {
    const placement = await sweptAfter(async (meetingId, _current, live) => {
      await live.addTokens(new Map([[newId('token'), { meetingId, peerId: 'peer-2', generation: 1 }]]));
      return null;
    });
    expect(placement.mode).toBe('sfu');
  });

  it('leaves one placed in another room meanwhile to a later sweep, which judges that room afresh', async () => {
    const moved = newId('wava');
    const placement = await sweptAfter(async (_meetingId, current) => ({
      ...current,
      generation: current.generation + 1,
      room: moved,
    }));
    expect(placement).toMatchObject({ mode: 'sfu', generation: 2, room: moved });
  });

  it('graces one still left by every server when it gets the lock', async () => {
    const placement = await sweptAfter(async () => null);
    expect(placement).toMatchObject({ mode: 'mesh', generation: 1, graceLeftMs: expect.any(Number) });
    expect(placement.graceLeftMs).toBeGreaterThan(0);
  });
});
