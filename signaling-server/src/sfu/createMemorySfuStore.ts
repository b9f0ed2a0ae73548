import { performance } from 'node:perf_hooks';
import { createListeners } from '../events/createListeners.js';
import { MESH, type SfuLock, type SfuPlacement, type SfuStore, type SfuTokenHolder } from './SfuStore.js';

/**
 * One server's SFU store. Changes of one meeting already run one at a time (the controller's queue), so the
 * lock is that queue; `readyCount` is this server's ready seats. A meeting back to mesh is kept (its generation)
 * until nobody is left in it.
 */
export function createMemorySfuStore(readyCount: (meetingId: string) => number): SfuStore {
  const placements = new Map<string, SfuPlacement>();
  /** Meeting id -> when the grace of the room its mesh placement names is over (performance.now()). */
  const graceEnds = new Map<string, number>();
  const tokens = new Map<string, SfuTokenHolder>();
  const changed = createListeners<[string]>();
  const revoked = createListeners<[readonly string[]]>();
  const dropped = createListeners<[readonly string[]]>();
  /** The locks of the changes running -> whether the meeting's tokens go with their placement. */
  const dropsWith = new Map<SfuLock, boolean>();

  function placement(meetingId: string): SfuPlacement {
    const stored = placements.get(meetingId) ?? MESH;
    const end = graceEnds.get(meetingId);
    if (stored.mode !== 'mesh' || stored.room === null || end === undefined) return stored;
    return { ...stored, graceLeftMs: Math.max(0, end - performance.now()) };
  }

  function tokensOf(meetingId: string): string[] {
    return [...tokens].filter(([, holder]) => holder.meetingId === meetingId).map(([token]) => token);
  }

  return {
    shared: false,
    placement: async (meetingId) => placement(meetingId),
    async change(meetingId, change) {
      const current = placement(meetingId);
      // One server: nobody else takes the lock, so it is never lost.
      const lock: SfuLock = { meetingId, owner: 'this-server' };
      dropsWith.set(lock, false);
      let next: SfuPlacement | null;
      let drops = false;
      try {
        next = await change(current, lock);
        drops = dropsWith.get(lock) === true;
      } finally {
        dropsWith.delete(lock);
      }
      if (!next) return [];
      const { graceLeftMs, ...stored } = next;
      const inGrace = stored.mode === 'mesh' && stored.room !== null;
      if (!inGrace) graceEnds.delete(meetingId);
      else if (!(current.mode === 'mesh' && current.room === stored.room)) {
        graceEnds.set(meetingId, performance.now() + (graceLeftMs ?? 0));
      }
      placements.set(meetingId, stored);
      // The tokens asked to go with it (dropTokens), in the same step: no await in between.
      const dropping = drops ? tokensOf(meetingId) : [];
      for (const token of dropping) tokens.delete(token);
      if (dropping.length > 0) dropped.emit(dropping);
      changed.emit(meetingId);
      return dropping;
    },
    readyCount: async (meetingId) => readyCount(meetingId),
    async loads() {
      const loads = new Map<string, number>();
      for (const { instance } of placements.values()) {
        if (instance !== null) loads.set(instance, (loads.get(instance) ?? 0) + 1);
      }
      return loads;
    },
    async addTokens(added) {
      for (const [token, holder] of added) tokens.set(token, holder);
    },
    async removeTokens(removed) {
      for (const token of removed) tokens.delete(token);
      if (removed.length > 0) revoked.emit(removed);
    },
    holder: async (token) => tokens.get(token) ?? null,
    tokensOf: async (meetingId) => tokensOf(meetingId),
    dropTokens(lock) {
      if (!dropsWith.has(lock)) throw new Error('dropTokens is only for a change holding its lock');
      dropsWith.set(lock, true);
    },
    async expiredGraces() {
      return [...placements.keys()].filter((meetingId) => placement(meetingId).graceLeftMs === 0);
    },
    // One server: its meetings go with it (its Janus instances are cleaned up when it connects again).
    abandoned: async () => [],
    leftByEveryServer: async () => false,
    // One server: its guard's own loop already runs one audit of an instance at a time, paced.
    auditInstance: (_instance, _kind, _pace, audit) => audit(),
    forget(meetingId) {
      if (placements.get(meetingId)?.mode === 'mesh') {
        placements.delete(meetingId);
        graceEnds.delete(meetingId);
      }
    },
    onChanged: changed.add,
    onRevoked: revoked.add,
    onDropped: dropped.add,
  };
}
