import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SFU_PATH, type LeaveReason, type MeetingMode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { LiveParticipant, RoomRegistry } from '../meetings/createRoomRegistry.js';
import { createJanusInstance, isRoomMissing, type JanusInstance } from './createJanusInstance.js';
import { createSfuGraceSweep } from './createSfuGraceSweep.js';
import { createSfuGuard, type Impostor } from './createSfuGuard.js';
import { createSfuModeration, type ForwardedKind } from './createSfuModeration.js';
import { createSfuProxy, type SfuAdmission } from './createSfuProxy.js';
import { createMemorySfuStore } from './createMemorySfuStore.js';
import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import { endRoomForEveryone } from './endRoomForEveryone.js';
import { leastLoaded } from './leastLoaded.js';
import { MESH, type SfuPlacement, type SfuStore, type SfuTokenHolder } from './SfuStore.js';

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

/** A seat's refused token is checked with Janus at most once in this time (a client naming it again and again). */
const REFUSAL_CHECK_EVERY_MS = 5_000;

/**
 * A person caught publishing under another seat's id in direct mode (the guard's impostor) loses their token at
 * once and gets no new SFU credentials from this server for this long (they are told the mesh meanwhile).
 */
export const SFU_IMPOSTOR_BENCH_MS = 60_000;

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

/**
 * A room the meeting just left for the mesh, kept for the grace (WAVA_SFU_MESH_GRACE) so that clients keep
 * their SFU media until their mesh calls show pictures (make before break). The mesh placement still names it
 * (so it counts where meetings are placed) until the grace is over; if the meeting grows again meanwhile it goes
 * back into this room, and these tokens are its seats' again.
 */
interface RetiringRoom {
  placement: SfuPlacement;
  /** peer id -> this server's seat's token in that room, still valid until the grace is over. */
  tokens: Map<string, string>;
  /** When the grace is over here (this server's clock: only this server reads it). */
  until: number;
  timer: NodeJS.Timeout;
}

interface MeetingState {
  /** The placement this server last acted on (the store has the truth). */
  placement: SfuPlacement;
  /** peer id -> this server's seat's token, in SFU mode. */
  tokens: Map<string, string>;
  /** Rooms left for the mesh whose tokens and room live on for the grace, by room. */
  retiring: Map<string, RetiringRoom>;
  /** Every change of this meeting, in order. */
  queue: TrackedQueue;
  /** peer id -> the timer that frees a seat whose connection dropped, unless it comes back first. */
  parked: Map<string, NodeJS.Timeout>;
  /** peer id -> when its refused token was last checked with Janus (Infinity while that check is going on). */
  refusals: Map<string, number>;
  /** user id -> the timer that ends their bench (no SFU token meanwhile: they published under another's id). */
  benched: Map<string, NodeJS.Timeout>;
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
  const modes = createListeners<[string, string, MeetingMode]>();
  const meetings = new Map<string, MeetingState>();
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
  const proxyBase = config.publicUrl.replace(/^http/, 'ws');

