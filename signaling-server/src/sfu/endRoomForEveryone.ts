import type { Logger } from 'pino';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuGuard } from './createSfuGuard.js';
import type { SfuLock, SfuStore } from './SfuStore.js';

/** What ends a room for everyone after the meeting's lock, given the tokens the change dropped with it. */
export type AfterRoomEnd = (dropped: readonly string[]) => Promise<void>;

/**
 * Ends the meeting's room on `instance` for every server, when no server is left to end it for its own seats (a
 * grace whose keeping servers stopped, a meeting every server left, a room left behind by one growing again).
 * Called under the meeting's lock, it does there only what the store needs: the meeting's tokens, every
 * server's, stop admitting with the placement the change stores, in the same step (store.dropTokens: both or,
 * the lock lost meanwhile, neither; out of the store first: the guard's audit, any server's, ends a session whose
 * token has no holder), and every server closes its `/sfu` websockets of them (store.onDropped: Janus ends their
 * sessions with them). The step it returns is for after the lock, with the tokens the change dropped, once the
 * placement naming the room is stored no more (Janus requests take up to seconds each, the lock only lasts so
 * long): the tokens leave Janus, the room is destroyed, and at a public address (direct mode, no proxied
 * websocket to close) the sessions those tokens opened end in the guard's next audit of the instance (not
 * awaited). Best effort with Janus: one that lost track of them has nothing to remove.
 */
export function endRoomForEveryone(
  deps: { store: SfuStore; guard: Pick<SfuGuard, 'endSessionsOf'>; logger: Logger },
  meetingId: string,
  instance: JanusInstance,
  room: string,
  lock: SfuLock,
): AfterRoomEnd {
  const { store, guard, logger } = deps;
  store.dropTokens(lock);
  return async (tokens) => {
    await instance
      .revoke(room, tokens)
      .catch((error: unknown) => logger.warn({ err: error, meetingId }, 'could not revoke SFU tokens'));
    await instance
      .destroyRoom(room)
      .catch((error: unknown) => logger.warn({ err: error, meetingId, room }, 'could not destroy the SFU room'));
    if (instance.endpoint.publicUrl !== null) void guard.endSessionsOf(instance, tokens);
  };
}
