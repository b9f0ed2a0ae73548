import type { Logger } from 'pino';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuGuard } from './createSfuGuard.js';
import { heldTokens, type RetiringRoom, type SfuMeetingState } from './SfuMeetingState.js';
import { meshWithoutRoom, type SfuPlacement, type SfuStore } from './SfuStore.js';

/**
 * A grace whose end failed (the meeting's lock not had in time, a store error) is ended again this long after each
 * failure; after the last retry fails too, this server lets go of it and leaves it to the grace sweep (any
 * server's, this one's included: see createSfuGraceSweep), as if the server keeping it had stopped.
 */
export const GRACE_END_RETRY_MS: readonly number[] = [1_000, 5_000, 15_000];

/**
 * This server's tokens for its own seats: revoked in the room they were issued for, kept with a room the meeting
 * left for the mesh for its grace (make before break), and ended with that grace.
 */
export interface SfuTokens {
  /** Revokes this server's tokens of `peerIds` (all of them by default) in the room they were issued for. */
  revoke(meetingId: string, state: SfuMeetingState, peerIds?: readonly string[]): Promise<void>;
  /**
   * Back to mesh (`next`) from `left`. When the placement keeps the room for the grace (see SfuMoves.toMesh),
   * this server's tokens there stay valid that long, so its people keep their SFU media until their mesh
   * calls show pictures (make before break), and the room goes once the grace is over. Otherwise they go at once.
   */
  retire(meetingId: string, state: SfuMeetingState, left: SfuPlacement, next: SfuPlacement): Promise<void>;
  /**
   * The grace of a room left for the mesh is over (or cut short: the meeting ended, or was placed in another
   * room): this server's tokens there go, and so does the room while the mesh placement still names it (whichever
   * server comes first takes it off the placement under the meeting's lock; the tokens and the room leave Janus
   * after the lock). A meeting placed in this room again meanwhile keeps it all.
   * An end that fails (the lock not had, a store error) is tried again later (GRACE_END_RETRY_MS), never thrown.
   */
  endRetiring(meetingId: string, state: SfuMeetingState, room: string): Promise<void>;
  /**
   * The meeting is on the SFU (`placement`): a room in its grace that it went back into is its room again (this
   * server's tokens there are its seats' tokens again: their sessions carry on, nobody publishes anew); any
   * other room in its grace ends at once, so that nobody publishes in two rooms.
   */
  followRetiring(meetingId: string, state: SfuMeetingState, placement: SfuPlacement): Promise<void>;
  /** A seat gone: its token in every room still in its grace goes at once (a removed person's media stops). */
  revokeRetiring(meetingId: string, state: SfuMeetingState, peerId: string): Promise<void>;
  /** Through the proxy every publisher id is forced; at a public address the guard checks them. */
  guardIfDirect(meetingId: string, placement: SfuPlacement): void;
  /** Whether this server issued `token` to the seat (in the meeting's room, or one in its grace). */
  issued(state: SfuMeetingState, peerId: string, token: string): boolean;
}