  const proxy = createSfuProxy({ admit, logger });
  const moderation = createSfuModeration({ logger });
  const guard = createSfuGuard({
    logger,
    holder: (token) => store.holder(token),
    roomOf: async (meetingId) => (await store.placement(meetingId)).room,
    auditInstance: (instance, kind, pace, audit) => store.auditInstance(instance, kind, pace, audit),
    revokeImpostors,
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

  function stateOf(meetingId: string): MeetingState {
    let state = meetings.get(meetingId);
    if (!state) {
      state = {
        placement: MESH,
        tokens: new Map(),
        retiring: new Map(),
        queue: createTrackedQueue((error) => logger.error({ err: error, meetingId }, 'SFU change failed')),
        parked: new Map(),
        refusals: new Map(),
        benched: new Map(),
      };
      meetings.set(meetingId, state);
    }
    return state;
  }

  function modeOf(state: MeetingState, peerId: string): MeetingMode {
    const token = state.tokens.get(peerId);
    const { placement } = state;
    const instance = instanceAt(placement.instance);
    if (!settings || placement.mode === 'mesh' || !token || !instance || !placement.room) {
      return { mode: 'mesh', maxParticipants: limit(state), ...graceOf(state, peerId) };
    }
    const publicUrl = instance.endpoint.publicUrl;
    return {
      mode: 'sfu',
      url: publicUrl ?? `${proxyBase}${SFU_PATH}?token=${encodeURIComponent(token)}`,
      room: placement.room,
      token,
      publisherId: peerId,
      generation: placement.generation,
      lastN: settings.lastN,
      maxParticipants: settings.maxParticipants,
    };
  }

  /** The time left of the seat's SFU credentials in a room the meeting just left (make before break). */
  function graceOf(state: MeetingState, peerId: string): { sfuGraceMs?: number } {
    let until = 0;
    for (const retiring of state.retiring.values()) {
      if (retiring.tokens.has(peerId)) until = Math.max(until, retiring.until);
    }
    const left = until - now();
    return left > 0 ? { sfuGraceMs: left } : {};
  }

  /** The mesh limit, or the SFU's while the meeting is there or could move there. */
  function limit(state: MeetingState | undefined): number {
    if (!settings) return config.maxParticipants;
    if (state?.placement.mode === 'sfu' || instances.some((instance) => instance.isUp())) {
      return settings.maxParticipants;
    }
    return config.maxParticipants;
  }

  const tell = (meetingId: string, state: MeetingState, peerId: string) =>
    modes.emit(meetingId, peerId, modeOf(state, peerId));
  const tellEveryone = (meetingId: string, state: MeetingState) => {
    for (const entry of ready(meetingId)) tell(meetingId, state, entry.participant.peerId);
  };

  const newToken = () => randomBytes(24).toString('base64url');

  /** A new room on the least loaded instance up (other than `except`); null when none can take it. */
  async function place(current: SfuPlacement, except?: string): Promise<SfuPlacement | null> {
    const loads = await store.loads();
    const instance = leastLoaded(
      instances,
      (candidate) => candidate.endpoint.url !== except && candidate.isUp(),
      (candidate) => loads.get(candidate.endpoint.url) ?? 0,
    );
    if (!instance) return null;
    const room = `wava-${randomBytes(12).toString('base64url')}`;
    // Tokens are added by each server for its own seats (`allowed` add), so none overwrites another's.
    await instance.createRoom(room, { publishers: settings!.maxParticipants, allowed: [] });
    return { mode: 'sfu', generation: current.generation + 1, instance: instance.endpoint.url, room };
  }

  /** Destroys the placement's room (best effort: a Janus that lost track of it has no room to destroy). */
  async function destroy(meetingId: string, placement: SfuPlacement): Promise<void> {
    const instance = instanceAt(placement.instance);
    if (!instance?.isUp() || !placement.room) return;
    await instance
      .destroyRoom(placement.room)
      .catch((error: unknown) =>
        logger.warn({ err: error, meetingId, room: placement.room }, 'could not destroy the SFU room'),
      );
  }

  /** Revokes this server's tokens of `peerIds` (all of them by default) in the room they were issued for. */
  async function revoke(meetingId: string, state: MeetingState, peerIds = [...state.tokens.keys()]): Promise<void> {
    await revokeIn(meetingId, state.placement, state.tokens, peerIds);
  }

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
   * Back to mesh (`next`) from `left`. When the placement keeps the room for the grace (see toMesh), this
   * server's tokens there stay valid that long, so its people keep their SFU media until their mesh calls show
   * pictures (make before break), and the room goes once the grace is over. Otherwise they go at once.
   */
  async function retire(meetingId: string, state: MeetingState, left: SfuPlacement, next: SfuPlacement): Promise<void> {
    const tokens = state.tokens;
    state.tokens = new Map();
    if (next.room !== null && next.room === left.room && keepForGrace(meetingId, state, left, tokens)) return;
    await revokeIn(meetingId, left, tokens, [...tokens.keys()]);
  }

  /**
   * Keeps a room the meeting left for the mesh (and `tokens`, this server's there) for the grace; false when
   * there is none (no grace configured, or the instance down).
   */
  function keepForGrace(
    meetingId: string,
    state: MeetingState,
    placement: SfuPlacement,
    tokens: Map<string, string>,
  ): boolean {
    const graceMs = settings?.meshGraceMs ?? 0;
    const room = placement.room;
    if (graceMs === 0 || !room || !instanceAt(placement.instance)?.isUp()) return false;
    const timer = setTimeout(() => state.queue.run(() => endRetiring(meetingId, state, room)), graceMs);
    timer.unref();
    clearTimeout(state.retiring.get(room)?.timer);
    state.retiring.set(room, { placement, tokens, until: now() + graceMs, timer });
    guardIfDirect(meetingId, placement); // its tokens still admit to it: still no one under another's id
    return true;
  }

  /**
   * The grace of a room left for the mesh is over (or cut short: the meeting ended, or was placed in another
   * room): this server's tokens there go, and so does the room while the mesh placement still names it (whichever
   * server comes first, under the meeting's lock). A meeting placed in this room again meanwhile keeps it all.
   */
  async function endRetiring(meetingId: string, state: MeetingState, room: string): Promise<void> {
    const retiring = state.retiring.get(room);
    if (!retiring) return;
    let placedAgain = false;
    await store.change(meetingId, async (current) => {
      placedAgain = current.mode === 'sfu' && current.room === room;
      if (placedAgain) return null;
      clearTimeout(retiring.timer);
      state.retiring.delete(room);
      await revokeIn(meetingId, retiring.placement, retiring.tokens, [...retiring.tokens.keys()]);
      if (current.mode !== 'mesh' || current.room !== room) return null;
      await destroy(meetingId, retiring.placement);
      return { ...current, instance: null, room: null };
    });
    if (placedAgain) {
      await sync(meetingId, state);
      return;
    }
    if (state.placement.mode !== 'sfu' || state.placement.room !== room) guard.release(room);
    forget(meetingId, state);
  }

  /**
   * The meeting is on the SFU (`placement`): a room in its grace that it went back into is its room again (this
   * server's tokens there are its seats' tokens again: their sessions carry on, nobody publishes anew); any
   * other room in its grace ends at once, so that nobody publishes in two rooms.
   */
  async function followRetiring(meetingId: string, state: MeetingState, placement: SfuPlacement): Promise<void> {
    for (const [room, retiring] of [...state.retiring]) {
      if (room !== placement.room) {
        await endRetiring(meetingId, state, room);
        continue;
      }
      clearTimeout(retiring.timer);
      state.retiring.delete(room);
      for (const [peerId, token] of retiring.tokens) if (!state.tokens.has(peerId)) state.tokens.set(peerId, token);
    }
  }

  /** Through the proxy every publisher id is forced; at a public address the guard checks them. */
  function guardIfDirect(meetingId: string, placement: SfuPlacement): void {
    const instance = instanceAt(placement.instance);
    if (instance?.endpoint.publicUrl && placement.room) guard.guard(meetingId, { instance, room: placement.room });
  }

  /** A seat gone: its token in every room still in its grace goes at once (a removed person's media stops). */
  async function revokeRetiring(meetingId: string, state: MeetingState, peerId: string): Promise<void> {
    for (const retiring of state.retiring.values()) {
      if (retiring.tokens.has(peerId)) await revokeIn(meetingId, retiring.placement, retiring.tokens, [peerId]);
    }
  }

  /**
   * Catches up with the meeting's placement in the store: the tokens of an old room are revoked (or kept for the
   * grace), this server's ready seats get tokens for the new one, and hear of it. True when they were told.
   * A room Janus no longer has is placed again (`rehomeIfLost`, once), as when its instance dies; when the room
   * placed instead is lost too (`rehomeIfLost` false), the meeting goes back to mesh.
   */
  async function sync(meetingId: string, state: MeetingState, rehomeIfLost = true): Promise<boolean> {
    const placement = await store.placement(meetingId);
    const moved = placement.mode !== state.placement.mode || placement.generation !== state.placement.generation;
    if (moved) {
      if (state.placement.mode === 'sfu' && placement.mode === 'sfu') {
        for (const token of state.tokens.values()) proxy.closeToken(token, 'SFU_UNAVAILABLE');
      }
      if (state.placement.mode === 'sfu' && placement.mode === 'mesh') {
        await retire(meetingId, state, state.placement, placement);
      } else await revoke(meetingId, state);
      const left = state.placement.room;
      if (left && left !== placement.room && !state.retiring.has(left)) guard.release(left);
      state.placement = placement;
      const placedOn = instanceAt(placement.instance);
      const at =
        placement.mode === 'sfu' && placedOn && placement.room ? { instance: placedOn, room: placement.room } : null;
      moderation.roomChanged(meetingId, at);
      if (placement.mode === 'sfu') guardIfDirect(meetingId, placement);
      if (placement.mode === 'sfu') {
        logger.info({ meetingId, room: placement.room, sfu: placement.instance }, 'meeting placed on the SFU');
      } else logger.info({ meetingId }, 'meeting back to mesh');
    }
    // Also a mesh placement that no longer names a room in its grace.
    state.placement = placement;
    const instance = instanceAt(placement.instance);
    if (placement.mode === 'sfu' && instance && placement.room) {
      await followRetiring(meetingId, state, placement);
      const added = new Map<string, SfuTokenHolder>();
      const issued = new Map<string, string>();
      for (const entry of ready(meetingId)) {
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
            // Janus lost our session (see createJanusInstance): instanceDown moves the meeting.
            logger.warn({ err: error, meetingId }, 'the SFU instance went down while issuing tokens');
            return moved;
          }
          if (!isRoomMissing(error)) throw error;
          const lost = (current: SfuPlacement) => current.mode === 'sfu' && current.room === placement.room;
          if (rehomeIfLost) {
            logger.warn({ meetingId, room: placement.room }, 'the SFU lost the meeting room: placing it again');
            await rehome(meetingId, state, lost);
          } else {
            // The room placed instead of a lost one is lost too: placing it again could go on forever.
            logger.error({ meetingId, room: placement.room }, 'the SFU lost the room it was just given: back to mesh');
            await store.change(meetingId, async (current) =>
              lost(current) ? { ...current, mode: 'mesh', instance: null, room: null } : null,
            );
            await sync(meetingId, state, false);
          }
          return true;
        }
        for (const [peerId, token] of issued) state.tokens.set(peerId, token);
        if (!moved) for (const peerId of issued.keys()) tell(meetingId, state, peerId);
      }
    }
    if (moved) tellEveryone(meetingId, state);
    return moved;
  }

