import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { LeaveReason, MeetingMode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { LiveParticipant, RoomRegistry } from '../meetings/createRoomRegistry.js';
import { createJanusInstance, type JanusInstance } from './createJanusInstance.js';
import { createSfuGraceSweep } from './createSfuGraceSweep.js';
import { createSfuGuard } from './createSfuGuard.js';
import { createSfuImpostorBench } from './createSfuImpostorBench.js';
import { createSfuModeration, type ForwardedKind } from './createSfuModeration.js';
import { createSfuModes } from './createSfuModes.js';
import { createSfuMoves } from './createSfuMoves.js';
import { createSfuProxy, type SfuAdmission } from './createSfuProxy.js';
import { createSfuRefusals } from './createSfuRefusals.js';
import { createSfuRoomPlacer } from './createSfuRoomPlacer.js';
import { createSfuSync } from './createSfuSync.js';
import { createSfuTokens } from './createSfuTokens.js';
import { createMemorySfuStore } from './createMemorySfuStore.js';
import { endRoomForEveryone } from './endRoomForEveryone.js';
import { createSfuMeetingState, heldTokens, type SfuMeetingState } from './SfuMeetingState.js';
import type { SfuStore } from './SfuStore.js';

export { SFU_IMPOSTOR_BENCH_MS } from './createSfuImpostorBench.js';

/** What /metrics shows of the SFU. */
export interface SfuStats {
  instances: number;
  instancesUp: number;
  meetings: number;
  participants: number;
  proxyConnections: number;
}

/** A meeting in SFU mode goes back to the mesh when it shrinks to this many people. */
export const MESH_AGAIN_AT = 2;

/**
 * Which mode each live meeting is in, its VideoRoom room on one of the Janus instances, and each ready seat's
 * token there. Signaling tells it about seats (ready, freed); it tells Signaling what each seat must hear
 * (`onMode`). Every change of one meeting runs in that meeting's own queue, in order. The placement and the live
 * tokens are in an SfuStore (shared through Redis by several servers); each server issues and revokes the
 * tokens of its own seats, and whoever holds the meeting's lock creates, moves or destroys its room.
 */
export interface SfuController {
  /** The seat is ready (or moved to another connection of the same person): it learns the mode. */
  seatReady(entry: LiveParticipant): void;
  /**
   * The seat was freed: its token is revoked and its publisher kicked; the meeting may go back to mesh. A seat
   * freed because its connection dropped (`disconnected`) keeps its token (in the meeting's room, or in one it
   * left for the mesh and still in its grace), publisher and `/sfu` websocket for
   * WAVA_PEER_READY_TIMEOUT: a client that rejoins with its peer id in that time carries on with them.
   */
  seatFreed(entry: LiveParticipant, reason: LeaveReason): void;
  /** The meeting ended: its room is destroyed and every token revoked. */
  meetingEnded(meetingId: string): void;
  /**
   * This seat's mode once the meeting's pending changes are done (what `sfu:credentials` answers). `refused`: the
   * token Janus refused the seat; when it is the seat's own and Janus no longer knows it, the seat gets a new one.
   */
  modeFor(meetingId: string, peerId: string, refused?: string): Promise<MeetingMode>;
  /**
   * Host powers in SFU mode: whether Janus forwards this kind of the seat's media (false after a host muted it or
   * stopped its camera or screen; true once its owner turned it on again with the server's consent).
   */
  setForwarded(meetingId: string, peerId: string, kind: ForwardedKind, forwarded: boolean): void;
  /** The size limit a join into this meeting is checked against. */
  maxParticipants(meetingId: string): number;
  /** A seat must be told its mode (`meeting:mode`). */
  onMode(listener: (meetingId: string, peerId: string, mode: MeetingMode) => void): Unsubscribe;
  /** `/sfu` upgrades (true); other paths are left alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): SfuStats;
  /** Resolves once every instance was tried once (down ones keep retrying in the background). */
  start(): Promise<void>;
  /** Waits for the meetings' pending changes (bounded by the caller), then disconnects from every instance. */
  close(): Promise<void>;
}

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
  const logger = deps.logger.child({ module: 'sfu' });
  const modeListeners = createListeners<[string, string, MeetingMode]>();
  const meetings = new Map<string, SfuMeetingState>();
  const ready = (meetingId: string) => rooms.list(meetingId).filter((entry) => entry.ready);
  const store = deps.store ?? createMemorySfuStore((meetingId) => ready(meetingId).length);
  const instances =
    deps.instances ??
    (settings?.urls ?? []).map((url, index) =>
      createJanusInstance(
        {
          url,
          adminUrl: settings!.adminUrls[index]!,
          publicUrl: settings!.publicUrls?.[index] ?? null,
          secret: settings!.secret,
        },
        logger,
        { cleanUp: !store.shared, talking: settings!.talking },
      ),
    );
  const instanceAt = (url: string | null) => instances.find((instance) => instance.endpoint.url === url) ?? null;

  const proxy = createSfuProxy({ admit, logger });
  const moderation = createSfuModeration({ logger });
  const guard = createSfuGuard({
    logger,
    holder: (token) => store.holder(token),
    roomOf: async (meetingId) => (await store.placement(meetingId)).room,
    auditInstance: (instance, kind, pace, audit) => store.auditInstance(instance, kind, pace, audit),
    revokeImpostors: (instance, impostors) => impostorBench.revokeImpostors(instance, impostors),
  });
  /** A room no server is left to end for its own seats: ended for everyone, under the meeting's lock. */
  const endRoom = (meetingId: string, instance: JanusInstance, room: string) =>
    endRoomForEveryone({ store, guard, logger }, meetingId, instance, room);
  const graceSweep = createSfuGraceSweep({
    store,
    logger,
    meshGraceMs: settings?.meshGraceMs ?? 0,
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
    publishers: settings?.maxParticipants ?? 0,
    logger,
  });
  const modes = createSfuModes({ config, instances, instanceAt, ready, emit: modeListeners.emit, now });
  const tokens = createSfuTokens({
    store,
    guard,
    logger,
    instanceAt,
    meshGraceMs: settings?.meshGraceMs ?? 0,
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
  const impostorBench = createSfuImpostorBench({ meetings, rooms, store, tokens, modes, sync, logger });
  const refusals = createSfuRefusals({ instanceAt, tokens, sync, logger, now });

  /** Any server's token, as long as its seat holds it and the meeting is still where it was issued for. */
  async function admit(token: string): Promise<SfuAdmission> {
    const holder = await store.holder(token);
    const placement = holder && (await store.placement(holder.meetingId));
    if (!holder || !placement || placement.mode !== 'sfu' || placement.generation !== holder.generation) {
      return { ok: false, code: 'SFU_TOKEN_INVALID' };
    }
    const instance = instanceAt(placement.instance);
    if (!instance?.isUp() || !placement.room) return { ok: false, code: 'SFU_UNAVAILABLE' };
    return { ok: true, upstreamUrl: instance.endpoint.url, publisherId: holder.peerId, room: placement.room };
  }

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
  store.onRevoked((tokens) => {
    for (const token of tokens) proxy.closeToken(token, 'SFU_TOKEN_INVALID');
    // A token this server still holds for a seat was revoked by another server: only its guard does that, having
    // caught the seat publishing under another's id (this server revokes its own tokens after letting go of them).
    const revoked = new Set(tokens);
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
        if (!(await sync(meetingId, state)) && (hadToken || !state.tokens.has(peerId)))
          modes.tell(meetingId, state, peerId);
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
      state.queue.run(async () => {
        if (state.placement.mode === 'sfu') await moves.toMesh(meetingId, state, async () => true, false);
        await tokens.revoke(meetingId, state);
        for (const room of [...state.retiring.keys()]) await tokens.endRetiring(meetingId, state, room);
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
      proxy.close();
      await Promise.all([moderation.close(), guard.close(), graceSweep.close()]);
      for (const instance of instances) instance.close();
    },
  };
}
