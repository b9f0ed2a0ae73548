import type { Logger } from 'pino';
import type { JanusInstance, RoomWatch } from './createJanusInstance.js';
import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import type { SfuTokenHolder } from './SfuStore.js';

/**
 * Where clients reach Janus directly (WAVA_SFU_PUBLIC_URLS) no proxy forces each seat's publisher id, and Janus
 * ties a token to a room, not to an id: anyone in the meeting could join as publisher under another person's
 * peer id before that person does, and be shown on their tile. The guard watches each such meeting's room and,
 * whenever someone joins or publishes, checks every participant there against the token its handle was attached
 * with (admin `handle_info`): a publisher whose id is not its token's seat's peer id, or any participant whose
 * token was revoked, is detached at once.
 */
export interface SfuGuard {
  /**
   * Guards a room of the meeting on a direct-mode instance: the meeting's, or one it left for the mesh whose
   * tokens are still valid for the grace. Guarding a room already guarded changes nothing.
   */
  guard(meetingId: string, at: { instance: JanusInstance; room: string }): void;
  /** Stops guarding the room (the meeting moved on and its grace is over, or it ended). */
  release(room: string): void;
  /** Handles detached so far (impostors and revoked tokens). */
  detached(): number;
  close(): Promise<void>;
}

interface GuardedRoom {
  meetingId: string;
  at: { instance: JanusInstance; room: string };
  /** Released: its watch is closed, and it is forgotten. */
  released: boolean;
  watch: RoomWatch | null;
  queue: TrackedQueue;
  /** An audit is queued and has not started: another change needs no second one. */
  auditQueued: boolean;
}

export function createSfuGuard(deps: {
  logger: Logger;
  /** Whose seat a token is (any server's), or null once revoked. */
  holder(token: string): Promise<SfuTokenHolder | null>;
}): SfuGuard {
  const logger = deps.logger.child({ module: 'sfu-guard' });
  const rooms = new Map<string, GuardedRoom>();
  let detachedCount = 0;

  function audit(state: GuardedRoom): void {
    if (state.auditQueued) return;
    state.auditQueued = true;
    state.queue.run(async () => {
      state.auditQueued = false;
      const { at, meetingId } = state;
      if (state.released || !at.instance.isUp()) return;
      for (const handle of await at.instance.clientHandles()) {
        // Null: the Wava server's own handles (its watchers), attached with the API secret.
        if (handle.room !== at.room || handle.token === null) continue;
        const holder = await deps.holder(handle.token);
        const revoked = !holder || holder.meetingId !== meetingId;
        const impostor = handle.type === 'publisher' && holder?.peerId !== handle.participantId;
        if (!revoked && !impostor) continue;
        await at.instance.detachHandle(handle).catch(() => undefined); // it left meanwhile
        detachedCount += 1;
        logger.warn(
          { meetingId, publisherId: handle.participantId, seat: holder?.peerId ?? null, revoked },
          revoked ? 'SFU participant with a revoked token detached' : 'SFU publisher under another seat’s id detached',
        );
      }
    });
  }

  async function sync(state: GuardedRoom): Promise<void> {
    const { at } = state;
    if (state.released) {
      const current = state.watch;
      state.watch = null;
      await current?.close();
      if (rooms.get(at.room) === state) rooms.delete(at.room);
      return;
    }
    if (!state.watch && at.instance.isUp()) {
      const changed = () => audit(state);
      state.watch = await at.instance.watch(at.room, changed, changed);
      changed(); // whoever joined before the watch did
    }
  }

  return {
    guard(meetingId, at) {
      let state = rooms.get(at.room);
      if (state && !state.released) return;
      if (!state) {
        state = {
          meetingId,
          at,
          released: false,
          watch: null,
          auditQueued: false,
          queue: createTrackedQueue((error) => logger.warn({ err: error, meetingId }, 'SFU guard failed')),
        };
        rooms.set(at.room, state);
      }
      state.released = false;
      const guarded = state;
      guarded.queue.run(() => sync(guarded));
    },
    release(room) {
      const state = rooms.get(room);
      if (!state || state.released) return;
      state.released = true;
      state.queue.run(() => sync(state));
    },
    detached: () => detachedCount,
    async close() {
      for (const state of rooms.values()) {
        state.released = true;
        state.queue.run(() => sync(state));
      }
      await Promise.all([...rooms.values()].map((state) => state.queue.idle()));
      rooms.clear();
    },
  };
}
