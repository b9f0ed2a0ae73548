import type { Logger } from 'pino';
import type { SfuSettings } from '../config/Config.js';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuRoomPlacer } from './createSfuRoomPlacer.js';
import type { AfterRoomEnd } from './endRoomForEveryone.js';
import type { SfuMeetingState } from './SfuMeetingState.js';
import { meshWithoutRoom, type SfuLock, type SfuPlacement, type SfuStore } from './SfuStore.js';

/**
 * Moving meetings between mesh and SFU, and from a lost room to a new one. Each decides under the meeting's lock
 * (`store.change`), then this server follows (`sync`); every server revokes its own tokens as it follows. Under
 * the lock only what the new placement needs (the store, a new room); a room left for good goes with Janus
 * after it (each Janus request may take seconds, and the lock lasts 30 s).
 */
export interface SfuMoves {
  /** Onto the SFU once the meeting's ready seats are past the threshold (back into a room in its grace first). */
  grow(meetingId: string, state: SfuMeetingState): Promise<void>;
  /**
   * Back to mesh; every server revokes its own tokens. Make before break (`graceful`, with a grace configured):
   * the mesh placement keeps naming the room for the grace, and every server keeps its tokens there that long
   * (see SfuTokens.retire). Otherwise whoever holds the lock destroys the room at once.
   */
  toMesh(
    meetingId: string,
    state: SfuMeetingState,
    shouldShrink: () => Promise<boolean>,
    graceful: boolean,
  ): Promise<void>;
  /**
   * The meeting's room is lost (`lost` says whether the stored placement is the lost one: its instance died, or
   * Janus no longer has the room): a new room on the least loaded instance up other than `avoid`, everyone
   * publishes again; back to mesh when none can take it. A room in its grace that is lost is only forgotten.
   */
  rehome(
    meetingId: string,
    state: SfuMeetingState,
    lost: (current: SfuPlacement) => boolean,
    avoid?: string,
  ): Promise<void>;
}

export function createSfuMoves(deps: {
  settings: SfuSettings | null;
  store: Pick<SfuStore, 'change' | 'readyCount'>;
  placer: SfuRoomPlacer;
  instanceAt(url: string | null): JanusInstance | null;
  /**
   * A room no server is left to end for its own seats: ended for everyone (endRoomForEveryone), with the placement
   * the change holding `lock` stores; the step returned, with Janus and the tokens the change dropped, once the
   * lock is released and the change stored.
   */
  endRoom(meetingId: string, instance: JanusInstance, room: string, lock: SfuLock): AfterRoomEnd;
  /** Catches up with the meeting's placement in the store (SfuSync.sync). */
  sync(meetingId: string, state: SfuMeetingState, rehomeIfLost?: boolean): Promise<unknown>;
  logger: Logger;
}): SfuMoves {
  const { settings, store, placer, instanceAt, logger } = deps;

  /**
   * A change that made new rooms failed before storing the placement naming them (its lock lost, Redis failing):
   * nobody will go into them, so they go (and the error goes on).
   */
  async function unplaced(meetingId: string, created: readonly SfuPlacement[], error: unknown): Promise<never> {
    for (const placement of created) await placer.destroy(meetingId, placement);
    throw error;
  }

  return {
    async grow(meetingId, state) {
      if (!settings || state.placement.mode !== 'mesh') return;
      if ((await store.readyCount(meetingId)) <= settings.threshold) return;
      // A room left behind ends with Janus after the lock: it is held only for the store and the new room.
      const leftBehind: AfterRoomEnd[] = [];
      const created: SfuPlacement[] = [];
      const change = store.change(meetingId, async (current, lock) => {
        if (current.mode !== 'mesh') return null; // another server placed it meanwhile
        // Within the grace of the room it left: back into it, where everyone's SFU session still is.
        const { graceLeftMs, ...left } = current;
        const inGrace = (graceLeftMs ?? 0) > 0;
        if (left.room !== null && inGrace && instanceAt(left.instance)?.isUp()) return { ...left, mode: 'sfu' };
        // Its instance is down, or its grace is over with nobody to end it: a new room, and every server's tokens
        // in the old one go with the placement stored (best effort; the lock may be lost meanwhile: then neither).
        const placed = await placer.place(current).catch((error: unknown) => {
          logger.error({ err: error, meetingId }, 'could not create the meeting room on the SFU');
          return null;
        });
        if (!placed) logger.warn({ meetingId }, 'meeting past the SFU threshold stays a mesh: no SFU instance is up');
        else created.push(placed);
        const leftOn = instanceAt(left.instance);
        if (left.room === null || !leftOn?.isUp()) return placed;
        leftBehind.push(deps.endRoom(meetingId, leftOn, left.room, lock));
        // With no new room the placement names the old one no more: its tokens go with that placement.
        return placed ?? meshWithoutRoom(current);
      });
      const dropped = await change.catch((error: unknown) => unplaced(meetingId, created, error));
      try {
        await deps.sync(meetingId, state);
      } finally {
        for (const end of leftBehind) await end(dropped);
      }
    },
    async toMesh(meetingId, state, shouldShrink, graceful) {
      // A room left at once is destroyed after the lock (once no placement names it: nobody goes back into it).
      const left: SfuPlacement[] = [];
      await store.change(meetingId, async (current) => {
        if (current.mode !== 'sfu' || !(await shouldShrink())) return null;
        const keep = graceful && (settings?.meshGraceMs ?? 0) > 0 && instanceAt(current.instance)?.isUp();
        if (keep) return { ...current, mode: 'mesh', graceLeftMs: settings!.meshGraceMs };
        left.push(current);
        return meshWithoutRoom(current);
      });
      try {
        await deps.sync(meetingId, state);
      } finally {
        for (const placement of left) await placer.destroy(meetingId, placement);
      }
    },
    async rehome(meetingId, state, lost, avoid) {
      const created: SfuPlacement[] = [];
      const change = store.change(meetingId, async (current) => {
        if (!lost(current)) return null; // moved meanwhile
        const gone = meshWithoutRoom(current);
        if (current.mode === 'mesh') return gone;
        const moved = await placer.place(current, avoid).catch((error: unknown) => {
          logger.error({ err: error, meetingId }, 'could not place the meeting in a new SFU room');
          return null;
        });
        if (!moved)
          logger.warn({ meetingId }, 'the meeting lost its SFU room and no instance can take it: back to mesh');
        else created.push(moved);
        return moved ?? gone;
      });
      await change.catch((error: unknown) => unplaced(meetingId, created, error));
      await deps.sync(meetingId, state, false);
    },
  };
}