  function forget(meetingId: string, state: MeetingState): void {
    const empty = ready(meetingId).length === 0 && state.parked.size === 0 && state.retiring.size === 0;
    if (state.placement.mode === 'mesh' && empty && meetings.get(meetingId) === state) {
      meetings.delete(meetingId);
      store.forget(meetingId);
    }
  }

  /** An instance died: each of its meetings moves to another (everyone republishes), or back to mesh. */
  function instanceDown(instance: JanusInstance): void {
    const url = instance.endpoint.url;
    for (const [meetingId, state] of meetings) {
      if (state.placement.instance !== url) continue;
      state.queue.run(() => rehome(meetingId, state, (current) => current.instance === url, url));
    }
  }

  /**
   * The meeting's room is lost (`lost` says whether the stored placement is the lost one: its instance died, or
   * Janus no longer has the room): a new room on the least loaded instance up other than `avoid`, everyone
   * publishes again; back to mesh when none can take it. A room in its grace that is lost is only forgotten.
   */
  async function rehome(
    meetingId: string,
    state: MeetingState,
    lost: (current: SfuPlacement) => boolean,
    avoid?: string,
  ): Promise<void> {
    await store.change(meetingId, async (current) => {
      if (!lost(current)) return null; // moved meanwhile
      const gone: SfuPlacement = { ...current, mode: 'mesh', instance: null, room: null };
      if (current.mode === 'mesh') return gone;
      const moved = await place(current, avoid).catch((error: unknown) => {
        logger.error({ err: error, meetingId }, 'could not place the meeting in a new SFU room');
        return null;
      });
      if (!moved) logger.warn({ meetingId }, 'the meeting lost its SFU room and no instance can take it: back to mesh');
      return moved ?? gone;
    });
    await sync(meetingId, state, false);
  }

