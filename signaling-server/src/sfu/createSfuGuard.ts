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
  /** The meeting's room to guard (a direct-mode instance's), or none (mesh, proxy mode, ended). */
  roomChanged(meetingId: string, at: { instance: JanusInstance; room: string } | null): void;
  /** Handles detached so far (impostors and revoked tokens). */
  detached(): number;
  close(): Promise<void>;
}

interface GuardedMeeting {
  at: { instance: JanusInstance; room: string } | null;
  watch: { room: string; watch: RoomWatch } | null;
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
  const meetings = new Map<string, GuardedMeeting>();
  let detachedCount = 0;

  function audit(meetingId: string, state: GuardedMeeting): void {
    if (state.auditQueued) return;
    state.auditQueued = true;
    state.queue.run(async () => {
      state.auditQueued = false;
      const { at } = state;
      if (!at?.instance.isUp()) return;
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

  async function sync(meetingId: string, state: GuardedMeeting): Promise<void> {
    const { at } = state;
    if (state.watch && state.watch.room !== at?.room) {
      const current = state.watch;
      state.watch = null;
      await current.watch.close();
    }
    if (at && at.instance.isUp() && !state.watch) {
      const changed = () => audit(meetingId, state);
      state.watch = { room: at.room, watch: await at.instance.watch(at.room, changed, changed) };
      changed(); // whoever joined before the watch did
    }
    if (!at && !state.watch && meetings.get(meetingId) === state) meetings.delete(meetingId);
  }

  return {
    roomChanged(meetingId, at) {
      let state = meetings.get(meetingId);
      if (!state && !at) return;
      if (!state) {
        state = {
          at: null,
          watch: null,
          auditQueued: false,
          queue: createTrackedQueue((error) => logger.warn({ err: error, meetingId }, 'SFU guard failed')),
        };
        meetings.set(meetingId, state);
      }
      state.at = at;
      const guarded = state;
      guarded.queue.run(() => sync(meetingId, guarded));
    },
    detached: () => detachedCount,
    async close() {
      for (const [meetingId, state] of meetings) {
        state.at = null;
        state.queue.run(() => sync(meetingId, state));
      }
      await Promise.all([...meetings.values()].map((state) => state.queue.idle()));
      meetings.clear();
    },
  };
}
