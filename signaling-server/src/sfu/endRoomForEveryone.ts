import type { Logger } from 'pino';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuStore } from './SfuStore.js';

/**
 * Ends the meeting's room on `instance` for every server, holding the meeting's lock, when no server is left to
 * end it for its own seats (a grace whose keeping servers stopped, a meeting every server left): the meeting's
 * tokens, every server's, leave Janus, then the room is destroyed. Best effort: a Janus that lost track of them
 * has nothing to remove.
 */
export async function endRoomForEveryone(
  deps: { store: SfuStore; logger: Logger },
  meetingId: string,
  instance: JanusInstance,
  room: string,
): Promise<void> {
  const { store, logger } = deps;
  const tokens = await store.tokensOf(meetingId);
  await instance
    .revoke(room, tokens)
    .catch((error: unknown) => logger.warn({ err: error, meetingId }, 'could not revoke SFU tokens'));
  await instance
    .destroyRoom(room)
    .catch((error: unknown) => logger.warn({ err: error, meetingId, room }, 'could not destroy the SFU room'));
}