  /**
   * An instance (re)appeared: meetings that grew past the threshold while none was up move to the SFU now, and
   * graces over that nobody ended there end now.
   */
  function instanceUp(): void {
    for (const [meetingId, state] of meetings) state.queue.run(() => grow(meetingId, state));
    graceSweep.request();
  }

  async function grow(meetingId: string, state: MeetingState): Promise<void> {
    if (!settings || state.placement.mode !== 'mesh') return;
    if ((await store.readyCount(meetingId)) <= settings.threshold) return;
    await store.change(meetingId, async (current) => {
      if (current.mode !== 'mesh') return null; // another server placed it meanwhile
      // Within the grace of the room it left: back into it, where everyone's SFU session still is.
      const { graceLeftMs, ...left } = current;
      const inGrace = (graceLeftMs ?? 0) > 0;
      if (left.room !== null && inGrace && instanceAt(left.instance)?.isUp()) return { ...left, mode: 'sfu' };
      // Its instance is down, or its grace is over with nobody to end it (every server's tokens there go with the
      // room, best effort), and a new room.
      const leftOn = instanceAt(left.instance);
      if (left.room !== null && leftOn?.isUp()) await endRoom(meetingId, leftOn, left.room);
      const placed = await place(current).catch((error: unknown) => {
        logger.error({ err: error, meetingId }, 'could not create the meeting room on the SFU');
        return null;
      });
      if (!placed) logger.warn({ meetingId }, 'meeting past the SFU threshold stays a mesh: no SFU instance is up');
      return placed;
    });
    await sync(meetingId, state);
  }

