import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import { isRoomMissing, type JanusInstance } from './createJanusInstance.js';
import type { SfuGuard } from './createSfuGuard.js';
import type { SfuModeration } from './createSfuModeration.js';
import type { SfuModes } from './createSfuModes.js';
import type { SfuProxy } from './createSfuProxy.js';
import type { SfuTokens } from './createSfuTokens.js';
import type { SfuMeetingState } from './SfuMeetingState.js';
import { meshWithoutRoom, type SfuPlacement, type SfuStore, type SfuTokenHolder } from './SfuStore.js';

/** How this server follows a meeting's placement in the store, and lets go of a meeting it no longer has. */
export interface SfuSync {
  /**
   * Catches up with the meeting's placement in the store: the tokens of an old room are revoked (or kept for the
   * grace), this server's ready seats get tokens for the new one, and hear of it. True when they were told.
   * A room Janus no longer has is placed again (`rehomeIfLost`, once), as when its instance dies; when the room
   * placed instead is lost too (`rehomeIfLost` false), the meeting goes back to mesh.
   */
  sync(meetingId: string, state: SfuMeetingState, rehomeIfLost?: boolean): Promise<boolean>;
  /** Drops the meeting's state once it is a mesh with nobody and nothing of it left here. */
  forget(meetingId: string, state: SfuMeetingState): void;
}

export function createSfuSync(deps: {
  store: Pick<SfuStore, 'placement' | 'addTokens' | 'removeTokens' | 'change' | 'forget'>;
  meetings: Map<string, SfuMeetingState>;
  tokens: SfuTokens;
  modes: Pick<SfuModes, 'tell' | 'tellEveryone'>;
  proxy: Pick<SfuProxy, 'closeToken'>;
  guard: Pick<SfuGuard, 'release'>;
  moderation: Pick<SfuModeration, 'roomChanged'>;
  instanceAt(url: string | null): JanusInstance | null;
  /** The meeting's ready seats on this server. */
  ready(meetingId: string): LiveParticipant[];
  /** The meeting's room is lost: placed again, or back to mesh (SfuMoves.rehome). */
  rehome(meetingId: string, state: SfuMeetingState, lost: (current: SfuPlacement) => boolean): Promise<void>;
  logger: Logger;
}): SfuSync {
  const { store, meetings, tokens, modes, guard, instanceAt, logger } = deps;
  const newToken = () => randomBytes(24).toString('base64url');

  async function sync(meetingId: string, state: SfuMeetingState, rehomeIfLost = true): Promise<boolean> {
    const placement = await store.placement(meetingId);
    const moved = placement.mode !== state.placement.mode || placement.generation !== state.placement.generation;
    if (moved) {
      if (state.placement.mode === 'sfu' && placement.mode === 'sfu') {
        for (const token of state.tokens.values()) deps.proxy.closeToken(token, 'SFU_UNAVAILABLE');
      }
      if (state.placement.mode === 'sfu' && placement.mode === 'mesh') {
        await tokens.retire(meetingId, state, state.placement, placement);
      } else await tokens.revoke(meetingId, state);
      const left = state.placement.room;
      if (left && left !== placement.room && !state.retiring.has(left)) guard.release(left);
      state.placement = placement;
      const placedOn = instanceAt(placement.instance);
      const at =
        placement.mode === 'sfu' && placedOn && placement.room ? { instance: placedOn, room: placement.room } : null;
      deps.moderation.roomChanged(meetingId, at);
      if (placement.mode === 'sfu') tokens.guardIfDirect(meetingId, placement);
      if (placement.mode === 'sfu') {
        logger.info({ meetingId, room: placement.room, sfu: placement.instance }, 'meeting placed on the SFU');
      } else logger.info({ meetingId }, 'meeting back to mesh');
    }
    // Also a mesh placement that no longer names a room in its grace.
    state.placement = placement;
    const instance = instanceAt(placement.instance);
    if (placement.mode === 'sfu' && instance && placement.room) {
      await tokens.followRetiring(meetingId, state, placement);
      const added = new Map<string, SfuTokenHolder>();
      const issued = new Map<string, string>();
      for (const entry of deps.ready(meetingId)) {
        const peerId = entry.participant.peerId;
        if (state.tokens.has(peerId) || state.benched.has(entry.participant.userId)) continue;
        const token = newToken();
        added.set(token, { meetingId, peerId, generation: placement.generation });
        issued.set(peerId, token);
      }
      if (added.size > 0) {
        await store.addTokens(added);
        try {
          await instance.allow(placement.room, [...added.keys()]);
        } catch (error) {
          await store.removeTokens([...added.keys()]);
          if (!instance.isUp()) {
            // Janus lost our session (see createJanusInstance): the controller's instanceDown moves the meeting.
            logger.warn({ err: error, meetingId }, 'the SFU instance went down while issuing tokens');
            return moved;
          }
          if (!isRoomMissing(error)) throw error;
          const lost = (current: SfuPlacement) => current.mode === 'sfu' && current.room === placement.room;
          if (rehomeIfLost) {
            logger.warn({ meetingId, room: placement.room }, 'the SFU lost the meeting room: placing it again');
            await deps.rehome(meetingId, state, lost);
          } else {
            // The room placed instead of a lost one is lost too: placing it again could go on forever.
            logger.error({ meetingId, room: placement.room }, 'the SFU lost the room it was just given: back to mesh');
            await store.change(meetingId, async (current) => (lost(current) ? meshWithoutRoom(current) : null));
            await sync(meetingId, state, false);
          }
          return true;
        }
        for (const [peerId, token] of issued) state.tokens.set(peerId, token);
        if (!moved) for (const peerId of issued.keys()) modes.tell(meetingId, state, peerId);
      }
    }
    if (moved) modes.tellEveryone(meetingId, state);
    return moved;
  }

  return {
    sync,
    forget(meetingId, state) {
      const empty = deps.ready(meetingId).length === 0 && state.parked.size === 0 && state.retiring.size === 0;
      if (state.placement.mode === 'mesh' && empty && meetings.get(meetingId) === state) {
        meetings.delete(meetingId);
        store.forget(meetingId);
      }
    },
  };
}
