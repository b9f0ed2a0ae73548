import type { Logger } from 'pino';
import type { JanusInstance, RoomWatch } from './createJanusInstance.js';
import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import { publisherStreams, type ForwardedKind, type PublisherStream } from './publisherStreams.js';

export type { ForwardedKind } from './publisherStreams.js';

/**
 * Host powers enforced by the SFU: Janus stops forwarding what a host turned off (VideoRoom `moderate`), so a
 * client that ignores a mute is still not heard, and forwards it again once its owner may turn it back on.
 */
export interface SfuModeration {
  /** Whether Janus forwards this kind of the seat's media (false: a host turned it off; true: allowed again). */
  setForwarded(meetingId: string, peerId: string, kind: ForwardedKind, forwarded: boolean): void;
  /** The meeting's VideoRoom room is now this one (placed, moved to another instance), or none (mesh, ended). */
  roomChanged(meetingId: string, at: { instance: JanusInstance; room: string } | null): void;
  /** The seat is gone for good: its blocks are forgotten (a removed person's publisher is kicked anyway). */
  seatGone(meetingId: string, peerId: string): void;
  /** Streams whose forwarding the server has stopped right now, in every meeting. */
  moderatedStreams(): number;
  close(): Promise<void>;
}

interface MeetingModeration {
  /** peer id -> what a host turned off and its owner has not been allowed to turn on again. */
  blocked: Map<string, Set<ForwardedKind>>;
  at: { instance: JanusInstance; room: string } | null;
  /** The server's own participant in the room, while anyone's media is blocked there. */
  watch: { room: string; watch: RoomWatch } | null;
  /** publisher id -> its streams as Janus last listed them (and as moderated since). */
  streams: Map<string, PublisherStream[]>;
  queue: TrackedQueue;
}

/**
 * Keeps Janus's `moderated` flags in line with what hosts decided. While anyone of a meeting in SFU mode is
 * blocked, the server watches that meeting's room (watchRoom) to learn every publisher's streams, including
 * ones published after the host's action (a late publish, a new screen share, the room re-created on another
 * instance), and moderates each blocked stream by its mid. Every change of one meeting runs in order.
 */
export function createSfuModeration(deps: { logger: Logger }): SfuModeration {
  const logger = deps.logger.child({ module: 'sfu-moderation' });
  const meetings = new Map<string, MeetingModeration>();

  function stateOf(meetingId: string): MeetingModeration {
    let state = meetings.get(meetingId);
    if (!state) {
      state = {
        blocked: new Map(),
        at: null,
        watch: null,
        streams: new Map(),
        queue: createTrackedQueue((error) => logger.warn({ err: error, meetingId }, 'SFU moderation failed')),
      };
      meetings.set(meetingId, state);
    }
    return state;
  }

  const anyBlocked = (state: MeetingModeration) => [...state.blocked.values()].some((kinds) => kinds.size > 0);

  async function unwatch(state: MeetingModeration): Promise<void> {
    const current = state.watch;
    state.watch = null;
    state.streams.clear();
    await current?.watch.close();
  }

  /** Moderates what is blocked and unmoderates what is not, then watches the room only while needed. */
  async function sync(meetingId: string, state: MeetingModeration): Promise<void> {
    const { at } = state;
    if (state.watch && state.watch.room !== at?.room) await unwatch(state);
    if (at && at.instance.isUp() && anyBlocked(state) && !state.watch) {
      const watch = await at.instance.watch(at.room, (publishers) => {
        for (const [publisherId, streams] of publisherStreams(publishers)) state.streams.set(publisherId, streams);
        state.queue.run(() => sync(meetingId, state));
      });
      state.watch = { room: at.room, watch };
    }
    if (at && state.watch) {
      for (const [publisherId, streams] of state.streams) {
        const blocked = state.blocked.get(publisherId);
        for (const stream of streams) {
          const mute = blocked?.has(stream.kind) === true;
          if (stream.moderated === mute) continue;
          await at.instance.moderate(at.room, publisherId, stream.mid, mute);
          stream.moderated = mute;
          logger.info({ meetingId, publisherId, mid: stream.mid, kind: stream.kind, mute }, 'SFU stream moderated');
        }
      }
    }
    if (!anyBlocked(state)) await unwatch(state);
    if (!anyBlocked(state) && state.at === null && !state.watch && meetings.get(meetingId) === state) {
      meetings.delete(meetingId);
    }
  }

  const schedule = (meetingId: string, state: MeetingModeration) => state.queue.run(() => sync(meetingId, state));

  return {
    setForwarded(meetingId, peerId, kind, forwarded) {
      const state = forwarded ? meetings.get(meetingId) : stateOf(meetingId);
      if (!state) return;
      let kinds = state.blocked.get(peerId);
      if (forwarded) {
        if (!kinds?.delete(kind)) return;
        if (kinds.size === 0) state.blocked.delete(peerId);
      } else {
        if (!kinds) state.blocked.set(peerId, (kinds = new Set()));
        if (kinds.has(kind)) return;
        kinds.add(kind);
      }
      schedule(meetingId, state);
    },
    roomChanged(meetingId, at) {
      const state = at ? stateOf(meetingId) : meetings.get(meetingId);
      if (!state) return;
      state.at = at;
      schedule(meetingId, state);
    },
    seatGone(meetingId, peerId) {
      const state = meetings.get(meetingId);
      if (!state?.blocked.delete(peerId)) return;
      state.streams.delete(peerId);
      schedule(meetingId, state);
    },
    moderatedStreams() {
      let count = 0;
      for (const state of meetings.values()) {
        for (const streams of state.streams.values()) count += streams.filter((stream) => stream.moderated).length;
      }
      return count;
    },
    async close() {
      for (const [meetingId, state] of meetings) {
        state.blocked.clear();
        state.at = null;
        schedule(meetingId, state);
      }
      await Promise.all([...meetings.values()].map((state) => state.queue.idle()));
      meetings.clear();
    },
  };
}
