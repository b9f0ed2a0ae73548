import type { MeetingMode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import { createListeners } from '../events/createListeners.js';
import type { RoomRegistry } from '../meetings/createRoomRegistry.js';
import { admitSfuToken } from './admitSfuToken.js';
import { createConfiguredInstances } from './createConfiguredInstances.js';
import type { JanusInstance } from './createJanusInstance.js';
import { createSfuGraceSweep } from './createSfuGraceSweep.js';
import { createSfuGuard } from './createSfuGuard.js';
import { createSfuImpostorBench } from './createSfuImpostorBench.js';
import { createSfuMeetingEnd } from './createSfuMeetingEnd.js';
import { createSfuModeration } from './createSfuModeration.js';
import { createSfuModes } from './createSfuModes.js';
import { createSfuMoves } from './createSfuMoves.js';
import { createSfuProxy } from './createSfuProxy.js';
import { createSfuRefusals } from './createSfuRefusals.js';
import { createSfuRoomPlacer } from './createSfuRoomPlacer.js';
import { createSfuSync } from './createSfuSync.js';
import { createSfuTokens } from './createSfuTokens.js';
import { createMemorySfuStore } from './createMemorySfuStore.js';
import { endRoomForEveryone } from './endRoomForEveryone.js';
import { MESH_AGAIN_AT, type SfuController } from './SfuController.js';
import { createSfuMeetingState, heldTokens, type SfuMeetingState } from './SfuMeetingState.js';
import type { SfuLock, SfuStore } from './SfuStore.js';

export { SFU_IMPOSTOR_BENCH_MS } from './createSfuImpostorBench.js';
export { MESH_AGAIN_AT, type SfuController, type SfuStats } from './SfuController.js';

export function createSfuController(deps: {
  config: Config;
  rooms: Pick<RoomRegistry, 'list' | 'get'>;
  logger: Logger;
  /** Another way to reach Janus (tests); the configured instances by default. */
  instances?: JanusInstance[];
  /** Shared by several servers (Redis); this server's memory by default. */
  store?: SfuStore;
  /** This server's clock. */
  now?: () => number;
}): SfuController {
  const { config, rooms } = deps;
  const now = deps.now ?? Date.now;
  const settings = config.sfu;
  const meshGraceMs = settings?.meshGraceMs ?? 0;
  const logger = deps.logger.child({ module: 'sfu' });
  const modeListeners = createListeners<[string, string, MeetingMode]>();
  const meetings = new Map<string, SfuMeetingState>();
  const ready = (meetingId: string) => rooms.list(meetingId).filter((entry) => entry.ready);
  const store = deps.store ?? createMemorySfuStore((meetingId) => ready(meetingId).length);
  const instances = deps.instances ?? createConfiguredInstances(settings, logger, { cleanUp: !store.shared });
  const instanceAt = (url: string | null) => instances.find((instance) => instance.endpoint.url === url) ?? null;

  const proxy = createSfuProxy({ admit: (token) => admitSfuToken({ store, instanceAt }, token), logger });
  const moderation = createSfuModeration({ logger });
  const guard = createSfuGuard({
    logger,
    holder: (token) => store.holder(token),
    roomOf: async (meetingId) => (await store.placement(meetingId)).room,
    auditInstance: (instance, kind, pace, audit) => store.auditInstance(instance, kind, pace, audit),
    revokeImpostors: (instance, impostors) => impostorBench.revokeImpostors(instance, impostors),
  });
  /** A room no server is left to end for its own seats: ended for everyone, under the meeting's lock. */
  const endRoom = (meetingId: string, instance: JanusInstance, room: string, lock: SfuLock) =>
    endRoomForEveryone({ store, guard, logger }, meetingId, instance, room, lock);
  const graceSweep = createSfuGraceSweep({
    store,
    logger,
    meshGraceMs,
    instanceAt,
    keepsGrace: (meetingId) => (meetings.get(meetingId)?.retiring.size ?? 0) > 0,
    endRoom,
    periodic: instances.length > 0,
    now,
  });
  // These call one another (a sync may move the meeting, a move ends with a sync): each reaches the others
  // through arrow functions, called only once all of them exist.
  const placer = createSfuRoomPlacer({
    store,
    instances,
    instanceAt,
    publishers: settings?.maxParticipants ?? config.maxParticipants,
    logger,
  });
  const modes = createSfuModes({ config, instances, instanceAt, ready, emit: modeListeners.emit, now });
  const tokens = createSfuTokens({
    store,
    guard,
    logger,
    instanceAt,
    meshGraceMs,
    now,
    destroy: placer.destroy,
    sync: (meetingId, state) => sync(meetingId, state),
    forget: (meetingId, state) => forget(meetingId, state),
  });
  const moves = createSfuMoves({
    settings,
    store,
    placer,
    instanceAt,
    endRoom,
    sync: (meetingId, state, rehomeIfLost) => sync(meetingId, state, rehomeIfLost),
    logger,
  });
  const { sync, forget } = createSfuSync({
    store,
    meetings,
    tokens,
    modes,
    proxy,
    guard,
    moderation,
    instanceAt,
    ready,
    rehome: moves.rehome,
    logger,
  });
  const meetingEnd = createSfuMeetingEnd({ moves, tokens, store, logger });
  const impostorBench = createSfuImpostorBench({ meetings, rooms, store, tokens, modes, sync, logger });
  const refusals = createSfuRefusals({ instanceAt, tokens, sync, logger, now });

  function stateOf(meetingId: string): SfuMeetingState {
    let state = meetings.get(meetingId);
    if (!state) {
      state = createSfuMeetingState((error) => logger.error({ err: error, meetingId }, 'SFU change failed'));
      meetings.set(meetingId, state);
    }
    return state;
  }

  /** An instance died: each of its meetings moves to another (everyone republishes), or back to mesh. */
  function instanceDown(instance: JanusInstance): void {
    const url = instance.endpoint.url;
    for (const [meetingId, state] of meetings) {
      if (state.placement.instance !== url) continue;
      state.queue.run(() => moves.rehome(meetingId, state, (current) => current.instance === url, url));
    }
  }

  /**
   * An instance (re)appeared: meetings that grew past the threshold while none was up move to the SFU now, and
   * graces over that nobody ended there end now.
   */
  function instanceUp(): void {
    for (const [meetingId, state] of meetings) state.queue.run(() => moves.grow(meetingId, state));
    graceSweep.request();
  }

  /** Revokes a freed seat's token (unless the person holds the peer id again); the meeting may go back to mesh. */
  function free(meetingId: string, peerId: string, state: SfuMeetingState): void {
    state.queue.run(async () => {
      // The same person may hold the peer id again already (a resume): keep what is theirs.
      if (rooms.get(meetingId, peerId)) return;
      state.refusals.delete(peerId);
      moderation.seatGone(meetingId, peerId);
      await tokens.revoke(meetingId, state, [peerId]);
      await tokens.revokeRetiring(meetingId, state, peerId);
      if (state.placement.mode === 'sfu') {
        await moves.toMesh(meetingId, state, async () => (await store.readyCount(meetingId)) <= MESH_AGAIN_AT, true);
      }
      forget(meetingId, state);
    });
  }

  for (const instance of instances) {
    instance.onDown(() => instanceDown(instance));
    instance.onUp(instanceUp);
  }
  // Another server (or this one) changed a meeting: the people here follow.
  store.onChanged((meetingId) => {
    const state = meetings.get(meetingId);
    state?.queue.run(async () => {
      await sync(meetingId, state);
      forget(meetingId, state);
    });
  });
  // A room ended for everyone (any server's endRoomForEveryone): whoever still reaches Janus through this server's
  // `/sfu` with one of its tokens is let go (their Janus session ends with the websocket), whoever issued it.
  store.onDropped((dropped) => {
    for (const token of dropped) proxy.closeToken(token, 'SFU_TOKEN_INVALID');
  });
  store.onRevoked((revokedTokens) => {
    for (const token of revokedTokens) proxy.closeToken(token, 'SFU_TOKEN_INVALID');
    // A token this server still holds for a seat was revoked by another server: only its guard does that, having
    // caught the seat publishing under another's id (this server revokes its own tokens after letting go of them).
    const revoked = new Set(revokedTokens);
    for (const [meetingId, state] of meetings) {
      for (const [peerId, token] of heldTokens(state).flatMap((byPeer) => [...byPeer])) {
        if (revoked.has(token)) state.queue.run(() => impostorBench.bench(meetingId, state, peerId, token));
      }
    }
  });

  return {
    seatReady(entry) {
      const { meetingId } = entry;
      const peerId = entry.participant.peerId;
      const state = stateOf(meetingId);
      clearTimeout(state.parked.get(peerId));
      state.parked.delete(peerId);
      state.queue.run(async () => {
        if (!rooms.get(meetingId, peerId)?.ready) return;
        const hadToken = state.tokens.has(peerId);
        // sync tells a seat it gives a token to; one already holding its token (a resume) hears it again.
        const told = await sync(meetingId, state);
        if (!told && (hadToken || !state.tokens.has(peerId))) modes.tell(meetingId, state, peerId);
        await moves.grow(meetingId, state);
      });
    },
    seatFreed(entry, reason) {
      const { meetingId } = entry;
      const peerId = entry.participant.peerId;
      const state = meetings.get(meetingId);
      if (!state) return;
      const holdsToken = heldTokens(state).some((tokens) => tokens.has(peerId));
      if (reason === 'disconnected' && holdsToken && !state.parked.has(peerId)) {
        const timer = setTimeout(() => {
          state.parked.delete(peerId);
          free(meetingId, peerId, state);
        }, config.peer.readyTimeoutMs);
        timer.unref();
        state.parked.set(peerId, timer);
        return;
      }
      free(meetingId, peerId, state);
    },
    meetingEnded(meetingId) {
      const state = meetings.get(meetingId);
      if (!state) return;
      for (const timer of [...state.parked.values(), ...state.benched.values()]) clearTimeout(timer);
      state.parked.clear();
      state.benched.clear();
      // Its state here goes after the first try, whatever failed: retries (if any) hold on to it themselves.
      meetingEnd.end(meetingId, state, () => {
        if (meetings.get(meetingId) === state) meetings.delete(meetingId);
        store.forget(meetingId);
      });
    },
    async modeFor(meetingId, peerId, refused) {
      const state = meetings.get(meetingId);
      if (!state) return modes.modeOf(stateOf(meetingId), peerId);
      if (refused !== undefined && (await refusals.lostToken(meetingId, state, peerId, refused))) {
        state.queue.run(() => refusals.renew(meetingId, state, peerId, refused));
      }
      await state.queue.idle();
      return modes.modeOf(state, peerId);
    },
    setForwarded(meetingId, peerId, kind, forwarded) {
      // Without an SFU there is nothing to forward: a mesh meeting's media goes from person to person.
      if (settings) moderation.setForwarded(meetingId, peerId, kind, forwarded);
    },
    maxParticipants: (meetingId) => modes.limit(meetings.get(meetingId)),
    onMode: modeListeners.add,
    stats() {
      const placed = [...meetings.values()].filter((state) => state.placement.mode === 'sfu');
      return {
        instances: instances.length,
        instancesUp: instances.filter((instance) => instance.isUp()).length,
        meetings: placed.length,
        participants: placed.reduce((sum, state) => sum + state.tokens.size, 0),
        proxyConnections: proxy.connections(),
        meetingsHeld: meetings.size,
      };
    },
    handleUpgrade: (req, socket, head) => proxy.handleUpgrade(req, socket, head),
    async start() {
      await Promise.all(instances.map((instance) => instance.start()));
    },
    async close() {
      for (const state of meetings.values()) {
        for (const timer of [...state.parked.values(), ...state.benched.values()]) clearTimeout(timer);
        for (const retiring of state.retiring.values()) clearTimeout(retiring.timer);
      }
      meetingEnd.close();
      proxy.close();
      await Promise.all([moderation.close(), guard.close(), graceSweep.close()]);
      for (const instance of instances) instance.close();
    },
  };
}
