import type { Logger } from 'pino';
import type { RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { JanusInstance } from './createJanusInstance.js';
import type { Impostor } from './createSfuGuard.js';
import type { SfuModes } from './createSfuModes.js';
import type { SfuTokens } from './createSfuTokens.js';
import type { SfuMeetingState } from './SfuMeetingState.js';
import type { SfuStore } from './SfuStore.js';

/**
 * A person caught publishing under another seat's id in direct mode (the guard's impostor) loses their token at
 * once and gets no new SFU credentials from this server for this long (they are told the mesh meanwhile).
 */
export const SFU_IMPOSTOR_BENCH_MS = 60_000;

/** What happens to the seats the guard caught publishing under another seat's id. */
export interface SfuImpostorBench {
  /**
   * The guard caught these tokens publishing under another seat's id; resolves once they are revoked. This
   * server's seats are benched; another server's token is revoked here and now (in the store and in Janus), and
   * that server benches its seat when it hears of it (`store.onRevoked`).
   */
  revokeImpostors(instance: JanusInstance, impostors: ReadonlyMap<string, Impostor>): Promise<void>;
  /**
   * An impostor's seat: its tokens go as a removed person's do (Janus forgets them, their handles and sessions
   * end), and its person gets no SFU token for SFU_IMPOSTOR_BENCH_MS, so that the seat whose id they took can
   * join under it (that client's retry after Janus refused it the id).
   */
  bench(meetingId: string, state: SfuMeetingState, peerId: string, token: string): Promise<void>;
}

export function createSfuImpostorBench(deps: {
  meetings: ReadonlyMap<string, SfuMeetingState>;
  rooms: Pick<RoomRegistry, 'get'>;
  store: Pick<SfuStore, 'removeTokens'>;
  tokens: Pick<SfuTokens, 'issued' | 'revoke' | 'revokeRetiring'>;
  modes: Pick<SfuModes, 'tell'>;
  /** Catches up with the meeting's placement in the store (SfuSync.sync). */
  sync(meetingId: string, state: SfuMeetingState): Promise<unknown>;
  logger: Logger;
}): SfuImpostorBench {
  const { meetings, rooms, store, tokens, logger } = deps;

  async function bench(meetingId: string, state: SfuMeetingState, peerId: string, token: string): Promise<void> {
    if (!tokens.issued(state, peerId, token)) return;
    const userId = rooms.get(meetingId, peerId)?.participant.userId;
    logger.warn({ meetingId, peerId, userId }, 'SFU publisher under another seat’s id: its token revoked, benched');
    if (userId !== undefined) {
      clearTimeout(state.benched.get(userId));
      const timer = setTimeout(
        () =>
          state.queue.run(async () => {
            if (state.benched.get(userId) !== timer) return;
            state.benched.delete(userId);
            if (meetings.get(meetingId) === state) await deps.sync(meetingId, state);
          }),
        SFU_IMPOSTOR_BENCH_MS,
      );
      timer.unref();
      state.benched.set(userId, timer);
    }
    await tokens.revoke(meetingId, state, [peerId]);
    await tokens.revokeRetiring(meetingId, state, peerId);
    if (rooms.get(meetingId, peerId)?.ready) deps.modes.tell(meetingId, state, peerId);
  }

  return {
    async revokeImpostors(instance, impostors) {
      await Promise.all(
        [...impostors].map(async ([token, { holder, room }]) => {
          const { meetingId, peerId } = holder;
          const state = meetings.get(meetingId);
          if (state && tokens.issued(state, peerId, token)) {
            return new Promise<void>((resolve) =>
              state.queue.run(() => bench(meetingId, state, peerId, token).finally(resolve)),
            );
          }
          await store.removeTokens([token]);
          await instance.revoke(room, [token]);
        }),
      );
    },
    bench,
  };
}
