import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { JanusInstance } from './createJanusInstance.js';
import { leastLoaded } from './leastLoaded.js';
import type { SfuPlacement, SfuStore } from './SfuStore.js';

/** Where meetings' VideoRoom rooms go on the Janus instances, and how they go away. */
export interface SfuRoomPlacer {
  /** A new room on the least loaded instance up (other than `except`); null when none can take it. */
  place(current: SfuPlacement, except?: string): Promise<SfuPlacement | null>;
  /** Destroys the placement's room (best effort: a Janus that lost track of it has no room to destroy). */
  destroy(meetingId: string, placement: SfuPlacement): Promise<void>;
}

export function createSfuRoomPlacer(deps: {
  store: Pick<SfuStore, 'loads'>;
  instances: readonly JanusInstance[];
  instanceAt(url: string | null): JanusInstance | null;
  /** Publishers a room takes (WAVA_SFU_MAX_PARTICIPANTS). */
  publishers: number;
  logger: Logger;
}): SfuRoomPlacer {
  const { store, instances, instanceAt, logger } = deps;
  return {
    async place(current, except) {
      const loads = await store.loads();
      const instance = leastLoaded(
        instances,
        (candidate) => candidate.endpoint.url !== except && candidate.isUp(),
        (candidate) => loads.get(candidate.endpoint.url) ?? 0,
      );
      if (!instance) return null;
      const room = `wava-${randomBytes(12).toString('base64url')}`;
      // Tokens are added by each server for its own seats (`allowed` add), so none overwrites another's.
      await instance.createRoom(room, { publishers: deps.publishers, allowed: [] });
      return { mode: 'sfu', generation: current.generation + 1, instance: instance.endpoint.url, room };
    },
    async destroy(meetingId, placement) {
      const instance = instanceAt(placement.instance);
      if (!instance?.isUp() || !placement.room) return;
      await instance
        .destroyRoom(placement.room)
        .catch((error: unknown) =>
          logger.warn({ err: error, meetingId, room: placement.room }, 'could not destroy the SFU room'),
        );
    },
  };
}
