import type { Logger } from 'pino';
import pLimit from 'p-limit';
import { createAuditLoop, type AuditLoop } from './createAuditLoop.js';
import type { ClientHandle, JanusInstance, RoomWatch } from './createJanusInstance.js';
import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import { handlesBeyondLimit, SFU_HANDLES_PER_TOKEN } from './handlesBeyondLimit.js';
import { ADMIN_REQUESTS_IN_FLIGHT } from './listClientHandles.js';
import type { AuditKind, AuditPace, SfuTokenHolder } from './SfuStore.js';

/**
 * One audit of an instance at most this often, however many joins, publishers and leavers ask for one: an
 * impostor is detached, and a leaver's sessions end, within about this time (plus the audit's own duration).
 */
export const SFU_AUDIT_INTERVAL_MS = 1_000;

/** A session still without a handle this long after an audit first saw it empty is destroyed. */
export const SFU_EMPTY_SESSION_MS = 10_000;

/**
 * While an instance has a guarded room (or empty sessions still to destroy), an audit runs at least this long
 * after the previous one ended, even if nobody joins, publishes or leaves: sessions and handles that join no room
 * ask for no audit, and would otherwise outlive the limits in a quiet meeting.
 */
export const SFU_SWEEP_MS = 5_000;

/**
 * Where clients reach Janus directly (WAVA_SFU_PUBLIC_URLS) no proxy forces each seat's publisher id, closes a
 * leaver's websocket or limits what a client opens, and Janus ties a token to a room, not to an id. The guard
 * audits each such instance through the admin API (every handle with the token it was attached with,
 * `handle_info`) and detaches:
 * - a publisher in a guarded room whose id is not its token's seat's peer id (an impostor): its token is revoked
 *   first (`revokeImpostors`), so that it cannot join again under that id once detached,
 * - every handle whose token was revoked (a leaver, a removed person, a room whose grace is over), ending its
 *   sessions too,
 * - a participant's handles beyond SFU_HANDLES_PER_TOKEN, and a session left with none;
 * and destroys sessions that hold no handle for SFU_EMPTY_SESSION_MS (each one costs every audit a request, and
 * its token cannot be known: Janus records tokens on handles). Besides the triggers below, an instance with a
 * guarded room is swept every SFU_SWEEP_MS (what joins nothing triggers nothing).
 *
 * The audit costs one admin request per session and per handle, so an attacker must not be able to make it run
 * at will: there is ONE audit loop per instance (not per room or per trigger), a run at most every
 * SFU_AUDIT_INTERVAL_MS, every trigger meanwhile (a join, a publisher, a leaver) served by the next run, and at
 * most ADMIN_REQUESTS_IN_FLIGHT of its admin requests at once. Each guarded room's own watch (the server's
 * participant there) is what hears of joins and publishers.
 */
export interface SfuGuard {
  /**
   * Guards a room of the meeting on a direct-mode instance: the meeting's, or one it left for the mesh whose
   * tokens are still valid for the grace. Guarding a room already guarded changes nothing.
   */
  guard(meetingId: string, at: { instance: JanusInstance; room: string }): void;
  /** Stops guarding the room (the meeting moved on and its grace is over, or it ended). */
  release(room: string): void;
  /**
   * These tokens were revoked: the instance's next audit detaches their handles and destroys their sessions (no
   * proxied websocket to close here). Resolves once that audit ended.
   */
  endSessionsOf(instance: JanusInstance, tokens: readonly string[]): Promise<void>;
  /** Handles detached so far (impostors, revoked tokens, handles beyond the limit). */
  detached(): number;
  close(): Promise<void>;
}

/** A token caught publishing under another seat's id: whose seat it is, and the room it did it in. */
export interface Impostor {
  holder: SfuTokenHolder;
  room: string;
}