  /**
   * Back to mesh; every server revokes its own tokens. Make before break (`graceful`, with a grace configured):
   * the mesh placement keeps naming the room for the grace, and every server keeps its tokens there that long
   * (see retire). Otherwise whoever holds the lock destroys the room at once.
   */
  async function toMesh(
    meetingId: string,
    state: MeetingState,
    shouldShrink: () => Promise<boolean>,
    graceful: boolean,
  ): Promise<void> {
    await store.change(meetingId, async (current) => {
      if (current.mode !== 'sfu' || !(await shouldShrink())) return null;
      const keep = graceful && (settings?.meshGraceMs ?? 0) > 0 && instanceAt(current.instance)?.isUp();
      if (keep) return { ...current, mode: 'mesh', graceLeftMs: settings!.meshGraceMs };
      await destroy(meetingId, current);
      return { ...current, mode: 'mesh', instance: null, room: null };
    });
    await sync(meetingId, state);
  }

  /**
   * Whether Janus lost the seat's own live token `refused` (restarted between two of our keepalives, or an
   * operator removed it). Asked outside the meeting's queue, and at most once per seat in
   * REFUSAL_CHECK_EVERY_MS: a client naming its token again and again neither loads Janus nor holds up the
   * meeting's other changes (a removed person's token being revoked).
   */
  async function lostToken(meetingId: string, state: MeetingState, peerId: string, refused: string): Promise<boolean> {
    if (state.tokens.get(peerId) !== refused || state.placement.mode !== 'sfu') return false;
    const last = state.refusals.get(peerId);
    if (last !== undefined && now() - last < REFUSAL_CHECK_EVERY_MS) return false;
    const instance = instanceAt(state.placement.instance);
    if (!instance?.isUp()) return false;
    state.refusals.set(peerId, Infinity);
    try {
      return !(await instance.hasToken(refused));
    } catch (error) {
      logger.warn({ err: error, meetingId }, 'could not check a refused SFU token');
      return false;
    } finally {
      if (state.refusals.has(peerId)) state.refusals.set(peerId, now());
    }
  }

  /**
   * Janus lost a seat's live token (see lostToken): the token is revoked everywhere and the seat, still ready,
   * gets a new one. A token Janus still takes changes nothing, so a client cannot make the server churn tokens.
   */
  async function renew(meetingId: string, state: MeetingState, peerId: string, refused: string): Promise<void> {
    if (state.tokens.get(peerId) !== refused || state.placement.mode !== 'sfu') return;
    logger.warn({ meetingId, peerId }, 'the SFU refused a live token: issuing a new one');
    await revoke(meetingId, state, [peerId]);
    await sync(meetingId, state);
  }

  /** Whether this server issued `token` to the seat (in the meeting's room, or one in its grace). */
  function issued(state: MeetingState, peerId: string, token: string): boolean {
    const holds = (tokens: Map<string, string>) => tokens.get(peerId) === token;
    return holds(state.tokens) || [...state.retiring.values()].some((retiring) => holds(retiring.tokens));
  }