export function createSfuTokens(deps: {
  store: Pick<SfuStore, 'removeTokens' | 'change' | 'placement'>;
  guard: Pick<SfuGuard, 'guard' | 'release' | 'endSessionsOf'>;
  logger: Logger;
  instanceAt(url: string | null): JanusInstance | null;
  /** WAVA_SFU_MESH_GRACE (0: none). */
  meshGraceMs: number;
  /** This server's clock. */
  now: () => number;
  /** Destroys the placement's room (best effort). */
  destroy(meetingId: string, placement: SfuPlacement): Promise<void>;
  /** Catches up with the meeting's placement in the store (SfuSync.sync). */
  sync(meetingId: string, state: SfuMeetingState): Promise<unknown>;
  /** Drops the meeting's state when nothing of it is left here. */
  forget(meetingId: string, state: SfuMeetingState): void;
}): SfuTokens {
  const { store, guard, logger, instanceAt, now } = deps;

  /** Revokes `peerIds`' tokens of `tokensByPeer` (removed from it) in `placement`'s room; one alone is kicked. */
  async function revokeIn(
    meetingId: string,
    placement: SfuPlacement,
    tokensByPeer: Map<string, string>,
    peerIds: readonly string[],
  ): Promise<void> {
    const tokens = peerIds.flatMap((peerId) => {
      const token = tokensByPeer.get(peerId);
      tokensByPeer.delete(peerId);
      return token === undefined ? [] : [token];
    });
    if (tokens.length === 0) return;
    await store.removeTokens(tokens);
    const instance = instanceAt(placement.instance);
    if (instance?.isUp() && placement.room) {
      await instance
        .revoke(placement.room, tokens, peerIds.length === 1 ? peerIds[0] : undefined)
        .catch((error: unknown) => logger.warn({ err: error, meetingId }, 'could not revoke SFU tokens'));
      // Clients of a public Janus address have no proxied websocket to close: their sessions end in the guard's
      // next audit of the instance (not awaited: the meeting's other changes need not wait for it).
      if (instance.endpoint.publicUrl !== null) void guard.endSessionsOf(instance, tokens);
    }
  }

  /**
   * Keeps a room the meeting left for the mesh (and `tokens`, this server's there) for the grace; false when
   * there is none (no grace configured, or the instance down).
   */
  function keepForGrace(
    meetingId: string,
    state: SfuMeetingState,
    placement: SfuPlacement,
    tokens: Map<string, string>,
  ): boolean {
    const graceMs = deps.meshGraceMs;
    const room = placement.room;
    if (graceMs === 0 || !room || !instanceAt(placement.instance)?.isUp()) return false;
    clearTimeout(state.retiring.get(room)?.timer);
    const timer = endLater(meetingId, state, room, graceMs);
    state.retiring.set(room, { placement, tokens, until: now() + graceMs, timer, endFailures: 0 });
    guardIfDirect(meetingId, placement); // its tokens still admit to it: still no one under another's id
    return true;
  }

  /** Ends the grace of `room` (endRetiring) in `delayMs`, in the meeting's queue. */
  function endLater(meetingId: string, state: SfuMeetingState, room: string, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => state.queue.run(() => endRetiring(meetingId, state, room)), delayMs);
    timer.unref();
    return timer;
  }

  async function endRetiring(meetingId: string, state: SfuMeetingState, room: string): Promise<void> {
    const retiring = state.retiring.get(room);
    if (!retiring) return;
    let placedAgain = false;
    let named = false;
    try {
      // Under the lock only the store: Janus's part (each request up to seconds) comes once it is released.
      await store.change(meetingId, async (current) => {
        placedAgain = current.mode === 'sfu' && current.room === room;
        named = current.mode === 'mesh' && current.room === room;
        return named ? meshWithoutRoom(current) : null;
      });
    } catch (error) {
      if (!retried(meetingId, state, room, retiring, error)) await leaveToSweep(meetingId, state, room);
      return;
    }
    if (placedAgain) {
      await deps.sync(meetingId, state);
      return;
    }
    // No placement names the room now, nor will again (a meeting goes back only into the room its placement still
    // names): this server's tokens there go, and the room too if this server took it off the placement.
    clearTimeout(retiring.timer);
    state.retiring.delete(room);
    try {
      await revokeIn(meetingId, retiring.placement, retiring.tokens, [...retiring.tokens.keys()]);
    } finally {
      // The room goes even when Redis failed to take the tokens: no placement names it, so no sweep would end it.
      if (named) await deps.destroy(meetingId, retiring.placement);
      // Let go of it even when Redis failed to take the tokens (logged by the meeting's queue): never kept for ever.
      letGo(state, room);
      deps.forget(meetingId, state);
    }
  }

  /**
   * Ending `retiring`'s grace failed (nothing stored, nothing revoked): true when it is tried again later
   * (GRACE_END_RETRY_MS); false past the last retry.
   */
  function retried(
    meetingId: string,
    state: SfuMeetingState,
    room: string,
    retiring: RetiringRoom,
    error: unknown,
  ): boolean {
    const kept = state.retiring.get(room) === retiring;
    const retryMs = kept ? GRACE_END_RETRY_MS[retiring.endFailures] : undefined;
    if (retryMs === undefined) {
      logger.error({ err: error, meetingId, room }, 'could not end the grace of an SFU room: left to the grace sweep');
      if (kept) {
        clearTimeout(retiring.timer);
        state.retiring.delete(room);
      }
      return false;
    }
    retiring.endFailures += 1;
    logger.warn({ err: error, meetingId, room, retryMs }, 'could not end the grace of an SFU room: trying again');
    retiring.timer = endLater(meetingId, state, room, retryMs);
    return true;
  }

  /**
   * This server keeps the grace of `room` no more: the grace sweep (which skips a grace a server keeps) ends what
   * is left. The meeting's state here goes once the store names the room no more: at once if it says so already
   * (the change was stored, its news lost), or when the sweep's change reaches this server (`onChanged`).
   */
  async function leaveToSweep(meetingId: string, state: SfuMeetingState, room: string): Promise<void> {
    letGo(state, room);
    const placement = await store.placement(meetingId).catch((error: unknown) => {
      logger.warn({ err: error, meetingId }, 'could not read the SFU placement of the meeting');
      return null;
    });
    if (placement && placement.room !== room) deps.forget(meetingId, state);
  }

  /** The guard no longer watches a room left for good (unless the meeting is placed in it). */
  function letGo(state: SfuMeetingState, room: string): void {
    if (state.placement.mode !== 'sfu' || state.placement.room !== room) guard.release(room);
  }

  function guardIfDirect(meetingId: string, placement: SfuPlacement): void {
    const instance = instanceAt(placement.instance);
    if (instance?.endpoint.publicUrl && placement.room) guard.guard(meetingId, { instance, room: placement.room });
  }

  return {
    async revoke(meetingId, state, peerIds = [...state.tokens.keys()]) {
      await revokeIn(meetingId, state.placement, state.tokens, peerIds);
    },
    async retire(meetingId, state, left, next) {
      const tokens = state.tokens;
      state.tokens = new Map();
      if (next.room !== null && next.room === left.room && keepForGrace(meetingId, state, left, tokens)) return;
      await revokeIn(meetingId, left, tokens, [...tokens.keys()]);
    },
    endRetiring,
    async followRetiring(meetingId, state, placement) {
      for (const [room, retiring] of [...state.retiring]) {
        if (room !== placement.room) {
          await endRetiring(meetingId, state, room);
          continue;
        }
        clearTimeout(retiring.timer);
        state.retiring.delete(room);
        for (const [peerId, token] of retiring.tokens) if (!state.tokens.has(peerId)) state.tokens.set(peerId, token);
      }
    },
    async revokeRetiring(meetingId, state, peerId) {
      for (const retiring of state.retiring.values()) {
        if (retiring.tokens.has(peerId)) await revokeIn(meetingId, retiring.placement, retiring.tokens, [peerId]);
      }
    },
    guardIfDirect,
    issued(state, peerId, token) {
      return heldTokens(state).some((tokens) => tokens.get(peerId) === token);
    },
  };
}
