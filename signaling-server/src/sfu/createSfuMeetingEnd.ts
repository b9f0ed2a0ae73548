import type { Logger } from 'pino';
import type { SfuMoves } from './createSfuMoves.js';
import { GRACE_END_RETRY_MS, type SfuTokens } from './createSfuTokens.js';
import { heldTokens, type SfuMeetingState } from './SfuMeetingState.js';
import type { SfuStore } from './SfuStore.js';

/** What is left of a meeting on the SFU when it ends for everyone (its host ended it on this server). */
export interface SfuMeetingEnd {
  /**
   * Ends the meeting's SFU state, in its queue: back to mesh (its room destroyed), this server's tokens revoked,
   * its rooms in their grace ended. Each step is tried even when one before it failed (Redis failing partway); a
   * failure is tried again (GRACE_END_RETRY_MS), and past the last retry what is left goes to the grace sweep. The
   * sweep takes a meeting only once no live server's token is left in it: on a failure this server's tokens leave
   * Redis (tried at every retry); if they never could, the sweep takes it once this server has stopped. `done`
   * runs after the first try, whatever failed: the retries hold on to `state` themselves.
   */
  end(meetingId: string, state: SfuMeetingState, done: () => void): void;
  /** No retry after this: none is tried or scheduled any more, one queued or under way included. */
  close(): void;
}

export function createSfuMeetingEnd(deps: {
  moves: Pick<SfuMoves, 'toMesh'>;
  tokens: Pick<SfuTokens, 'revoke' | 'endRetiring'>;
  store: Pick<SfuStore, 'removeTokens'>;
  logger: Logger;
}): SfuMeetingEnd {
  const { logger } = deps;
  const retries = new Set<NodeJS.Timeout>();
  /** Closed: the Janus and Redis connections are going, and what is left goes to the grace sweep. */
  let closed = false;

  /** One try at every step; true when all of them went through. */
  async function endOnce(meetingId: string, state: SfuMeetingState, owed: readonly string[]): Promise<boolean> {
    const failures: unknown[] = [];
    const step = (run: () => Promise<unknown>) => run().catch((error: unknown) => void failures.push(error));
    if (state.placement.mode === 'sfu') await step(() => deps.moves.toMesh(meetingId, state, async () => true, false));
    await step(() => deps.tokens.revoke(meetingId, state));
    for (const room of [...state.retiring.keys()]) await step(() => deps.tokens.endRetiring(meetingId, state, room));
    if (failures.length === 0) return true;
    // A step that failed may have let go of tokens before Redis had them out: out they go (again, if they went).
    await step(() => deps.store.removeTokens(owed));
    logger.warn({ err: failures[0], meetingId }, 'could not end the SFU state of the ended meeting');
    return false;
  }

  return {
    end(meetingId, state, done) {
      let owed: string[] | null = null;
      const attempt = async (failures: number): Promise<void> => {
        // A retry that was queued (its timer fired) before `close`.
        if (closed && failures > 0) return;
        // Taken when the queue gets to it: the changes queued before may still issue tokens.
        owed ??= heldTokens(state).flatMap((byPeer) => [...byPeer.values()]);
        const ended = await endOnce(meetingId, state, owed).finally(() => failures === 0 && done());
        if (ended || closed) return;
        const retryMs = GRACE_END_RETRY_MS[failures];
        if (retryMs === undefined) {
          logger.error({ meetingId }, 'the SFU state of the ended meeting is left to the grace sweep');
          return;
        }
        const retry = setTimeout(() => {
          retries.delete(retry);
          state.queue.run(() => attempt(failures + 1));
        }, retryMs);
        retry.unref();
        retries.add(retry);
      };
      state.queue.run(() => attempt(0));
    },
    close() {
      closed = true;
      for (const retry of retries) clearTimeout(retry);
      retries.clear();
    },
  };
}
