import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SfuLockLostError } from '../../src/sfu/SfuLockLostError.js';
import type { SfuPlacement, SfuStore } from '../../src/sfu/SfuStore.js';
import { useRedis } from './useRedis.js';
import { expireSfuLock } from './expireSfuLock.js';
import { quietSfuStore } from './quietSfuStore.js';
import { recordedLog } from './recordedLog.js';

/**
 * Writes under a meeting's SFU lock are fenced: a server whose lock expired while it was changing the meeting (a
 * long pause, a slow Redis) and was taken by another server writes nothing, so the other's change stands. Two
 * servers' stores on real Redis; the first one's lock expires in the middle of its change (PEXPIRE, as Redis
 * does after 30 s), then the other server changes the meeting.
 */
const redis = useRedis();

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const INSTANCE = 'ws://janus.test:8188';
/** What the stores logged (pino's JSON lines). */
const { logger, logged } = recordedLog('warn');

const store = (): SfuStore => quietSfuStore(redis(), newId('server'), logger);

const loadOf = async (instance: string) => Number(await redis().hget('wava:sfu:loads', instance));

describe('writes under an SFU meeting lock that was lost (real Redis)', () => {
  it('do not store a placement once the lock expired and another server changed the meeting: its change stands', async () => {
    const first = store();
    const other = store();
    const meetingId = newId('meeting');
    const onSfu: SfuPlacement = { mode: 'sfu', generation: 1, instance: INSTANCE, room: newId('wava') };
    await first.change(meetingId, async () => onSfu);
    const load = await loadOf(INSTANCE);

    // The first server moves the meeting to another room; meanwhile its lock expires, and the other server takes
    // the meeting back to mesh (its room destroyed at once).
    const moving = first.change(meetingId, async (current) => {
      await expireSfuLock(redis(), meetingId);
      await other.change(meetingId, async (seen) => ({ ...seen, mode: 'mesh', instance: null, room: null }));
      return { ...current, generation: current.generation + 1, room: newId('wava') };
    });

    await expect(moving).rejects.toBeInstanceOf(SfuLockLostError);
    expect(await other.placement(meetingId)).toEqual({ mode: 'mesh', generation: 1, instance: null, room: null });
    expect(await redis().sismember('wava:sfu:placed', meetingId)).toBe(0);
    // The room left counts on its instance no more.
    expect(await loadOf(INSTANCE)).toBe(load - 1);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'SFU meeting lock lost before a write under it: nothing written', meetingId }),
    );
  });

  it('do not drop the tokens of a meeting that went back into its room meanwhile', async () => {
    const first = store();
    const other = store();
    const meetingId = newId('meeting');
    const room = newId('wava');
    await first.change(meetingId, async () => ({ mode: 'sfu', generation: 1, instance: INSTANCE, room }));
    const token = newId('token');
    await other.addTokens(new Map([[token, { meetingId, peerId: 'peer-1', generation: 1 }]]));
    // Back to mesh; the room is kept for the grace.
    await other.change(meetingId, async (current) => ({ ...current, mode: 'mesh', graceLeftMs: 60_000 }));

    // The first server ends the room for everyone; meanwhile its lock expires, and the meeting grows again on the
    // other server: back into the room, whose tokens admit its people again.
    const ending = first.change(meetingId, async (current, lock) => {
      await expireSfuLock(redis(), meetingId);
      await other.change(meetingId, async (seen) => ({ ...seen, mode: 'sfu' }));
      first.dropTokens(lock);
      return { ...current, mode: 'mesh', instance: null, room: null };
    });

    await expect(ending).rejects.toBeInstanceOf(SfuLockLostError);
    expect(await other.holder(token)).toEqual({ meetingId, peerId: 'peer-1', generation: 1 });
    expect(await other.tokensOf(meetingId)).toEqual([token]);
    expect(await other.placement(meetingId)).toEqual({ mode: 'sfu', generation: 1, instance: INSTANCE, room });
  });

  it('store as before while the lock is held: a placement, and the tokens dropped with a room left for good', async () => {
    const first = store();
    const meetingId = newId('meeting');
    const room = newId('wava');
    await first.change(meetingId, async () => ({ mode: 'sfu', generation: 1, instance: INSTANCE, room }));
    const tokens = [newId('token'), newId('token')];
    await first.addTokens(new Map(tokens.map((token) => [token, { meetingId, peerId: token, generation: 1 }])));

    const dropped = await first.change(meetingId, async (current, lock) => {
      first.dropTokens(lock);
      return { ...current, mode: 'mesh', instance: null, room: null };
    });

    expect(dropped.sort()).toEqual([...tokens].sort());
    expect(await first.tokensOf(meetingId)).toEqual([]);
    expect(await first.holder(tokens[0]!)).toBeNull();
    expect(await first.placement(meetingId)).toEqual({ mode: 'mesh', generation: 1, instance: null, room: null });
    expect(await redis().exists(`wava:sfu:lock:${meetingId}`)).toBe(0);
  });
});
