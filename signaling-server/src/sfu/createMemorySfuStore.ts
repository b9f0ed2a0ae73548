import { createListeners } from '../events/createListeners.js';
import { MESH, type SfuPlacement, type SfuStore, type SfuTokenHolder } from './SfuStore.js';

/**
 * One server's SFU store. Changes of one meeting already run one at a time (the controller's queue), so the
 * lock is that queue; `readyCount` is this server's ready seats. A meeting back to mesh is kept (its generation)
 * until nobody is left in it.
 */
export function createMemorySfuStore(readyCount: (meetingId: string) => number): SfuStore {
  const placements = new Map<string, SfuPlacement>();
  const tokens = new Map<string, SfuTokenHolder>();
  const changed = createListeners<[string]>();
  const revoked = createListeners<[readonly string[]]>();

  return {
    shared: false,
    placement: async (meetingId) => placements.get(meetingId) ?? MESH,
    async change(meetingId, change) {
      const next = await change(placements.get(meetingId) ?? MESH);
      if (!next) return;
      placements.set(meetingId, next);
      changed.emit(meetingId);
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
    forget(meetingId) {
      if (placements.get(meetingId)?.mode === 'mesh') placements.delete(meetingId);
    },
    onChanged: changed.add,
    onRevoked: revoked.add,
  };
}