  /**
   * The guard caught these tokens publishing under another seat's id; resolves once they are revoked. This
   * server's seats are benched; another server's token is revoked here and now (in the store and in Janus), and
   * that server benches its seat when it hears of it (`store.onRevoked`).
   */
  async function revokeImpostors(instance: JanusInstance, impostors: ReadonlyMap<string, Impostor>): Promise<void> {
    await Promise.all(
      [...impostors].map(async ([token, { holder, room }]) => {
        const { meetingId, peerId } = holder;
        const state = meetings.get(meetingId);
        if (state && issued(state, peerId, token)) {
          return new Promise<void>((resolve) =>
            state.queue.run(() => bench(meetingId, state, peerId, token).finally(resolve)),
          );
        }
        await store.removeTokens([token]);
        await instance.revoke(room, [token]);
      }),
    );
  }

  /**
   * An impostor's seat: its tokens go as a removed person's do (Janus forgets them, their handles and sessions
   * end), and its person gets no SFU token for SFU_IMPOSTOR_BENCH_MS, so that the seat whose id they took can
   * join under it (that client's retry after Janus refused it the id).
   */
  async function bench(meetingId: string, state: MeetingState, peerId: string, token: string): Promise<void> {
    if (!issued(state, peerId, token)) return;
    const userId = rooms.get(meetingId, peerId)?.participant.userId;
    logger.warn({ meetingId, peerId, userId }, 'SFU publisher under another seat’s id: its token revoked, benched');
    if (userId !== undefined) {
      clearTimeout(state.benched.get(userId));
      const timer = setTimeout(
        () =>
          state.queue.run(async () => {
            if (state.benched.get(userId) !== timer) return;
            state.benched.delete(userId);
            if (meetings.get(meetingId) === state) await sync(meetingId, state);
          }),
        SFU_IMPOSTOR_BENCH_MS,
      );
      timer.unref();
      state.benched.set(userId, timer);
    }
    await revoke(meetingId, state, [peerId]);
    await revokeRetiring(meetingId, state, peerId);
    if (rooms.get(meetingId, peerId)?.ready) tell(meetingId, state, peerId);
  }

  /** Revokes a freed seat's token (unless the person holds the peer id again); the meeting may go back to mesh. */
  function free(meetingId: string, peerId: string, state: MeetingState): void {
    state.queue.run(async () => {
      // The same person may hold the peer id again already (a resume): keep what is theirs.
      if (rooms.get(meetingId, peerId)) return;
      state.refusals.delete(peerId);
      moderation.seatGone(meetingId, peerId);
      await revoke(meetingId, state, [peerId]);
      await revokeRetiring(meetingId, state, peerId);
      if (state.placement.mode === 'sfu') {
        await toMesh(meetingId, state, async () => (await store.readyCount(meetingId)) <= MESH_AGAIN_AT, true);
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
      const held = [state.tokens, ...[...state.retiring.values()].map((retiring) => retiring.tokens)];
      for (const [peerId, token] of held.flatMap((byPeer) => [...byPeer])) {
        if (revoked.has(token)) state.queue.run(() => bench(meetingId, state, peerId, token));
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
        if (!(await sync(meetingId, state)) && (hadToken || !state.tokens.has(peerId))) tell(meetingId, state, peerId);
        await grow(meetingId, state);
      });
    },
    seatFreed(entry, reason) {
      const { meetingId } = entry;
      const peerId = entry.participant.peerId;
      const state = meetings.get(meetingId);
      if (!state) return;
      const holdsToken =
        state.tokens.has(peerId) || [...state.retiring.values()].some((retiring) => retiring.tokens.has(peerId));
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
        if (state.placement.mode === 'sfu') await toMesh(meetingId, state, async () => true, false);
        await revoke(meetingId, state);
        for (const room of [...state.retiring.keys()]) await endRetiring(meetingId, state, room);
        if (meetings.get(meetingId) === state) meetings.delete(meetingId);
        store.forget(meetingId);
      });
    },
    async modeFor(meetingId, peerId, refused) {
      const state = meetings.get(meetingId);
      if (!state) return modeOf(stateOf(meetingId), peerId);
      if (refused !== undefined && (await lostToken(meetingId, state, peerId, refused))) {
        state.queue.run(() => renew(meetingId, state, peerId, refused));
      }
      await state.queue.idle();
      return modeOf(state, peerId);
    },
    setForwarded(meetingId, peerId, kind, forwarded) {
      // Without an SFU there is nothing to forward: a mesh meeting's media goes from person to person.
      if (settings) moderation.setForwarded(meetingId, peerId, kind, forwarded);
    },
    maxParticipants: (meetingId) => limit(meetings.get(meetingId)),
    onMode: modes.add,
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