interface GuardedRoom {
  meetingId: string;
  at: { instance: JanusInstance; room: string };
  /** Released: its watch is closed, and it is forgotten. */
  released: boolean;
  watch: RoomWatch | null;
  /** Opening and closing its watch, in order. */
  queue: TrackedQueue;
}

/** One instance's audits: its loop, the sessions seen empty (and since when), and its next sweep. */
interface InstanceAudits {
  loop: AuditLoop;
  emptySince: Map<number, number>;
  sweep: NodeJS.Timeout | undefined;
  /** Something happened there since the last run (not only a sweep is due). */
  triggered: boolean;
}

const PACE: AuditPace = { minIntervalMs: SFU_AUDIT_INTERVAL_MS, sweepMs: SFU_SWEEP_MS };

type Verdict = 'revoked' | 'impostor' | 'beyond-limit';

const DETACHED_BECAUSE: Record<Verdict, string> = {
  revoked: 'SFU handles of a revoked token detached',
  impostor: 'SFU publisher under another seat’s id detached',
  'beyond-limit': 'SFU handles beyond the per-participant limit detached',
};

export function createSfuGuard(deps: {
  logger: Logger;
  /** Whose seat a token is (any server's), or null once revoked. */
  holder(token: string): Promise<SfuTokenHolder | null>;
  /** The room a meeting is in, or left for the mesh and is still in its grace (any server's meeting). */
  roomOf(meetingId: string): Promise<string | null>;
  /**
   * Runs one audit of the instance as the cluster's (SfuStore.auditInstance): with several servers, one audits
   * each instance for all of them.
   */
  auditInstance(instance: string, kind: AuditKind, pace: AuditPace, audit: () => Promise<void>): Promise<void>;
  /**
   * These tokens published under another seat's id on `instance` (token -> its seat, and the room): revoke them.
   * Awaited before their handles are detached.
   */
  revokeImpostors(instance: JanusInstance, impostors: ReadonlyMap<string, Impostor>): Promise<void>;
}): SfuGuard {
  const logger = deps.logger.child({ module: 'sfu-guard' });
  const rooms = new Map<string, GuardedRoom>();
  const audits = new Map<JanusInstance, InstanceAudits>();
  let detachedCount = 0;
  let closed = false;
  let onClosed = () => {};
  /** Resolves on close: a run still waiting for its turn (another server's audit) is not waited for. */
  const whenClosed = new Promise<void>((resolve) => (onClosed = resolve));

  function auditsOf(instance: JanusInstance): InstanceAudits {
    let state = audits.get(instance);
    if (!state) {
      const emptySince = new Map<number, number>();
      const loop = createAuditLoop(
        async () => {
          const kind: AuditKind = audits.get(instance)?.triggered ? 'trigger' : 'sweep';
          audits.get(instance)!.triggered = false;
          const turn = deps
            .auditInstance(instance.endpoint.url, kind, PACE, () =>
              closed ? Promise.resolve() : audit(instance, emptySince),
            )
            .catch((error: unknown) => {
              if (!closed) throw error;
            });
          try {
            await Promise.race([turn, whenClosed]);
          } finally {
            sweepLater(instance);
          }
        },
        {
          minIntervalMs: SFU_AUDIT_INTERVAL_MS,
          onError: (error) => logger.warn({ err: error, sfu: instance.endpoint.url }, 'SFU guard audit failed'),
        },
      );
      state = { loop, emptySince, sweep: undefined, triggered: false };
      audits.set(instance, state);
    }
    return state;
  }

  /** The instance's loop, for an audit that something happening there asks for. */
  function loopOf(instance: JanusInstance): AuditLoop {
    const state = auditsOf(instance);
    state.triggered = true;
    return state.loop;
  }

  /** The next sweep of the instance, SFU_SWEEP_MS from now, while there is something to watch there. */
  function sweepLater(instance: JanusInstance): void {
    const state = audits.get(instance);
    if (!state) return;
    clearTimeout(state.sweep);
    state.sweep = undefined;
    const guarded = [...rooms.values()].some((room) => room.at.instance === instance && !room.released);
    if (closed || (!guarded && state.emptySince.size === 0)) return;
    state.sweep = setTimeout(() => {
      state.sweep = undefined;
      void state.loop.request();
    }, SFU_SWEEP_MS);
    state.sweep.unref();
  }

  /** Why a handle must go, or null. `roomOfMeeting`: the room the token's meeting is in (or in its grace). */
  function verdictOf(
    handle: ClientHandle,
    holder: SfuTokenHolder | null,
    roomOfMeeting: string | null,
  ): Verdict | null {
    if (!holder) return 'revoked';
    if (handle.room === null) return null; // joined nothing (yet)
    if (handle.room !== roomOfMeeting) return 'revoked'; // another meeting's room, or one its meeting left
    if (handle.type === 'publisher' && holder.peerId !== handle.participantId) return 'impostor';
    return null;
  }

  /**
   * The whole instance, every server's meetings there (the cluster audits each instance once, see
   * SfuStore.auditInstance). `emptySince`: when this server's audits of the instance first saw each session without
   * a handle (kept from one to the next).
   */
  async function audit(instance: JanusInstance, emptySince: Map<number, number>): Promise<void> {
    if (!instance.isUp()) return;
    const roomsOf = new Map<string, Promise<string | null>>();
    const roomOf = (meetingId: string) => {
      let room = roomsOf.get(meetingId);
      if (!room) roomsOf.set(meetingId, (room = deps.roomOf(meetingId)));
      return room;
    };
    const listing = await instance.listClients();
    const handles = listing.handles.filter((handle) => handle.token !== null);
    const holders = new Map<string, Promise<SfuTokenHolder | null>>();
    const holderOf = (token: string) => {
      let holder = holders.get(token);
      if (!holder) holders.set(token, (holder = deps.holder(token)));
      return holder;
    };
    const doomed = new Map<ClientHandle, Verdict>();
    for (const handle of handles) {
      const holder = await holderOf(handle.token!);
      const verdict = verdictOf(handle, holder, holder && (await roomOf(holder.meetingId)));
      if (verdict) doomed.set(handle, verdict);
    }
    const kept = handles.filter((handle) => !doomed.has(handle));
    for (const handle of handlesBeyondLimit(kept, SFU_HANDLES_PER_TOKEN)) doomed.set(handle, 'beyond-limit');
    await revokeImpostors(instance, doomed, holderOf);

    const limit = pLimit(ADMIN_REQUESTS_IN_FLIGHT);
    // A handle, or a session, may have ended meanwhile: nothing left to do for it.
    await Promise.all(
      [...doomed.keys()].map((handle) => limit(() => instance.detachHandle(handle).catch(() => undefined))),
    );
    detachedCount += doomed.size;
    await logDetached(doomed, holderOf);
    // A session none of whose handles is left: a leaver's, or one opened only for extra handles.
    const living = new Set(handles.filter((handle) => !doomed.has(handle)).map((handle) => handle.sessionId));
    const ended = new Set([...doomed.keys()].map((handle) => handle.sessionId).filter((id) => !living.has(id)));
    for (const sessionId of stillEmpty(listing.emptySessions, emptySince)) ended.add(sessionId);
    await Promise.all(
      [...ended].map((sessionId) => limit(() => instance.destroySession(sessionId).catch(() => undefined))),
    );
  }

  /** Revokes the impostors' tokens before their handles go: detached, they could otherwise join again at once. */
  async function revokeImpostors(
    instance: JanusInstance,
    doomed: Map<ClientHandle, Verdict>,
    holderOf: (token: string) => Promise<SfuTokenHolder | null>,
  ): Promise<void> {
    const impostors = new Map<string, Impostor>();
    for (const [handle, verdict] of doomed) {
      const holder = verdict === 'impostor' ? await holderOf(handle.token!) : null;
      if (holder && handle.room !== null) impostors.set(handle.token!, { holder, room: handle.room });
    }
    if (impostors.size === 0) return;
    await deps
      .revokeImpostors(instance, impostors)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not revoke an SFU impostor’s token'));
  }

  /** The sessions empty for SFU_EMPTY_SESSION_MS; `emptySince` then holds only those empty now, and not yet long. */
  function stillEmpty(empty: readonly number[], emptySince: Map<number, number>): number[] {
    const now = Date.now();
    const expired: number[] = [];
    const current = new Set(empty);
    for (const sessionId of emptySince.keys()) if (!current.has(sessionId)) emptySince.delete(sessionId);
    for (const sessionId of empty) {
      const since = emptySince.get(sessionId);
      if (since === undefined) emptySince.set(sessionId, now);
      else if (now - since >= SFU_EMPTY_SESSION_MS) {
        emptySince.delete(sessionId);
        expired.push(sessionId);
      }
    }
    if (expired.length > 0) logger.warn({ sessions: expired.length }, 'SFU sessions without a handle destroyed');
    return expired;
  }

  /** One line per participant and reason, however many handles an attacker opened. */
  async function logDetached(
    doomed: Map<ClientHandle, Verdict>,
    holderOf: (token: string) => Promise<SfuTokenHolder | null>,
  ): Promise<void> {
    const counts = new Map<string, { token: string; verdict: Verdict; handles: number; publisherId: string | null }>();
    for (const [handle, verdict] of doomed) {
      const key = `${verdict} ${handle.token}`;
      const entry = counts.get(key) ?? { token: handle.token!, verdict, handles: 0, publisherId: handle.participantId };
      entry.handles += 1;
      counts.set(key, entry);
    }
    for (const { token, verdict, handles, publisherId } of counts.values()) {
      const holder = await holderOf(token);
      logger.warn(
        { meetingId: holder?.meetingId, seat: holder?.peerId ?? null, publisherId, handles, verdict },
        DETACHED_BECAUSE[verdict],
      );
    }
  }

  async function sync(state: GuardedRoom): Promise<void> {
    const { at } = state;
    if (state.released) {
      const current = state.watch;
      state.watch = null;
      await current?.close();
      if (rooms.get(at.room) === state) rooms.delete(at.room);
      return;
    }
    if (!state.watch && at.instance.isUp()) {
      const changed = () => void loopOf(at.instance).request();
      state.watch = await at.instance.watch(at.room, changed, changed);
      changed(); // whoever joined before the watch did
    }
  }

  return {
    guard(meetingId, at) {
      let state = rooms.get(at.room);
      if (state && !state.released) return;
      if (!state) {
        state = {
          meetingId,
          at,
          released: false,
          watch: null,
          queue: createTrackedQueue((error) => logger.warn({ err: error, meetingId }, 'SFU guard failed')),
        };
        rooms.set(at.room, state);
      }
      state.released = false;
      const guarded = state;
      guarded.queue.run(() => sync(guarded));
      if (!auditsOf(at.instance).sweep) sweepLater(at.instance);
    },
    release(room) {
      const state = rooms.get(room);
      if (!state || state.released) return;
      state.released = true;
      state.queue.run(() => sync(state));
    },
    async endSessionsOf(instance, tokens) {
      // Revoked before this call: the audit finds them without a holder.
      if (tokens.length > 0) await loopOf(instance).request();
    },
    detached: () => detachedCount,
    async close() {
      closed = true;
      onClosed();
      for (const { sweep } of audits.values()) clearTimeout(sweep);
      for (const state of rooms.values()) {
        state.released = true;
        state.queue.run(() => sync(state));
      }
      await Promise.all([...rooms.values()].map((state) => state.queue.idle()));
      rooms.clear();
      await Promise.all([...audits.values()].map(({ loop }) => loop.close()));
      audits.clear();
    },
  };
}
