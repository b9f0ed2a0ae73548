import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SFU_PATH, type LeaveReason, type MeetingMode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { LiveParticipant, RoomRegistry } from '../meetings/createRoomRegistry.js';
import { createJanusInstance, type JanusInstance } from './createJanusInstance.js';
import { createSfuModeration, type ForwardedKind } from './createSfuModeration.js';
import { createSfuProxy, type SfuAdmission } from './createSfuProxy.js';
import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import { leastLoaded } from './leastLoaded.js';

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
 * (`onMode`). Every change of one meeting runs in that meeting's own queue, in order.
 */
export interface SfuController {
  /** The seat is ready (or moved to another connection of the same person): it learns the mode. */
  seatReady(entry: LiveParticipant): void;
  /**
   * The seat was freed: its token is revoked and its publisher kicked; the meeting may go back to mesh. A seat
   * freed because its connection dropped (`disconnected`) keeps its token, publisher and `/sfu` websocket for
   * WAVA_PEER_READY_TIMEOUT: a client that rejoins with its peer id in that time carries on with them.
   */
  seatFreed(entry: LiveParticipant, reason: LeaveReason): void;
  /** The meeting ended: its room is destroyed and every token revoked. */
  meetingEnded(meetingId: string): void;
  /** This seat's mode once the meeting's pending changes are done (what `sfu:credentials` answers). */
  modeFor(meetingId: string, peerId: string): Promise<MeetingMode>;
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

interface MeetingState {
  mode: 'mesh' | 'sfu';
  instance: JanusInstance | null;
  room: string | null;
  generation: number;
  /** peer id -> this seat's token, in SFU mode. */
  tokens: Map<string, string>;
  /** Every change of this meeting, in order. */
  queue: TrackedQueue;
  /** peer id -> the timer that frees a seat whose connection dropped, unless it comes back first. */
  parked: Map<string, NodeJS.Timeout>;
}

export function createSfuController(deps: {
  config: Config;
  rooms: Pick<RoomRegistry, 'list' | 'get'>;
  logger: Logger;
  /** Another way to reach Janus (tests); the configured instances by default. */
  instances?: JanusInstance[];
}): SfuController {
  const { config, rooms } = deps;
  const settings = config.sfu;
  const logger = deps.logger.child({ module: 'sfu' });
  const modes = createListeners<[string, string, MeetingMode]>();
  const meetings = new Map<string, MeetingState>();
  const byToken = new Map<string, { meetingId: string; peerId: string }>();
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
      ),
    );
  const proxyBase = config.publicUrl.replace(/^http/, 'ws');

  const proxy = createSfuProxy({ admit, logger });
  const moderation = createSfuModeration({ logger });

  function admit(token: string): SfuAdmission {
    const holder = byToken.get(token);
    const state = holder && meetings.get(holder.meetingId);
    const entry = holder && rooms.get(holder.meetingId, holder.peerId);
    if (!holder || !state || state.mode !== 'sfu' || !entry?.ready || state.tokens.get(holder.peerId) !== token) {
      return { ok: false, code: 'SFU_TOKEN_INVALID' };
    }
    if (!state.instance?.isUp() || !state.room) return { ok: false, code: 'SFU_UNAVAILABLE' };
    return { ok: true, upstreamUrl: state.instance.endpoint.url, publisherId: holder.peerId, room: state.room };
  }

  function stateOf(meetingId: string): MeetingState {
    let state = meetings.get(meetingId);
    if (!state) {
      state = {
        mode: 'mesh',
        instance: null,
        room: null,
        generation: 0,
        tokens: new Map(),
        queue: createTrackedQueue((error) => logger.error({ err: error, meetingId }, 'SFU change failed')),
        parked: new Map(),
      };
      meetings.set(meetingId, state);
    }
    return state;
  }

  const ready = (meetingId: string) => rooms.list(meetingId).filter((entry) => entry.ready);

  function modeOf(state: MeetingState, peerId: string): MeetingMode {
    const token = state.tokens.get(peerId);
    if (!settings || state.mode === 'mesh' || !token || !state.instance || !state.room) {
      return { mode: 'mesh', maxParticipants: limit(state) };
    }
    const publicUrl = state.instance.endpoint.publicUrl;
    return {
      mode: 'sfu',
      url: publicUrl ?? `${proxyBase}${SFU_PATH}?token=${encodeURIComponent(token)}`,
      room: state.room,
      token,
      publisherId: peerId,
      generation: state.generation,
      lastN: settings.lastN,
      maxParticipants: settings.maxParticipants,
    };
  }

  /** The mesh limit, or the SFU's while the meeting is there or could move there. */
  function limit(state: MeetingState | undefined): number {
    if (!settings) return config.maxParticipants;
    if (state?.mode === 'sfu' || instances.some((instance) => instance.isUp())) return settings.maxParticipants;
    return config.maxParticipants;
  }

  const tell = (meetingId: string, state: MeetingState, peerId: string) =>
    modes.emit(meetingId, peerId, modeOf(state, peerId));
  const tellEveryone = (meetingId: string, state: MeetingState) => {
    for (const entry of ready(meetingId)) tell(meetingId, state, entry.participant.peerId);
  };

  /** An instance's load: the SFU participants of the meetings placed on it. */
  function loadOf(instance: JanusInstance): number {
    let load = 0;
    for (const state of meetings.values()) if (state.instance === instance) load += state.tokens.size;
    return load;
  }

  const newToken = () => randomBytes(24).toString('base64url');

  /** Places the meeting's room on an instance with a token for every ready seat; false when none can take it. */
  async function place(meetingId: string, state: MeetingState, except?: JanusInstance): Promise<boolean> {
    const instance = leastLoaded(instances, (candidate) => candidate !== except && candidate.isUp(), loadOf);
    if (!instance) return false;
    const room = `wava-${randomBytes(12).toString('base64url')}`;
    const tokens = new Map(state.tokens);
    for (const entry of ready(meetingId)) {
      if (!tokens.has(entry.participant.peerId)) tokens.set(entry.participant.peerId, newToken());
    }
    await instance.createRoom(room, { publishers: settings!.maxParticipants, allowed: [...tokens.values()] });
    state.mode = 'sfu';
    state.instance = instance;
    state.room = room;
    state.generation += 1;
    state.tokens = tokens;
    for (const [peerId, token] of tokens) byToken.set(token, { meetingId, peerId });
    moderation.roomChanged(meetingId, { instance, room });
    logger.info({ meetingId, room, sfu: instance.endpoint.url, people: tokens.size }, 'meeting placed on the SFU');
    return true;
  }

  /** Back to mesh (or gone): every token revoked, the room destroyed; `tell`: everyone hears it. */
  async function toMesh(meetingId: string, state: MeetingState, why: string): Promise<void> {
    const { instance, room } = state;
    const tokens = [...state.tokens.values()];
    for (const token of tokens) {
      byToken.delete(token);
      proxy.closeToken(token, 'SFU_TOKEN_INVALID');
    }
    state.mode = 'mesh';
    state.instance = null;
    state.room = null;
    state.tokens = new Map();
    moderation.roomChanged(meetingId, null);
    logger.info({ meetingId, why }, 'meeting back to mesh');
    if (instance?.isUp() && room) {
      // Best effort: the room is forgotten either way (a Janus that lost track is cleaned when it reconnects).
      await instance
        .revoke(room, tokens)
        .then(() => instance.destroyRoom(room))
        .catch((error: unknown) => logger.warn({ err: error, meetingId, room }, 'could not destroy the SFU room'));
    }
  }

  function forget(meetingId: string, state: MeetingState): void {
    const empty = ready(meetingId).length === 0 && state.parked.size === 0;
    if (state.mode === 'mesh' && empty && meetings.get(meetingId) === state) {
      meetings.delete(meetingId);
    }
  }

  /** An instance died: each of its meetings moves to another (everyone republishes), or back to mesh. */
  function instanceDown(instance: JanusInstance): void {
    for (const [meetingId, state] of meetings) {
      if (state.instance !== instance) continue;
      state.queue.run(async () => {
        if (state.instance !== instance) return;
        for (const token of state.tokens.values()) proxy.closeToken(token, 'SFU_UNAVAILABLE');
        const moved = await place(meetingId, state, instance).catch((error: unknown) => {
          logger.error({ err: error, meetingId }, 'could not move the meeting to another SFU instance');
          return false;
        });
        if (!moved) await toMesh(meetingId, state, 'its SFU instance is down and no other is up');
        tellEveryone(meetingId, state);
      });
    }
  }

  /** An instance (re)appeared: meetings that grew past the threshold while none was up move to the SFU now. */
  function instanceUp(): void {
    for (const [meetingId, state] of meetings) state.queue.run(() => grow(meetingId, state));
  }

  async function grow(meetingId: string, state: MeetingState): Promise<void> {
    if (!settings || state.mode !== 'mesh' || ready(meetingId).length <= settings.threshold) return;
    const placed = await place(meetingId, state).catch((error: unknown) => {
      logger.error({ err: error, meetingId }, 'could not create the meeting room on the SFU');
      return false;
    });
    if (placed) tellEveryone(meetingId, state);
    else logger.warn({ meetingId }, 'meeting past the SFU threshold stays a mesh: no SFU instance is up');
  }

  /** Revokes a freed seat's token (unless the person holds the peer id again); the meeting may go back to mesh. */
  function free(meetingId: string, peerId: string, state: MeetingState): void {
    state.queue.run(async () => {
      // The same person may hold the peer id again already (a resume): keep what is theirs.
      if (rooms.get(meetingId, peerId)) return;
      moderation.seatGone(meetingId, peerId);
      const token = state.tokens.get(peerId);
      if (token !== undefined) {
        state.tokens.delete(peerId);
        byToken.delete(token);
        proxy.closeToken(token, 'SFU_TOKEN_INVALID');
        if (state.instance?.isUp() && state.room) {
          await state.instance
            .revoke(state.room, [token], peerId)
            .catch((error: unknown) => logger.warn({ err: error, meetingId, peerId }, 'could not revoke an SFU token'));
        }
      }
      if (state.mode === 'sfu' && ready(meetingId).length <= MESH_AGAIN_AT) {
        await toMesh(meetingId, state, `shrank to ${MESH_AGAIN_AT}`);
        tellEveryone(meetingId, state);
      }
      forget(meetingId, state);
    });
  }

  for (const instance of instances) {
    instance.onDown(() => instanceDown(instance));
    instance.onUp(instanceUp);
  }

  return {
    seatReady(entry) {
      const { meetingId } = entry;
      const peerId = entry.participant.peerId;
      const state = stateOf(meetingId);
      clearTimeout(state.parked.get(peerId));
      state.parked.delete(peerId);
      state.queue.run(async () => {
        if (!rooms.get(meetingId, peerId)?.ready) return;
        if (state.mode === 'sfu' && !state.tokens.has(peerId) && state.instance && state.room) {
          const token = newToken();
          await state.instance.allow(state.room, [token]);
          state.tokens.set(peerId, token);
          byToken.set(token, { meetingId, peerId });
          tell(meetingId, state, peerId);
          return;
        }
        tell(meetingId, state, peerId);
        await grow(meetingId, state);
      });
    },
    seatFreed(entry, reason) {
      const { meetingId } = entry;
      const peerId = entry.participant.peerId;
      const state = meetings.get(meetingId);
      if (!state) return;
      if (reason === 'disconnected' && state.tokens.has(peerId) && !state.parked.has(peerId)) {
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
      for (const timer of state.parked.values()) clearTimeout(timer);
      state.parked.clear();
      state.queue.run(async () => {
        if (state.mode === 'sfu') await toMesh(meetingId, state, 'meeting ended');
        if (meetings.get(meetingId) === state) meetings.delete(meetingId);
      });
    },
    async modeFor(meetingId, peerId) {
      const state = meetings.get(meetingId);
      if (!state) return modeOf(stateOf(meetingId), peerId);
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
      const placed = [...meetings.values()].filter((state) => state.mode === 'sfu');
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
      for (const state of meetings.values()) for (const timer of state.parked.values()) clearTimeout(timer);
      proxy.close();
      await moderation.close();
      for (const instance of instances) instance.close();
    },
  };
}
